import type { BuyerCompany, Contact } from '../schemas';
import { parseCsv, toCsv } from './csv';
import { decodeText, type DecodedText, type TextEncodingName } from './encoding';
import { EXPORT_FIELDS, toFlatRows } from './fields';
import type { FileResult, RawTable } from './result';
import { parseVcards, toVcards } from './vcard';
import { parseXlsx, toXlsx } from './xlsx';

export type ImportFormat = 'csv' | 'xlsx' | 'vcard';

/** By extension first, then by content (ZIP magic = xlsx, BEGIN:VCARD = vCard). */
export function detectImportFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'vcf' || ext === 'vcard') return 'vcard';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 64)).replace(/^\ufeff/, '');
  return /^BEGIN:VCARD/i.test(head) ? 'vcard' : 'csv';
}

export interface ReadFileResult {
  table: RawTable;
  /** For text formats: which encoding was used and how it was chosen. */
  decoded?: Omit<DecodedText, 'text'>;
}

/** Bytes of an uploaded file → a table for the mapping step. Nothing is produced on error. */
export async function readImportFile(
  bytes: Uint8Array,
  format: ImportFormat,
  options: { encoding?: TextEncodingName } = {},
): Promise<FileResult<ReadFileResult>> {
  if (format === 'xlsx') {
    const r = await parseXlsx(bytes);
    return r.ok ? { ok: true, value: { table: r.value } } : r;
  }
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded.ok) return decoded;
  const { text, ...info } = decoded.value;
  const parsed = format === 'vcard' ? parseVcards(text) : parseCsv(text);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { table: parsed.value, decoded: info } };
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
