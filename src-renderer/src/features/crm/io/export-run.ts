import type { Dexie } from 'dexie';
import { createExportWriter, type ExportFormat, type ExportOutput } from '@shared/crm/io';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { CRM_TABLES, stripMeta } from '../data/records';

/** Buyers read per page: the export never holds every buyer at once. */
export const EXPORT_PAGE = 1_000;

/**
 * Pages through the buyers (by primary key) and their contacts and streams
 * them into the format's writer, yielding to the UI between pages. Loaded on
 * demand with the heavy writers (exceljs, ical.js, papaparse).
 */
export async function exportBuyers(
  db: Dexie,
  format: ExportFormat,
  onProgress: (done: number, total: number) => void = () => {},
  pageSize = EXPORT_PAGE,
): Promise<ExportOutput> {
  const buyers = db.table<BuyerCompany, string>(CRM_TABLES.buyers);
  const contacts = db.table<Contact, string>(CRM_TABLES.contacts);
  const total = await buyers.count();
  const writer = createExportWriter(format);
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const page: BuyerCompany[] = await (after === null
      ? buyers.orderBy(':id').limit(pageSize).toArray()
      : buyers.where(':id').above(after).limit(pageSize).toArray());
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    const pageContacts = await contacts
      .where('buyerId')
      .anyOf(page.map((b) => b.id))
      .toArray();
    // Contacts in a stable order per buyer (by id), as a full export gives them.
    pageContacts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    writer.add(page.map(stripMeta), pageContacts.map(stripMeta));
    done += page.length;
    onProgress(done, total);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return writer.finish();
}
