import Papa from 'papaparse';
import type { BuyerCompany, Contact } from '../schemas';
import { EXPORT_FIELDS, toFlatRows } from './fields';
import { encodeLegacy, type LegacyCsvEncoding } from './legacy-encoding';
import { toVcards } from './vcard';
import { XlsxSheetWriter } from './xlsx';

export type ExportFormat = 'csv' | 'xlsx' | 'vcard';

export interface ExportOutput {
  /** File content in pieces (a Blob joins them without one giant string). */
  parts: (string | Uint8Array)[];
  mime: string;
  extension: string;
  buyers: number;
  /**
   * CSV in a legacy code page: characters it cannot hold, written as "?" (the
   * caller shows them and asks before saving). Empty for every other export.
   */
  unencodable: string[];
}

export interface ExportOptions {
  /** CSV only: UTF-8 with BOM (default) or the code page of older Excel (no BOM). */
  encoding?: 'utf-8' | LegacyCsvEncoding;
}

/**
 * An export fed one page of buyers at a time (with the contacts of those
 * buyers), so the app never holds every buyer at once. CSV and vCard output
 * grow piece by piece; XLSX adds rows to the sheet and zips at the end.
 * The pieces joined equal `exportCsv` / `exportVcard` / `exportXlsx` of all pages.
 */
export interface ExportWriter {
  add(buyers: readonly BuyerCompany[], contacts: readonly Contact[]): void;
  finish(): Promise<ExportOutput>;
}

export function createExportWriter(
  format: ExportFormat,
  options: ExportOptions = {},
): ExportWriter {
  let buyers = 0;
  if (format === 'csv') {
    const legacy = options.encoding && options.encoding !== 'utf-8' ? options.encoding : null;
    // The header line (with the BOM in UTF-8) first; each page adds "\r\n" + its rows.
    const parts: string[] = [
      (legacy ? '' : '\ufeff') + Papa.unparse([[...EXPORT_FIELDS]], { newline: '\r\n' }),
    ];
    return {
      add(page, contacts) {
        buyers += page.length;
        const rows = toFlatRows(page, contacts) as Record<string, string>[];
        if (!rows.length) return;
        parts.push(
          '\r\n' +
            Papa.unparse(
              rows.map((r) => EXPORT_FIELDS.map((h) => r[h] ?? '')),
              { newline: '\r\n' },
            ),
        );
      },
      finish: async () => {
        // Papaparse ends a header-only file with a line break: so do we.
        const text = parts.length === 1 ? [parts[0] + '\r\n'] : parts;
        if (!legacy)
          return {
            parts: text,
            mime: 'text/csv;charset=utf-8',
            extension: 'csv',
            buyers,
            unencodable: [],
          };
        const { bytes, unencodable } = encodeLegacy(text.join(''), legacy);
        return {
          parts: [bytes],
          mime: `text/csv;charset=${legacy === 'euc-kr' ? 'cp949' : legacy}`,
          extension: 'csv',
          buyers,
          unencodable,
        };
      },
    };
  }
  if (format === 'vcard') {
    const parts: string[] = [];
    return {
      add(page, contacts) {
        buyers += page.length;
        const text = toVcards(page, contacts);
        if (text) parts.push(text);
      },
      finish: async () => ({
        parts,
        mime: 'text/vcard;charset=utf-8',
        extension: 'vcf',
        buyers,
        unencodable: [],
      }),
    };
  }
  const sheet = new XlsxSheetWriter(EXPORT_FIELDS);
  return {
    add(page, contacts) {
      buyers += page.length;
      sheet.addRows(toFlatRows(page, contacts) as Record<string, string>[]);
    },
    finish: async () => ({
      parts: [await sheet.finish()],
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
      buyers,
      unencodable: [],
    }),
  };
}
