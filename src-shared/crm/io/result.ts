/** File-level import failure codes (keys of locales/<lang>/errors.json). Nothing is produced on failure. */
export const IMPORT_FILE_ERRORS = [
  'crm.import.empty_file',
  'crm.import.unknown_encoding',
  'crm.import.decode_failed',
  'crm.import.csv_malformed',
  'crm.import.no_header',
  'crm.import.duplicate_header',
  'crm.import.too_many_rows',
  'crm.import.xlsx_unreadable',
  'crm.import.vcard_unreadable',
  'crm.import.vcard_version_unsupported',
] as const;
export type ImportFileErrorCode = (typeof IMPORT_FILE_ERRORS)[number];

export interface ImportFileError {
  code: ImportFileErrorCode;
  /** 1-based line/row where known. */
  row?: number;
  /** Interpolation values for the translated message ({{encoding}}, {{column}}, {{version}}, {{max}}). */
  params?: Record<string, string>;
  /** Technical detail for logs, never shown as the message. */
  detail?: string;
}

export type FileResult<T> = { ok: true; value: T } | { ok: false; error: ImportFileError };

export const ok = <T>(value: T): FileResult<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: ImportFileErrorCode,
  extra: Omit<ImportFileError, 'code'> = {},
): FileResult<T> => ({
  ok: false,
  error: { code, ...extra },
});

/** Rows per import (a larger file should be split; keeps the dry run responsive). */
export const MAX_IMPORT_ROWS = 20_000;

/** A parsed table: header names and one string record per row. */
export interface RawTable {
  headers: string[];
  rows: Record<string, string>[];
}
