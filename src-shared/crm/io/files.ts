import type { BuyerCompany, Contact } from '../schemas';
import { parseCsvGrid, toCsv } from './csv';
import { decodeText, type DecodedText, type TextEncodingName } from './encoding';
import { EXPORT_FIELDS, toFlatRows } from './fields';
import { detectHeaderRow, gridToTable } from './grid';
import { isKnownHeader } from './mapping';
import { MAX_IMPORT_BYTES, fail, ok, type FileResult, type Grid, type RawTable } from './result';
import { parseVcards, toVcards } from './vcard';
import { unfoldVcardBytes } from './vcard21';
import { parseXlsxWorkbook, toXlsx } from './xlsx';

export type ImportFormat = 'csv' | 'xlsx' | 'vcard';

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0]; // .xls, .doc: Excel 97-2003
const BINARY_MAGIC = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];

/**
 * What the bytes are, whatever the name says (a workbook renamed .csv is read as
 * a workbook), or why they cannot be an import: too large, legacy .xls, binary.
 */
export function detectImportFormat(fileName: string, bytes: Uint8Array): FileResult<ImportFormat> {
  if (bytes.length === 0) return fail('crm.import.empty_file');
  if (bytes.length > MAX_IMPORT_BYTES)
    return fail('crm.import.file_too_large', {
      params: { max: String(MAX_IMPORT_BYTES / 1024 / 1024) },
    });
  if (startsWith(bytes, ZIP)) return ok('xlsx');
  if (startsWith(bytes, OLE2)) return fail('crm.import.xls_legacy');
  if (BINARY_MAGIC.some((m) => startsWith(bytes, m))) return fail('crm.import.binary_file');
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return fail('crm.import.binary_file');
  const ext = fileName.toLowerCase().split('.').pop();
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 64))
    .replace(/^\ufeff/, '')
    .trimStart();
  if (/^BEGIN:VCARD/i.test(head)) return ok('vcard');
  if (ext === 'xlsx') return fail('crm.import.xlsx_unreadable');
  return ok(ext === 'vcf' || ext === 'vcard' ? 'vcard' : 'csv');
}

/** A web page or XML document saved under a .csv name (Excel "Save as Web Page", a login page). */
const MARKUP = /^\s*<(!doctype\s+html|html|head|body|table|meta|\?xml)/i;

/** Control characters other than tab and line breaks: a binary file that happened to decode. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control > sample.length / 100;
}

/** One table-like part of a file: the CSV itself, or one sheet of a workbook. */
export interface SourceSheet {
  name: string;
  hidden: boolean;
  grid: Grid;
}

/** A read file, before the sheet and the header row are chosen. */
export interface ImportSource {
  format: ImportFormat;
  /** Text formats: which encoding was used and how it was chosen. */
  decoded?: Omit<DecodedText, 'text'>;
  /** CSV: one; XLSX: every sheet; vCard: none (cards are already a table). */
  sheets: SourceSheet[];
  defaultSheet: number;
  /** vCard: cards as rows with our field names. */
  table?: RawTable;
}

/** Bytes of an uploaded file → its sheets or cards. Nothing is produced on error. */
export async function readImportSource(
  fileName: string,
  bytes: Uint8Array,
  options: { encoding?: TextEncodingName } = {},
): Promise<FileResult<ImportSource>> {
  const format = detectImportFormat(fileName, bytes);
  if (!format.ok) return format;
  if (format.value === 'xlsx') {
    const r = await parseXlsxWorkbook(bytes);
    if (!r.ok) return r;
    return ok({
      format: 'xlsx',
      sheets: r.value.sheets.map(({ name, hidden, cells, issues }) => ({
        name,
        hidden,
        grid: { cells, ...(issues?.size ? { issues } : {}) },
      })),
      defaultSheet: r.value.defaultSheet,
    });
  }
  const decoded = decodeText(
    format.value === 'vcard' ? unfoldVcardBytes(bytes) : bytes,
    options.encoding,
  );
  if (!decoded.ok) return decoded;
  const { text, ...info } = decoded.value;
  if (MARKUP.test(text.replace(/^\ufeff/, ''))) return fail('crm.import.html_file');
  if (looksBinary(text)) return fail('crm.import.binary_file');
  if (format.value === 'vcard') {
    const parsed = parseVcards(text);
    if (!parsed.ok) return parsed;
    return ok({ format: 'vcard', decoded: info, sheets: [], defaultSheet: 0, table: parsed.value });
  }
  const grid = parseCsvGrid(text);
  if (!grid.ok) return grid;
  return ok({
    format: 'csv',
    decoded: info,
    sheets: [{ name: fileName, hidden: false, grid: grid.value }],
    defaultSheet: 0,
  });
}

export interface TableChoice {
  /** Sheet index (workbooks). */
  sheet?: number;
  /** 0-based row holding the column names; detected when absent. */
  headerRow?: number;
}

/** The table of one sheet with its header row (given, or detected). */
export function sourceTable(
  source: ImportSource,
  choice: TableChoice = {},
): FileResult<{ table: RawTable; sheet: number; headerRow: number }> {
  if (source.table) return ok({ table: source.table, sheet: 0, headerRow: 0 });
  const sheet = choice.sheet ?? source.defaultSheet;
  const grid = source.sheets[sheet]?.grid;
  if (!grid) return fail('crm.import.sheet_not_found');
  if (!grid.cells.some((row) => row.some((c) => c.trim()))) return fail('crm.import.empty_file');
  const headerRow = choice.headerRow ?? detectHeaderRow(grid, isKnownHeader);
  const table = gridToTable(grid, headerRow);
  return table.ok ? ok({ table: table.value, sheet, headerRow }) : table;
}

export interface ReadFileResult {
  table: RawTable;
  /** For text formats: which encoding was used and how it was chosen. */
  decoded?: Omit<DecodedText, 'text'>;
}

/** Read + first sheet + detected header row in one step (tests, benchmarks, our own exports). */
export async function readImportFile(
  bytes: Uint8Array,
  format: ImportFormat,
  options: { encoding?: TextEncodingName } = {},
): Promise<FileResult<ReadFileResult>> {
  const name = format === 'vcard' ? 'file.vcf' : format === 'xlsx' ? 'file.xlsx' : 'file.csv';
  const source = await readImportSource(name, bytes, options);
  if (!source.ok) return source;
  const t = sourceTable(source.value);
  if (!t.ok) return t;
  return ok({
    table: t.value.table,
    ...(source.value.decoded ? { decoded: source.value.decoded } : {}),
  });
}

/** CSV export: UTF-8 with BOM, our field names as headers (re-import needs no mapping). */
export function exportCsv(buyers: readonly BuyerCompany[], contacts: readonly Contact[]): string {
  return toCsv(EXPORT_FIELDS, toFlatRows(buyers, contacts) as Record<string, string>[]);
}

export function exportXlsx(
  buyers: readonly BuyerCompany[],
  contacts: readonly Contact[],
): Promise<Uint8Array> {
  return toXlsx(EXPORT_FIELDS, toFlatRows(buyers, contacts) as Record<string, string>[]);
}

export function exportVcard(buyers: readonly BuyerCompany[], contacts: readonly Contact[]): string {
  return toVcards(buyers, contacts);
}

/** UTF-8 bytes of a text export (TextEncoder keeps the BOM character as EF BB BF). */
export function textBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
