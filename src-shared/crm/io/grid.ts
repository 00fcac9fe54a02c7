import {
  MAX_IMPORT_ROWS,
  fail,
  ok,
  type CellIssue,
  type FileResult,
  type Grid,
  type RawTable,
} from './result';

/** Rows looked at when guessing the header row (title rows, blank rows, notes above a list). */
const HEADER_SCAN_ROWS = 30;

/** "A", "B", … "AA": spreadsheet column letters, for columns without a name. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const looksLikeData = (v: string) =>
  /^[+\d\s\-().]{6,}$/.test(v) ||
  /^\d+([.,]\d+)?$/.test(v) ||
  /@/.test(v) ||
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(v);

/**
 * The row most likely to hold the column names: several different texts, known
 * header words, no phone numbers or emails. A title merged across the columns
 * (one distinct value) or a blank row never wins.
 */
export function detectHeaderRow(grid: Grid, isKnownHeader: (text: string) => boolean): number {
  let best = 0;
  let bestScore = -Infinity;
  const n = Math.min(grid.cells.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < n; r++) {
    const cells = grid.cells[r]!.map((c) => c.trim()).filter(Boolean);
    const distinct = new Set(cells);
    if (distinct.size < 2) continue;
    let known = 0;
    let data = 0;
    for (const c of distinct) {
      if (isKnownHeader(c)) known++;
      else if (looksLikeData(c)) data++;
    }
    const score = known * 4 + distinct.size - data * 3;
    if (score > bestScore) {
      bestScore = score;
      best = r;
    }
  }
  return best;
}

/**
 * A grid with a chosen header row → table. Unnamed columns that hold data are
 * named by their letter "(C)"; a repeated name gets " (2)", so nothing is dropped
 * or refused for it. Blank rows and repeated header rows are skipped.
 */
export function gridToTable(grid: Grid, headerRow: number): FileResult<RawTable> {
  const { cells } = grid;
  if (headerRow < 0 || headerRow >= cells.length) return fail('crm.import.no_header');
  const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
  const raw = cells[headerRow]!;
  const columnHasData = (c: number) => {
    for (let r = headerRow + 1; r < cells.length; r++) if (cells[r]![c]?.trim()) return true;
    return false;
  };
  const headers: string[] = [];
  const used = new Map<string, number>();
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    let name = (raw[c] ?? '').trim().replace(/\s+/g, ' ');
    if (!name) {
      if (!columnHasData(c)) continue;
      name = `(${columnLetter(c)})`;
    }
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    if (seen) name = `${name} (${seen + 1})`;
    headers.push(name);
    keep.push(c);
  }
  if (headers.length === 0) return fail('crm.import.no_header');
  const headerKey = keep.map((c) => (raw[c] ?? '').trim()).join('\u0000');
  const rows: Record<string, string>[] = [];
  const sourceRows: number[] = [];
  const cellIssues = new Map<string, CellIssue>();
  for (let r = headerRow + 1; r < cells.length; r++) {
    const line = cells[r]!;
    let any = false;
    for (const c of keep)
      if (line[c]?.trim() || grid.issues?.has(`${r}:${c}`)) {
        any = true;
        break;
      }
    if (!any) continue;
    if (keep.map((c) => (line[c] ?? '').trim()).join('\u0000') === headerKey) continue;
    const record: Record<string, string> = {};
    keep.forEach((c, i) => {
      record[headers[i]!] = (line[c] ?? '').trim();
      const issue = grid.issues?.get(`${r}:${c}`);
      if (issue) cellIssues.set(`${rows.length}\u0000${headers[i]}`, issue);
    });
    rows.push(record);
    sourceRows.push(r + 1);
    if (rows.length > MAX_IMPORT_ROWS)
      return fail('crm.import.too_many_rows', { params: { max: String(MAX_IMPORT_ROWS) } });
  }
  if (rows.length === 0) return fail('crm.import.no_rows');
  return ok({ headers, rows, sourceRows, ...(cellIssues.size ? { cellIssues } : {}) });
}
