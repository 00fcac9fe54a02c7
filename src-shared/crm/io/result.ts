/** File-level import failure codes (keys of locales/<lang>/errors.json). Nothing is produced on failure. */
export const IMPORT_FILE_ERRORS = [
  'crm.import.empty_file',
  'crm.import.no_rows',
  'crm.import.file_too_large',
  'crm.import.html_file',
  'crm.import.binary_file',
  'crm.import.xls_legacy',
  'crm.import.truncated',
  'crm.import.unknown_encoding',
  'crm.import.decode_failed',
  'crm.import.csv_malformed',
  'crm.import.no_header',
  'crm.import.too_many_rows',
  'crm.import.xlsx_unreadable',
  'crm.import.sheet_not_found',
  'crm.import.vcard_unreadable',
  'crm.import.vcard_version_unsupported',
] as const;
export type ImportFileErrorCode = (typeof IMPORT_FILE_ERRORS)[number];

export interface ImportFileError {
  code: ImportFileErrorCode;
  /** 1-based line/row where known. */
  row?: number;
  /** Interpolation values for the translated message ({{encoding}}, {{version}}, {{max}}, {{size}}). */
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

/** Rows per import (a larger file should be split; keeps the check responsive). */
export const MAX_IMPORT_ROWS = 20_000;
/** Bytes per file: 20,000 rows of a wide Outlook CSV fit; a 50 MB file is refused before parsing. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

/**
 * A cell that holds no usable text although the source shows something: a formula
 * saved without its result, or an Excel error value (#N/A).
 */
export type CellIssue = 'crm.import.formula_no_value' | 'crm.import.cell_error';

/**
 * Rows and columns as read, before the header row is chosen (CSV and spreadsheets).
 * `issues` is keyed `row:column` (0-based).
 */
export interface Grid {
  cells: string[][];
  issues?: Map<string, CellIssue>;
}

/** A parsed table: header names and one string record per row. */
export interface RawTable {
  headers: string[];
  rows: Record<string, string>[];
  /** 1-based line/row of each data row in the source (for messages and the refused-rows file). */
  sourceRows?: number[];
  /** Cells that looked filled but gave no value, keyed `dataRowIndex\u0000header`. */
  cellIssues?: Map<string, CellIssue>;
}
