import Papa from 'papaparse';
import { fail, ok, type FileResult, type Grid } from './result';

/**
 * CSV text → grid (papaparse guesses the delimiter: Excel writes ";" where the
 * decimal mark is a comma, e.g. Vietnamese Windows, and tabs for "Unicode text").
 * An unclosed quote shifts data into wrong columns: the file is refused.
 */
export function parseCsvGrid(text: string): FileResult<Grid> {
  const body = text.replace(/^\ufeff/, '');
  if (!body.trim()) return fail('crm.import.empty_file');
  const result = Papa.parse<string[]>(body, { header: false, skipEmptyLines: 'greedy' });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal)
    return fail('crm.import.csv_malformed', { row: (fatal.row ?? 0) + 1, detail: fatal.code });
  return ok({ cells: result.data });
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
