import type Dexie from 'dexie';
import type { BuyerCompany, Contact, TradeTalk } from '@shared/crm/schemas';
import { CRM_TABLES } from './records';
import type { ListHead } from './list-head';

/**
 * The CRM index's reads from IndexedDB (no state here): the first screen, the
 * buyers page by page, the trade talks, and the rows a write changed.
 */
const tables = (db: Dexie) => ({
  buyers: db.table<BuyerCompany, string>(CRM_TABLES.buyers),
  contacts: db.table<Contact, string>(CRM_TABLES.contacts),
  talks: db.table<TradeTalk, string>(CRM_TABLES.tradeTalks),
});

function groupByBuyer(contacts: readonly Contact[]): Map<string, Contact[]> {
  const byBuyer = new Map<string, Contact[]>();
  for (const c of contacts) {
    const list = byBuyer.get(c.buyerId) ?? [];
    list.push(c);
    byBuyer.set(c.buyerId, list);
  }
  return byBuyer;
}

export interface FirstScreen {
  page: BuyerCompany[];
  /** True when the page is the saved head's rows (in their final place). */
  fromHead: boolean;
  /** Per buyer of `page`: its contact count and the start of its latest talk. */
  counts: number[];
  lastTalks: (string | null)[];
}

/**
 * The first screen straight from Dexie, before anything else is read or built:
 * the saved head of the name order when there is one, else the first `size`
 * buyers by primary key (the order the list shows while loading).
 */
export async function readFirstScreen(
  db: Dexie,
  saved: ListHead | null,
  size: number,
): Promise<FirstScreen> {
  const { buyers, contacts, talks } = tables(db);
  const first = await db.transaction('r', [buyers, contacts, talks], async () => {
    const page = saved?.ids.length
      ? (await buyers.bulkGet(saved.ids)).filter((b): b is BuyerCompany => b !== undefined)
      : [];
    const fromHead = page.length > 0;
    if (!fromHead) page.push(...(await buyers.orderBy(':id').limit(size).toArray()));
    // Per buyer, its contact count and its talks: one keyed request each, all in
    // flight together (an anyOf over 100 buyer ids walks the index: 10x slower).
    const [counts, talksOf] = await Promise.all([
      Promise.all(page.map((b) => contacts.where('buyerId').equals(b.id).count())),
      Promise.all(page.map((b) => talks.where('buyerId').equals(b.id).toArray())),
    ]);
    return { page, fromHead, counts, talksOf };
  });
  const lastTalks = first.talksOf.map((list) => {
    let last: string | null = null;
    for (const t of list) if (!last || last < t.startsAt) last = t.startsAt;
    return last;
  });
  return { page: first.page, fromHead: first.fromHead, counts: first.counts, lastTalks };
}

/** One page of buyers by primary key (after `after`), with their contacts. */
export async function readBuyerPage(
  db: Dexie,
  after: string | null,
  size: number,
): Promise<{ page: BuyerCompany[]; byBuyer: Map<string, Contact[]> }> {
  const { buyers, contacts } = tables(db);
  const page: BuyerCompany[] = await (after === null
    ? buyers.orderBy(':id').limit(size).toArray()
    : buyers.where(':id').above(after).limit(size).toArray());
  if (!page.length) return { page, byBuyer: new Map() };
  // For a 2,000-buyer page one anyOf beats a keyed request per buyer (~1.8x);
  // the first screen's 100 on a fresh connection is the other way round.
  const pageContacts = await contacts
    .where('buyerId')
    .anyOf(page.map((b) => b.id))
    .toArray();
  return { page, byBuyer: groupByBuyer(pageContacts) };
}

export function countBuyers(db: Dexie): Promise<number> {
  return tables(db).buyers.count();
}

/** Every talk: the latest start per buyer, and the buyer of each talk. */
export async function readLastTalks(
  db: Dexie,
): Promise<{ last: Map<string, string>; talkBuyer: Map<string, string> }> {
  const last = new Map<string, string>();
  const talkBuyer = new Map<string, string>();
  await tables(db).talks.each((t) => {
    talkBuyer.set(t.id, t.buyerId);
    const prev = last.get(t.buyerId);
    if (!prev || prev < t.startsAt) last.set(t.buyerId, t.startsAt);
  });
  return { last, talkBuyer };
}

/** The buyers of the given contacts and of the given talks, as stored now (undefined: deleted). */
export async function readOwners(
  db: Dexie,
  contactIds: readonly string[],
  talkIds: readonly string[],
): Promise<{ contacts: (Contact | undefined)[]; talks: (TradeTalk | undefined)[] }> {
  const { contacts, talks } = tables(db);
  return {
    contacts: contactIds.length ? await contacts.bulkGet([...contactIds]) : [],
    talks: talkIds.length ? await talks.bulkGet([...talkIds]) : [],
  };
}

/**
 * The changed buyers and all their contacts in one read each (an import
 * changes thousands at once), not one get and one query per buyer.
 */
export async function readBuyers(
  db: Dexie,
  ids: readonly string[],
): Promise<{ found: (BuyerCompany | undefined)[]; contactsOf: Map<string, Contact[]> }> {
  if (!ids.length) return { found: [], contactsOf: new Map() };
  const { buyers, contacts } = tables(db);
  const [found, foundContacts] = await db.transaction('r', [buyers, contacts], () =>
    Promise.all([buyers.bulkGet([...ids]), contacts.where('buyerId').anyOf(ids).toArray()]),
  );
  return { found, contactsOf: groupByBuyer(foundContacts) };
}

/** The start of the latest talk of `buyerId`, or null. */
export async function readLastTalkOf(db: Dexie, buyerId: string): Promise<string | null> {
  let last: string | null = null;
  await tables(db)
    .talks.where('buyerId')
    .equals(buyerId)
    .each((t) => {
      if (!last || last < t.startsAt) last = t.startsAt;
    });
  return last;
}
