import type { Dexie } from 'dexie';
import {
  createExportWriter,
  type ExportFormat,
  type ExportOptions,
  type ExportOutput,
} from '@shared/crm/io';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { CRM_TABLES, stripMeta } from '../data/records';

/** Buyers read per page: the export never holds every buyer at once. */
export const EXPORT_PAGE = 1_000;

export interface ExportRequest extends ExportOptions {
  /** The buyers to export, in this order (the list as filtered); every buyer when absent. */
  ids?: readonly string[];
}

/**
 * Pages through the buyers (by primary key, or the given ids) and their contacts
 * and streams them into the format's writer, yielding to the UI between pages.
 * Loaded on demand with the heavy writers (exceljs, ical.js, papaparse).
 */
export async function exportBuyers(
  db: Dexie,
  format: ExportFormat,
  request: ExportRequest = {},
  onProgress: (done: number, total: number) => void = () => {},
  pageSize = EXPORT_PAGE,
): Promise<ExportOutput & { buyerIds: string[]; contactIds: string[] }> {
  const buyers = db.table<BuyerCompany, string>(CRM_TABLES.buyers);
  const contacts = db.table<Contact, string>(CRM_TABLES.contacts);
  const { ids, ...options } = request;
  const total = ids ? ids.length : await buyers.count();
  const writer = createExportWriter(format, options);
  let after: string | null = null;
  let done = 0;
  // Who is in the file: the access record names them (issue 14).
  const buyerIds: string[] = [];
  const contactIds: string[] = [];
  for (;;) {
    const page: BuyerCompany[] = ids
      ? (await buyers.bulkGet(ids.slice(done, done + pageSize))).filter(
          (b): b is BuyerCompany => b !== undefined,
        )
      : await (after === null
          ? buyers.orderBy(':id').limit(pageSize).toArray()
          : buyers.where(':id').above(after).limit(pageSize).toArray());
    if (ids ? done >= ids.length : !page.length) break;
    after = page[page.length - 1]?.id ?? after;
    const pageContacts = await contacts
      .where('buyerId')
      .anyOf(page.map((b) => b.id))
      .toArray();
    // Contacts in a stable order per buyer (by id), as a full export gives them.
    pageContacts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    writer.add(page.map(stripMeta), pageContacts.map(stripMeta));
    for (const b of page) buyerIds.push(b.id);
    for (const c of pageContacts) contactIds.push(c.id);
    done += ids ? Math.min(pageSize, ids.length - done) : page.length;
    onProgress(done, total);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return { ...(await writer.finish()), buyerIds, contactIds };
}
