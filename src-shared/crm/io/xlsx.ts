import ExcelJS from 'exceljs';
import { tableFrom } from './csv';
import { fail, type FileResult, type RawTable } from './result';

/** First worksheet of an .xlsx → header + rows, every cell as its displayed text. */
export async function parseXlsx(data: ArrayBuffer | Uint8Array): Promise<FileResult<RawTable>> {
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
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) return fail('crm.import.empty_file');
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) headers.push(cellText(headerRow.getCell(c)).trim());
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record: Record<string, string> = {};
    let any = false;
    headers.forEach((h, i) => {
      const v = cellText(row.getCell(i + 1));
      if (v.trim()) any = true;
      record[h] = v;
    });
    if (any) rows.push(record);
  }
  return tableFrom(headers, rows);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  // A hyperlink cell shows a label; the address is the data (websites, mailto: emails).
  if (typeof v === 'object' && 'hyperlink' in v && typeof v.hyperlink === 'string')
    return v.hyperlink.replace(/^mailto:/i, '');
  return cell.text ?? '';
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
