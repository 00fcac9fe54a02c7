import type Dexie from 'dexie';
import type { BuyerRecord } from '../search/engine';
import { toRow } from './buyer-rows';
import { readBuyerPage } from './index-reads';
import type { SnapshotState } from './snapshot-state';

export interface DataLoad {
  /** Buyers read per IndexedDB page. */
  pageSize: number;
  /** The start of each buyer's latest talk (index-reads.ts `readLastTalks`). */
  lastTalk: ReadonlyMap<string, string>;
  /** Collect each page's search records for `onPage` (false when the worker reads them itself). */
  records: boolean;
  breathe(): Promise<void>;
  stopped(): boolean;
  /** After each page, with its search records (empty unless `records`). */
  onPage(added: number, records: BuyerRecord[]): Promise<void>;
}

/**
 * Reads every buyer by primary key into `state` (list rows, duplicate keys,
 * contact links), page by page in slices of a few milliseconds. Rows already
 * in `state` that the data no longer holds (a stale saved head) are removed.
 * Returns false when stopped before the end.
 */
export async function loadEveryBuyer(
  db: Dexie,
  state: SnapshotState,
  load: DataLoad,
): Promise<boolean> {
  const shownFirst = new Set(state.rows.keys());
  let current = await readBuyerPage(db, null, load.pageSize);
  for (;;) {
    if (load.stopped()) return false;
    const { page, byBuyer } = current;
    if (!page.length) break;
    const records: BuyerRecord[] = [];
    for (const b of page) {
      const cs = byBuyer.get(b.id) ?? [];
      for (const c of cs) state.contactBuyer.set(c.id, c.buyerId);
      state.rows.set(b.id, toRow(b, cs.length, load.lastTalk.get(b.id) ?? null));
      shownFirst.delete(b.id);
      if (load.records) records.push({ buyer: b, contacts: cs });
      state.dupes.upsert(b, cs);
      await load.breathe();
    }
    await load.onPage(page.length, records);
    current = await readBuyerPage(db, page[page.length - 1]!.id, load.pageSize);
  }
  for (const id of shownFirst) state.rows.delete(id);
  return true;
}
