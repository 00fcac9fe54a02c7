import Papa from 'papaparse';
import { MAX_IMPORT_ROWS, fail, ok, type FileResult, type RawTable } from './result';

/** CSV text → header + rows (papaparse). Structural problems fail the whole file. */
export function parseCsv(text: string): FileResult<RawTable> {
  const body = text.replace(/^\ufeff/, '');
  if (!body.trim()) return fail('crm.import.empty_file');
  const result = Papa.parse<Record<string, string>>(body, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  // Broken quoting or extra fields shift data into wrong columns: refuse the file.
  // Missing trailing fields (TooFewFields) are harmless, and a one-column file
  // has no detectable delimiter.
  const fatal = result.errors.find((e) => e.type === 'Quotes' || e.code === 'TooManyFields');
  if (fatal)
    return fail('crm.import.csv_malformed', { row: (fatal.row ?? 0) + 2, detail: fatal.code });
  // papaparse renames a repeated header ("a" → "a_1"); a repeated column is ambiguous: refuse.
  const renamed = Object.values(result.meta.renamedHeaders ?? {});
  if (renamed.length)
    return fail('crm.import.duplicate_header', { params: { column: renamed[0]! } });
  const headers = result.meta.fields ?? [];
  return tableFrom(headers, result.data);
}

/** Shared checks for any tabular source (CSV, XLSX). */
export function tableFrom(headers: string[], rows: Record<string, string>[]): FileResult<RawTable> {
  if (!headers.length || headers.every((h) => !h)) return fail('crm.import.no_header');
  const seen = new Set<string>();
  for (const h of headers) {
    if (!h) continue;
    if (seen.has(h)) return fail('crm.import.duplicate_header', { params: { column: h } });
    seen.add(h);
  }
  if (rows.length > MAX_IMPORT_ROWS)
    return fail('crm.import.too_many_rows', { params: { max: String(MAX_IMPORT_ROWS) } });
  const clean = rows.map((r) => {
    const out: Record<string, string> = {};
    for (const h of headers) if (h) out[h] = String(r[h] ?? '').trim();
    return out;
  });
  return ok({ headers: headers.filter(Boolean), rows: clean });
}

/** Rows → CSV text with a UTF-8 BOM (Excel on Windows needs it to read UTF-8). */
export function toCsv(headers: readonly string[], rows: readonly Record<string, string>[]): string {
  return (
    '\ufeff' +
    Papa.unparse(
      { fields: [...headers], data: rows.map((r) => headers.map((h) => r[h] ?? '')) },
      { newline: '\r\n' },
    )
  );
}
