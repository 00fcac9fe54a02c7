import ExcelJS from 'exceljs';
import { fail, ok, type CellIssue, type FileResult, type Grid } from './result';

/**
 * exceljs, not SheetJS: the SheetJS build on npm (0.18.5) is years old with known
 * advisories, its maintained builds are not on the npm registry. exceljs gives what
 * an import needs: every sheet, merged cells (a covered cell reads its master's
 * value, so a company merged down over its contacts fills each row), date cells as
 * Dates, and formula cells with the result Excel saved.
 */
export interface SheetGrid extends Grid {
  name: string;
  hidden: boolean;
}

export interface WorkbookGrids {
  sheets: SheetGrid[];
  /** Index of the sheet to show first: the first visible one with a list in it. */
  defaultSheet: number;
}

/** .xlsx bytes → one grid per sheet, every cell as text (see `cellText`). */
export async function parseXlsxWorkbook(
  data: ArrayBuffer | Uint8Array,
): Promise<FileResult<WorkbookGrids>> {
  if (data.byteLength === 0) return fail('crm.import.empty_file');
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer =
      data instanceof Uint8Array
        ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
        : data;
    await workbook.xlsx.load(buffer as ArrayBuffer);
  } catch (e) {
    return fail('crm.import.xlsx_unreadable', {
      detail: e instanceof Error ? e.message.slice(0, 200) : undefined,
    });
  }
  const sheets: SheetGrid[] = workbook.worksheets.map((sheet) => {
    const cells: string[][] = [];
    const issues = new Map<string, CellIssue>();
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const line: string[] = [];
      for (let c = 1; c <= width; c++) {
        const read = cellText(row.getCell(c).value);
        line.push(read.text);
        if (read.issue) issues.set(`${r - 1}:${c - 1}`, read.issue);
      }
      cells.push(line);
    }
    return { name: sheet.name, hidden: sheet.state !== 'visible', cells, issues };
  });
  if (!sheets.some((s) => s.cells.some((row) => row.some(Boolean))))
    return fail('crm.import.empty_file');
  const filled = (s: SheetGrid) => s.cells.filter((row) => row.some(Boolean)).length >= 2;
  const first = sheets.findIndex((s) => !s.hidden && filled(s));
  return ok({ sheets, defaultSheet: first >= 0 ? first : 0 });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell (exceljs reads the serial as a UTC instant) → "2025-03-04" (or "… 09:30"). */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return h || m ? `${day} ${pad(h)}:${pad(m)}` : day;
}

/** 15 significant digits, as Excel shows them: no 0.30000000000000004, no exponent for phones. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}

const looksLikeAddress = (s: string) =>
  /^(https?:|mailto:|www\.)|@|^[\w-]+(\.[\w-]+)+\/?$/i.test(s.trim());

/** A cell value → the text an import reads, or an issue when the cell has none to give. */
export function cellText(v: ExcelJS.CellValue | undefined): { text: string; issue?: CellIssue } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return { text: numberText(v) };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { text: dateText(v) };
  if ('richText' in v && Array.isArray(v.richText))
    return { text: v.richText.map((r) => r.text).join('') };
  if ('hyperlink' in v && typeof v.hyperlink === 'string') {
    // A link's text is the data (a company name linking its site), unless it is the address itself.
    const label = typeof v.text === 'string' ? v.text : '';
    return {
      text: label && !looksLikeAddress(label) ? label : v.hyperlink.replace(/^mailto:/i, ''),
    };
  }
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null)
      return { text: '', issue: 'crm.import.formula_no_value' };
    if (typeof result === 'object' && 'error' in result)
      return { text: '', issue: 'crm.import.cell_error' };
    return cellText(result);
  }
  if ('error' in v) return { text: '', issue: 'crm.import.cell_error' };
  return { text: '' };
}

/** Rows → .xlsx bytes, added a page at a time. Every cell is text so phone numbers keep their leading 0. */
export class XlsxSheetWriter {
  private workbook = new ExcelJS.Workbook();
  private sheet: ExcelJS.Worksheet;

  constructor(
    private readonly headers: readonly string[],
    sheetName = 'Buyers',
  ) {
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.addRow([...headers]).font = { bold: true };
  }

  addRows(rows: readonly Record<string, string>[]): void {
    for (const r of rows) this.sheet.addRow(this.headers.map((h) => r[h] ?? ''));
  }

  async finish(): Promise<Uint8Array> {
    this.sheet.columns.forEach((col) => {
      col.numFmt = '@';
      col.width = 18;
    });
    this.sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const out = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(out as ArrayBuffer);
  }
}

/** Rows → .xlsx bytes (all at once). */
export async function toXlsx(
  headers: readonly string[],
  rows: readonly Record<string, string>[],
  sheetName = 'Buyers',
): Promise<Uint8Array> {
  const writer = new XlsxSheetWriter(headers, sheetName);
  writer.addRows(rows);
  return writer.finish();
}
