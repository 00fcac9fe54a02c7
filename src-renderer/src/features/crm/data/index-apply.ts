import type Dexie from 'dexie';
import type { DuplicateIndex } from '@shared/crm/duplicates';
import type { ChangeLogEntry } from '../../../data/change-log';
import type { BuyerRecord } from '../search/engine';
import type { SearchBackend } from '../search/backend';
import { toRow, type BuyerRow } from './buyer-rows';
import { readBuyers, readLastTalkOf, readOwners } from './index-reads';
import type { PendingChanges } from './index-changes';
import { CRM_TABLES } from './records';
import type { SortOrders } from './sort-orders';
import { yieldToUi } from '../../../platform/yield-to-ui';

/** Buyers applied per step after a burst of writes (an import): each step is a short task. */
export const APPLY_BATCH = 400;

/** Adds change-log entries (data/change-log.ts) to the pending changes. */
export function addLogEntries(changes: PendingChanges, entries: readonly ChangeLogEntry[]): void {
  for (const e of entries) {
    if (e.all) changes.fullReload = true;
    const target =
      e.tbl === CRM_TABLES.buyers
        ? changes.buyers
        : e.tbl === CRM_TABLES.contacts
          ? changes.contacts
          : e.tbl === CRM_TABLES.tradeTalks
            ? changes.talks
            : null;
    if (target && e.keys) for (const k of e.keys) target.add(k);
  }
}

/** The CRM index's state a write changes (crm-index.ts owns it). */
export interface ApplyTarget {
  readonly db: Dexie;
  rows: Map<string, BuyerRow>;
  dupes: DuplicateIndex;
  contactBuyer: Map<string, string>;
  talkBuyer: Map<string, string>;
  orders: SortOrders;
  searcher: SearchBackend;
}

/**
 * The buyers whose rows written contacts and talks change: contacts and talks
 * read in batches (a short task each); the links updated. `lastTalkFor`: the
 * buyers whose latest talk may have changed.
 */
export async function ownersOf(
  t: ApplyTarget,
  contactIds: readonly string[],
  talkIds: readonly string[],
  buyerIds: Set<string>,
  lastTalkFor: Set<string>,
): Promise<void> {
  for (let at = 0; at < Math.max(contactIds.length, talkIds.length); at += APPLY_BATCH) {
    const cs = contactIds.slice(at, at + APPLY_BATCH);
    const ts = talkIds.slice(at, at + APPLY_BATCH);
    const owners = await readOwners(t.db, cs, ts);
    cs.forEach((id, i) => {
      const before = t.contactBuyer.get(id);
      if (before) buyerIds.add(before);
      const c = owners.contacts[i];
      if (c) buyerIds.add(c.buyerId);
      else t.contactBuyer.delete(id);
    });
    ts.forEach((id, i) => {
      const before = t.talkBuyer.get(id);
      if (before) lastTalkFor.add(before);
      const talk = owners.talks[i];
      if (talk) {
        t.talkBuyer.set(id, talk.buyerId);
        lastTalkFor.add(talk.buyerId);
      } else t.talkBuyer.delete(id);
    });
    await yieldToUi();
  }
}

/**
 * One batch: `buyerIds` read again with their contacts (rows, duplicate keys,
 * search documents, orders), `lastTalkFor` their last talk. Returns the
 * buyers that are gone; the list is consistent afterwards.
 */
export async function applyBuyerBatch(
  t: ApplyTarget,
  buyerIds: readonly string[],
  lastTalkFor: readonly string[],
): Promise<{ removed: string[]; changed: boolean }> {
  const changed = new Set<string>([...buyerIds, ...lastTalkFor]);
  t.orders.remove(changed);
  const upserts: BuyerRecord[] = [];
  const removed: string[] = [];
  const { found, contactsOf } = await readBuyers(t.db, buyerIds);
  buyerIds.forEach((id, i) => {
    const buyer = found[i];
    if (!buyer) {
      t.rows.delete(id);
      removed.push(id);
      t.dupes.remove(id);
      return;
    }
    const cs = contactsOf.get(id) ?? [];
    cs.forEach((c) => t.contactBuyer.set(c.id, c.buyerId));
    t.rows.set(id, toRow(buyer, cs.length, t.rows.get(id)?.lastTalkAt ?? null));
    upserts.push({ buyer, contacts: cs });
    t.dupes.upsert(buyer, cs);
  });
  if (removed.length) {
    const gone = new Set(removed);
    for (const [cid, bid] of t.contactBuyer) if (gone.has(bid)) t.contactBuyer.delete(cid);
    t.searcher.remove(removed);
  }
  if (upserts.length) t.searcher.upsert(upserts);
  for (const id of lastTalkFor) {
    const row = t.rows.get(id);
    if (!row) continue;
    t.rows.set(id, { ...row, lastTalkAt: await readLastTalkOf(t.db, id) });
  }
  t.orders.insert(changed);
  t.orders.touch();
  return { removed, changed: removed.length > 0 || upserts.length > 0 };
}

/**
 * Applies taken changes (index-changes.ts) in batches of APPLY_BATCH buyers,
 * each a short task (an import of 10,000 rows is not one long one);
 * `afterBatch` runs after each, when the list is correct. Returns the number
 * of buyers applied.
 */
export async function applyInBatches(
  t: ApplyTarget,
  taken: { buyers: Set<string>; contacts: Set<string>; talks: Set<string> },
  stopped: () => boolean,
  afterBatch: (result: { removed: string[]; changed: boolean }) => void,
): Promise<number> {
  const { buyers: buyerIds, contacts, talks } = taken;
  const lastTalkFor = new Set<string>();
  await ownersOf(t, [...contacts], [...talks], buyerIds, lastTalkFor);
  const idList = [...new Set([...buyerIds, ...lastTalkFor])];
  for (let at = 0; at < idList.length; at += APPLY_BATCH) {
    if (stopped()) break;
    const batch = idList.slice(at, at + APPLY_BATCH);
    afterBatch(
      await applyBuyerBatch(
        t,
        batch.filter((id) => buyerIds.has(id)),
        batch.filter((id) => lastTalkFor.has(id)),
      ),
    );
    await yieldToUi();
  }
  return idList.length;
}
