import Dexie from 'dexie';
import type { IntervalTree } from 'dexie';
import type { SearchResult } from '@shared/crm/search-index';
import {
  DuplicateIndex,
  findDuplicates,
  type DuplicateCandidate,
  type DuplicateMatch,
} from '@shared/crm/duplicates';
import type { BuyerStatus, IndustryCode, NameScript } from '@shared/crm/codes';
import type { BuyerCompany, Contact, TradeTalk } from '@shared/crm/schemas';
import { CRM_TABLES } from './records';
import { sortInSlices } from './slice-sort';
import { SORT_KEYS, buyerComparator, insertSorted, nameKeyOf, type SortKey } from './buyer-order';
import type { SortKey as NameSortKey } from '@shared/crm/collation';
import { buyersPartDb, localListHeadStore, type ListHeadStore } from './list-head';
import { namedKeysOf } from './named-writes';
import { createSearchBackend, InThreadSearchBackend, type SearchBackend } from '../search/backend';
import type { BuyerRecord } from '../search/engine';

/** What the buyer list needs of a buyer (no contacts, no notes): small enough for 100,000. */
export interface BuyerRow {
  id: string;
  officeId: string;
  nameNative: string;
  nameLatin: string;
  reading: string;
  nameScript: NameScript;
  country: string;
  city: string;
  status: BuyerStatus;
  industries: IndustryCode[];
  tags: string[];
  contactCount: number;
  /** Start of the latest trade talk, or null when never met. */
  lastTalkAt: string | null;
  /** The name order's key (buyer-order.ts): reading, surname, legal form resolved once. */
  nameKey: NameSortKey;
}

export { SORT_KEYS, type SortKey };

export const LAST_CONTACT_FILTERS = ['d30', 'd90', 'y1', 'older', 'never'] as const;
export type LastContactFilter = (typeof LAST_CONTACT_FILTERS)[number];

export interface BuyerFilters {
  status?: BuyerStatus;
  industry?: IndustryCode;
  country?: string;
  tag?: string;
  lastContact?: LastContactFilter;
}

export interface BuyerQuery {
  text: string;
  filters: BuyerFilters;
  sort: SortKey;
  /** UI language: picks the collator. */
  collation: string;
  now?: number;
}

export interface BuyerQueryResult {
  ids: string[];
  /**
   * Rows the list has: `ids.length`, or more while the list opens from its saved
   * head (the first rows of the name order) before every buyer is loaded and sorted:
   * rows past `ids` are not known yet (the list draws placeholders).
   */
  count: number;
  /** True when the ids come from the search ranking (not the sort). */
  ranked: boolean;
  truncated: boolean;
  /** True while the requested order is still being computed. */
  pending: boolean;
}

export type IndexPhase = 'loading' | 'ready';

const PAGE = 2_000;
/** Rows read before anything else when the list opens: a screenful and some. */
const FIRST_PAGE = 100;
/** The default order of the list: its head is saved for the next start (list-head.ts). */
const HEAD_SORT: SortKey = 'name';
/** Writes settle this long before the head is saved again. */
const HEAD_SAVE_DELAY_MS = 1_000;
/** Longest stretch of work between two yields to the UI while loading. */
const SLICE_MS = 12;
const SEARCH_LIMIT = 500;
/** Query results kept for re-renders (the worker answers asynchronously). */
const SEARCH_CACHE = 64;
const DAY = 86_400_000;

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function toRow(buyer: BuyerCompany, contactCount: number, lastTalkAt: string | null): BuyerRow {
  return {
    id: buyer.id,
    officeId: buyer.officeId,
    nameNative: buyer.nameNative,
    nameLatin: buyer.nameLatin ?? '',
    reading: buyer.reading ?? '',
    nameScript: buyer.nameScript,
    country: buyer.country,
    city: buyer.city ?? '',
    status: buyer.status ?? 'prospect',
    industries: buyer.industries ?? [],
    tags: buyer.tags ?? [],
    contactCount,
    lastTalkAt,
    nameKey: nameKeyOf(buyer),
  };
}

/** Primary keys named by a Dexie change set; null when a range (clear, bulk delete) changed. */
function pointKeys(tree: IntervalTree, out: string[]): boolean {
  if (!('from' in tree)) return true;
  if (tree.from !== tree.to || typeof tree.from !== 'string') return false;
  out.push(tree.from);
  return (!tree.l || pointKeys(tree.l, out)) && (!tree.r || pointKeys(tree.r, out));
}

/**
 * The CRM's in-memory view of the buyers: list rows, the shared search index
 * and the duplicate index, built from Dexie in chunks (the UI keeps
 * answering) and kept in sync with EVERY committed write, whether made by
 * this screen, an import or the sync pull, via Dexie's storagemutated event.
 */
export class CrmIndex {
  phase: IndexPhase = 'loading';
  loaded = 0;
  total = 0;
  /** Bumped on every visible change (useSyncExternalStore snapshot). */
  version = 0;
  readonly rows = new Map<string, BuyerRow>();
  /**
   * The search index: in the search worker, or in the page where no Worker exists.
   * Created on first use (after the first screen of rows: starting the worker
   * competes with opening the list for the CPU).
   */
  private backend: SearchBackend | null = null;
  private readonly makeBackend: () => SearchBackend;
  /** Bumped whenever the search index changes (cached answers are then refreshed). */
  private searchEpoch = 0;
  private searchCache = new Map<string, { epoch: number; result: SearchResult }>();
  private searching = new Set<string>();
  /** The latest answer, shown while the next query is on its way (no flicker while typing). */
  private lastSearch: SearchResult | null = null;
  private dupes = new DuplicateIndex();
  private contactBuyer = new Map<string, string>();
  private talkBuyer = new Map<string, string>();
  private sorting = new Map<string, Promise<void>>();
  /** Bumped whenever rows are added, changed or removed (stale background sorts restart). */
  private rowsEpoch = 0;
  private sortCache = new Map<
    string,
    { compare: (a: string, b: string) => number; ids: string[] }
  >();
  private listeners = new Set<() => void>();
  private dirty = {
    buyers: new Set<string>(),
    contacts: new Set<string>(),
    talks: new Set<string>(),
  };
  private fullReload = false;
  private flushing: Promise<void> | null = null;
  private started = false;
  private readyWaiters: (() => void)[] = [];
  private disposed = false;
  private readonly headStore: ListHeadStore;
  /**
   * The first rows of the name order as saved by the last session, shown (with
   * `headTotal` rows in all) until that order is computed; null when none.
   */
  private head: string[] | null = null;
  private headTotal = 0;
  private headTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Dexie,
    /** `backend` for tests; by default the search worker, in-thread where none can run. */
    options: {
      backend?: (onFailure: (error: Error) => void) => SearchBackend;
      /** Where the list head lives (list-head.ts); localStorage by default. */
      headStore?: ListHeadStore;
    } = {},
  ) {
    this.headStore = options.headStore ?? localListHeadStore;
    const onFailure = (error: Error) => {
      // The worker could not start (or died): search in the page from now on.
      console.warn(error);
      this.backend = new InThreadSearchBackend();
      this.fullReload = true;
      if (this.phase === 'ready') this.scheduleFlush();
    };
    this.makeBackend = () => (options.backend ?? createSearchBackend)(onFailure);
  }

  private get searcher(): SearchBackend {
    return (this.backend ??= this.makeBackend());
  }

  /** Where the search index lives ('worker' in the app). */
  get searchKind(): SearchBackend['kind'] {
    return this.searcher.kind;
  }

  start(): this {
    if (this.started) return this;
    this.started = true;
    Dexie.on('storagemutated', this.onMutated);
    void this.loadAll();
    return this;
  }

  dispose(): void {
    this.disposed = true;
    if (this.headTimer) clearTimeout(this.headTimer);
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
    this.backend?.dispose();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  whenReady(): Promise<void> {
    if (this.phase === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Resolves once every write committed so far is reflected (tests, after-save navigation). */
  async settled(): Promise<void> {
    await this.whenReady();
    while (this.flushing) await this.flushing;
  }

  /**
   * settled(), and the search index has applied all of it too (in the app the
   * worker builds the documents after the page has read them).
   */
  async searchSettled(): Promise<void> {
    await this.settled();
    for (;;) {
      const searcher = this.searcher;
      try {
        await searcher.whenIdle();
      } catch (error) {
        // The worker died meanwhile: the in-thread fallback reloads (wait for that).
        if (searcher === this.searcher) throw error;
        await this.settled();
        continue;
      }
      return;
    }
  }

  private emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Never rejects: it runs in the background (started, or after a burst of writes). */
  private async loadAll(): Promise<void> {
    try {
      await this.loadAllOnce();
    } catch (error) {
      if (!this.stoppedByClose(error)) console.error('[crm] the buyer index could not load', error);
    }
  }

  /**
   * True when the index is disposed or its database was closed under it (the window closing,
   * a test ending with reads in flight): it stops quietly, nothing to report.
   */
  private stoppedByClose(error: unknown): boolean {
    if (this.disposed) return true;
    if ((error as { name?: unknown } | null)?.name !== 'DatabaseClosedError' && this.db.isOpen()) {
      return false;
    }
    this.dispose();
    return true;
  }

  private async loadAllOnce(): Promise<void> {
    const buyers = this.db.table<BuyerCompany, string>(CRM_TABLES.buyers);
    const contacts = this.db.table<Contact, string>(CRM_TABLES.contacts);
    const talks = this.db.table<TradeTalk, string>(CRM_TABLES.tradeTalks);
    this.phase = 'loading';
    this.rows.clear();
    this.contactBuyer.clear();
    this.talkBuyer.clear();
    this.sortCache.clear();
    this.rowsEpoch++;
    this.dupes = new DuplicateIndex();
    this.loaded = 0;
    this.head = null;

    let sliceStart = performance.now();
    // Work in slices of a few milliseconds so the window keeps answering.
    const breathe = async () => {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToUi();
        sliceStart = performance.now();
      }
    };
    /** One page of buyers with their contacts. */
    const readPage = async (after: string | null, size: number) => {
      const page: BuyerCompany[] = await (after === null
        ? buyers.orderBy(':id').limit(size).toArray()
        : buyers.where(':id').above(after).limit(size).toArray());
      const byBuyer = new Map<string, Contact[]>();
      if (page.length) {
        // For a 2,000-buyer page one anyOf beats a keyed request per buyer (~1.8x);
        // the first screen's 100 on a fresh connection is the other way round.
        const pageContacts = await contacts
          .where('buyerId')
          .anyOf(page.map((b) => b.id))
          .toArray();
        for (const c of pageContacts) {
          this.contactBuyer.set(c.id, c.buyerId);
          const list = byBuyer.get(c.buyerId) ?? [];
          list.push(c);
          byBuyer.set(c.buyerId, list);
        }
      }
      return { page, byBuyer };
    };

    // The first screen straight from Dexie, before anything else is read or built:
    // the saved head of the name order (its rows in their final place, the count
    // known: the sorted list takes over without a jump) when there is one, else the
    // first buyers by primary key (the order the list shows while loading).
    const saved = this.headStore.load(this.db.name);
    const first = await this.db.transaction('r', [buyers, contacts, talks], async () => {
      const page = saved?.ids.length
        ? (await buyers.bulkGet(saved.ids)).filter((b): b is BuyerCompany => b !== undefined)
        : [];
      const fromHead = page.length > 0;
      if (!fromHead) page.push(...(await buyers.orderBy(':id').limit(FIRST_PAGE).toArray()));
      // Per buyer, its contact count and its talks: one keyed request each, all in
      // flight together (an anyOf over 100 buyer ids walks the index: 10x slower).
      const [counts, talksOf] = await Promise.all([
        Promise.all(page.map((b) => contacts.where('buyerId').equals(b.id).count())),
        Promise.all(page.map((b) => talks.where('buyerId').equals(b.id).toArray())),
      ]);
      return { page, fromHead, counts, talksOf };
    });
    first.page.forEach((b, i) => {
      let last: string | null = null;
      for (const t of first.talksOf[i]!) if (!last || last < t.startsAt) last = t.startsAt;
      this.rows.set(b.id, toRow(b, first.counts[i]!, last));
    });
    if (first.fromHead) {
      this.head = first.page.map((b) => b.id);
      this.headTotal = Math.max(
        this.head.length,
        saved!.total - (saved!.ids.length - this.head.length),
      );
      this.total = this.headTotal;
    } else {
      this.total = first.page.length;
    }
    this.emit();
    if (this.disposed) return;
    if (!first.fromHead && first.page.length === FIRST_PAGE) {
      // Counting walks the whole store in IndexedDB (seconds at 100,000 cold): after the first screen.
      this.total = await buyers.count();
    }

    const lastTalk = await this.loadLastTalks();
    // Talks written since the first screen was read: the full scan is the truth.
    for (const id of this.rows.keys()) {
      const row = this.rows.get(id)!;
      row.lastTalkAt = lastTalk.get(id) ?? null;
    }
    const searcher = this.searcher;
    searcher.beginLoad();
    // Every buyer by primary key, from the start (the first screen's rows were only for show).
    let current = await readPage(null, PAGE);
    for (;;) {
      if (this.disposed) return;
      const { page, byBuyer } = current;
      if (!page.length) break;
      const records: BuyerRecord[] = [];
      for (const b of page) {
        const cs = byBuyer.get(b.id) ?? [];
        this.rows.set(b.id, toRow(b, cs.length, lastTalk.get(b.id) ?? null));
        records.push({ buyer: b, contacts: cs });
        this.dupes.upsert(b, cs);
        this.loaded++;
        await breathe();
      }
      // The search documents (the costly part) are built by the search worker.
      await searcher.addPage(records);
      this.emit();
      await yieldToUi();
      current = await readPage(page[page.length - 1]!.id, PAGE);
    }
    searcher.endLoad();
    await searcher.whenLoaded();
    this.searchEpoch++;
    this.rowsEpoch++;
    this.phase = 'ready';
    this.emit();
    for (const w of this.readyWaiters.splice(0)) w();
    this.scheduleFlush();
  }

  private async loadLastTalks(): Promise<Map<string, string>> {
    const last = new Map<string, string>();
    await this.db.table<TradeTalk, string>(CRM_TABLES.tradeTalks).each((t) => {
      this.talkBuyer.set(t.id, t.buyerId);
      const prev = last.get(t.buyerId);
      if (!prev || prev < t.startsAt) last.set(t.buyerId, t.startsAt);
    });
    return last;
  }

  private onMutated = (parts: Record<string, IntervalTree>): void => {
    const prefix = `idb://${this.db.name}/`;
    const named = namedKeysOf(parts);
    let touched = false;
    for (const [part, tree] of Object.entries(parts)) {
      if (!part.startsWith(prefix)) continue;
      const [table, index] = part.slice(prefix.length).split('/');
      if (index !== '' && index !== ':dels') continue;
      const target =
        table === CRM_TABLES.buyers
          ? this.dirty.buyers
          : table === CRM_TABLES.contacts
            ? this.dirty.contacts
            : table === CRM_TABLES.tradeTalks
              ? this.dirty.talks
              : null;
      if (!target) continue;
      if (target === this.dirty.buyers) this.headStore.save(this.db.name, null);
      const keys: string[] = [];
      const namedKeys =
        target === this.dirty.buyers
          ? named?.buyers
          : target === this.dirty.contacts
            ? named?.contacts
            : undefined;
      if (pointKeys(tree, keys)) keys.forEach((k) => target.add(k));
      // A bulk write reported as a range, whose writer named its keys: just those.
      else if (namedKeys) namedKeys.forEach((k) => target.add(k));
      else this.fullReload = true;
      touched = true;
    }
    if (touched) this.scheduleFlush();
  };

  private scheduleFlush(): void {
    if (this.phase !== 'ready' || this.flushing) return;
    this.flushing = (async () => {
      // Let a burst of transactions (an import, a demo load) coalesce.
      await yieldToUi();
      try {
        while (
          !this.disposed &&
          (this.fullReload ||
            this.dirty.buyers.size ||
            this.dirty.contacts.size ||
            this.dirty.talks.size)
        ) {
          if (this.fullReload) {
            this.fullReload = false;
            this.dirty = { buyers: new Set(), contacts: new Set(), talks: new Set() };
            this.flushing = null;
            await this.loadAll();
            return;
          }
          await this.applyDirty();
        }
      } catch (error) {
        if (!this.stoppedByClose(error))
          console.error('[crm] the buyer index missed a change', error);
      } finally {
        this.flushing = null;
      }
    })();
  }

  private async applyDirty(): Promise<void> {
    const { buyers: buyerIds, contacts: contactIds, talks: talkIds } = this.dirty;
    this.dirty = { buyers: new Set(), contacts: new Set(), talks: new Set() };
    const db = this.db;
    const lastTalkFor = new Set<string>();

    if (contactIds.size) {
      const ids = [...contactIds];
      const found = await db.table<Contact, string>(CRM_TABLES.contacts).bulkGet(ids);
      ids.forEach((id, i) => {
        const before = this.contactBuyer.get(id);
        if (before) buyerIds.add(before);
        const c = found[i];
        if (c) buyerIds.add(c.buyerId);
      });
    }
    if (talkIds.size) {
      const ids = [...talkIds];
      const found = await db.table<TradeTalk, string>(CRM_TABLES.tradeTalks).bulkGet(ids);
      ids.forEach((id, i) => {
        const before = this.talkBuyer.get(id);
        if (before) lastTalkFor.add(before);
        const t = found[i];
        if (t) {
          this.talkBuyer.set(id, t.buyerId);
          lastTalkFor.add(t.buyerId);
        } else this.talkBuyer.delete(id);
      });
    }
    const changed = new Set<string>([...buyerIds, ...lastTalkFor]);
    this.removeFromSorts(changed);
    const upserts: BuyerRecord[] = [];
    const removed: string[] = [];
    // The changed buyers and all their contacts in one read each (an import
    // changes thousands at once), not one get and one query per buyer.
    const idList = [...buyerIds];
    const buyersTable = db.table<BuyerCompany, string>(CRM_TABLES.buyers);
    const contactsTable = db.table<Contact, string>(CRM_TABLES.contacts);
    const [found, foundContacts] = idList.length
      ? await db.transaction('r', [buyersTable, contactsTable], () =>
          Promise.all([
            buyersTable.bulkGet(idList),
            contactsTable.where('buyerId').anyOf(idList).toArray(),
          ]),
        )
      : [[], []];
    const contactsOf = new Map<string, Contact[]>();
    for (const c of foundContacts) {
      const list = contactsOf.get(c.buyerId) ?? [];
      list.push(c);
      contactsOf.set(c.buyerId, list);
    }
    idList.forEach((id, i) => {
      const buyer = found[i];
      if (!buyer) {
        this.rows.delete(id);
        removed.push(id);
        this.dupes.remove(id);
        return;
      }
      const cs = contactsOf.get(id) ?? [];
      cs.forEach((c) => this.contactBuyer.set(c.id, c.buyerId));
      this.rows.set(id, toRow(buyer, cs.length, this.rows.get(id)?.lastTalkAt ?? null));
      upserts.push({ buyer, contacts: cs });
      this.dupes.upsert(buyer, cs);
    });
    if (removed.length) {
      const gone = new Set(removed);
      for (const [cid, bid] of this.contactBuyer) if (gone.has(bid)) this.contactBuyer.delete(cid);
    }
    if (removed.length) this.searcher.remove(removed);
    if (upserts.length) this.searcher.upsert(upserts);
    if (removed.length || upserts.length) this.searchEpoch++;
    for (const id of lastTalkFor) {
      const row = this.rows.get(id);
      if (!row) continue;
      let last: string | null = null;
      await db
        .table<TradeTalk, string>(CRM_TABLES.tradeTalks)
        .where('buyerId')
        .equals(id)
        .each((t) => {
          if (!last || last < t.startsAt) last = t.startsAt;
        });
      this.rows.set(id, { ...row, lastTalkAt: last });
    }
    this.insertIntoSorts(changed);
    if (this.head && removed.length) this.head = this.head.filter((id) => this.rows.has(id));
    this.rowsEpoch++;
    this.total = this.rows.size;
    this.loaded = this.rows.size;
    if (buyerIds.size) this.scheduleHeadSave();
    this.emit();
  }

  /** The name order if computed (the name comparator ignores the UI collation). */
  private headOrder(): string[] | null {
    for (const [key, entry] of this.sortCache)
      if (key.startsWith(`${HEAD_SORT}|`)) return entry.ids;
    return null;
  }

  /** Saves the list head for the next start (once the writes of a burst are applied). */
  private scheduleHeadSave(): void {
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = setTimeout(() => {
      this.headTimer = null;
      this.saveHead();
    }, HEAD_SAVE_DELAY_MS);
  }

  private saveHead(): void {
    const ids = this.headOrder();
    // Only an order that reflects every committed write (else the next start would show a stale head).
    if (this.disposed || !ids || this.dirty.buyers.size || this.fullReload) return;
    this.headStore.save(this.db.name, { ids: ids.slice(0, FIRST_PAGE), total: ids.length });
  }

  /**
   * What the list shows until the requested order is known: the saved head of the
   * name order (in place, with the full count), else the buyers as loaded.
   */
  private preview(sort: SortKey): BuyerQueryResult {
    if (sort === HEAD_SORT && this.head) {
      const count = Math.max(
        this.head.length,
        this.phase === 'ready' ? this.rows.size : this.headTotal,
      );
      return { ids: this.head, count, ranked: false, truncated: false, pending: true };
    }
    const ids = [...this.rows.keys()];
    return { ids, count: ids.length, ranked: false, truncated: false, pending: true };
  }

  // --- queries -------------------------------------------------------------

  /**
   * All buyer ids in `sort` order, or null while that order is being computed
   * (in slices, see slice-sort.ts; the index emits when it is ready). Sorted
   * once, then maintained by binary insertion on every write.
   */
  sortedIds(sort: SortKey, collation: string): string[] | null {
    const key = `${sort}|${collation}`;
    const entry = this.sortCache.get(key);
    if (entry) return entry.ids;
    if (!this.sorting.has(key)) this.sorting.set(key, this.sortInBackground(sort, collation, key));
    return null;
  }

  /** The ids in `sort` order once computed (tests, exports). */
  async whenSorted(sort: SortKey, collation: string): Promise<string[]> {
    await this.settled();
    for (;;) {
      const ids = this.sortedIds(sort, collation);
      if (ids) return ids;
      await this.sorting.get(`${sort}|${collation}`);
    }
  }

  private async sortInBackground(sort: SortKey, collation: string, key: string): Promise<void> {
    try {
      for (;;) {
        const epoch = this.rowsEpoch;
        const compare = buyerComparator(sort, collation, this.rows);
        const ids = await sortInSlices([...this.rows.keys()], compare, yieldToUi);
        if (this.disposed) return;
        // Rows changed meanwhile: the snapshot is stale, sort again.
        if (epoch !== this.rowsEpoch) continue;
        this.sortCache.set(key, { compare, ids });
        if (sort === HEAD_SORT) {
          // The sorted list takes over from the saved head (same first rows unless the
          // data changed behind this index's back), and is the next start's head.
          this.head = null;
          this.saveHead();
        }
        this.emit();
        return;
      }
    } finally {
      this.sorting.delete(key);
    }
  }

  /** Takes the changed buyers out of every computed order (one pass per order). */
  private removeFromSorts(changed: ReadonlySet<string>): void {
    if (!changed.size) return;
    for (const entry of this.sortCache.values()) {
      entry.ids = entry.ids.filter((id) => !changed.has(id));
    }
  }

  /** Puts the changed buyers that still exist back in every computed order. */
  private insertIntoSorts(changed: ReadonlySet<string>): void {
    const ids = [...changed].filter((id) => this.rows.has(id));
    if (!ids.length) return;
    for (const entry of this.sortCache.values()) {
      entry.ids = insertSorted(entry.ids, ids, entry.compare);
    }
  }

  private matcher(filters: BuyerFilters, now: number): (row: BuyerRow) => boolean {
    const { status, industry, country, tag, lastContact } = filters;
    const cut = (days: number) => new Date(now - days * DAY).toISOString();
    const since =
      lastContact === 'd30'
        ? cut(30)
        : lastContact === 'd90'
          ? cut(90)
          : lastContact === 'y1' || lastContact === 'older'
            ? cut(365)
            : null;
    const tagKey = tag?.toLowerCase();
    return (row) =>
      (!status || row.status === status) &&
      (!industry || row.industries.includes(industry)) &&
      (!country || row.country === country) &&
      (!tagKey || row.tags.some((t) => t.toLowerCase() === tagKey)) &&
      (!lastContact ||
        (lastContact === 'never'
          ? row.lastTalkAt === null
          : lastContact === 'older'
            ? row.lastTalkAt !== null && row.lastTalkAt < since!
            : row.lastTalkAt !== null && row.lastTalkAt >= since!));
  }

  query(q: BuyerQuery): BuyerQueryResult {
    const text = q.text.trim();
    // While loading, the list shows its first rows; filters and sorts wait for every buyer.
    if (this.phase !== 'ready' && !text) return this.preview(q.sort);
    const accept = this.matcher(q.filters, q.now ?? Date.now());
    const hasFilter = Object.values(q.filters).some(Boolean);
    if (text) {
      const answer = this.cachedSearch(text);
      const { hits, truncated } = answer ?? this.lastSearch ?? { hits: [], truncated: false };
      const ids = hits
        .map((h) => h.buyerId)
        .filter((id) => {
          const row = this.rows.get(id);
          return row !== undefined && accept(row);
        });
      return { ids, count: ids.length, ranked: true, truncated, pending: answer === null };
    }
    const sorted = this.sortedIds(q.sort, q.collation);
    // Until the order is ready, show the saved head or the buyers as stored: the list never waits.
    if (!sorted && !hasFilter) return this.preview(q.sort);
    const all = sorted ?? [...this.rows.keys()];
    const pending = sorted === null;
    const ids = hasFilter ? all.filter((id) => accept(this.rows.get(id)!)) : all;
    return { ids, count: ids.length, ranked: false, truncated: false, pending };
  }

  /**
   * Searches the buyers (native, Latin and reading names, contacts, emails,
   * phone digits, messenger IDs; ranked best first). Runs in the search
   * worker, so it never blocks the window. Waits for the first load.
   */
  async search(text: string, options: { limit?: number } = {}): Promise<SearchResult> {
    await this.whenReady();
    return this.searcher.search(text.trim(), options.limit ?? 50);
  }

  /**
   * The answer for `text` if known (synchronously in-thread, from the cache
   * with the worker), else null and the index emits once it arrives. A stale
   * answer (the index changed since) is returned while it is refreshed.
   */
  private cachedSearch(text: string): SearchResult | null {
    if (this.searcher.searchNow) return this.searcher.searchNow(text, SEARCH_LIMIT);
    const cached = this.searchCache.get(text);
    if (cached?.epoch === this.searchEpoch) return cached.result;
    if (!this.searching.has(text)) {
      const epoch = this.searchEpoch;
      this.searching.add(text);
      this.searcher.search(text, SEARCH_LIMIT).then(
        (result) => {
          this.searching.delete(text);
          if (this.disposed) return;
          this.searchCache.delete(text);
          this.searchCache.set(text, { epoch, result });
          if (this.searchCache.size > SEARCH_CACHE)
            this.searchCache.delete(this.searchCache.keys().next().value!);
          this.lastSearch = result;
          this.emit();
        },
        (error: unknown) => {
          this.searching.delete(text);
          console.warn(error);
        },
      );
    }
    return cached?.result ?? null;
  }

  /** The duplicate index itself (the import dry run matches against it). */
  get duplicateIndex(): DuplicateIndex {
    return this.dupes;
  }

  duplicatesOf(candidate: DuplicateCandidate): DuplicateMatch[] {
    return findDuplicates(candidate, this.dupes);
  }

  /** Distinct values for the filter pickers. */
  facets(): { countries: string[]; tags: string[] } {
    const countries = new Set<string>();
    const tags = new Map<string, string>();
    for (const r of this.rows.values()) {
      countries.add(r.country);
      for (const t of r.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
    }
    return { countries: [...countries].sort(), tags: [...tags.values()].sort() };
  }
}

const indexes = new WeakMap<Dexie, CrmIndex>();

// Any committed write to a buyers table (this window, another one, the sync pull
// worker) drops that database's saved list head, also in a session where no CRM
// index runs: a stale head would put wrong rows in place. A running index saves a
// new one once its order reflects the write.
Dexie.on('storagemutated', (parts: Record<string, IntervalTree>) => {
  const names = new Set<string>();
  for (const part of Object.keys(parts)) {
    const dbName = buyersPartDb(part, CRM_TABLES.buyers);
    if (dbName !== null) names.add(dbName);
  }
  for (const dbName of names) localListHeadStore.save(dbName, null);
});

/** Stops the index of `db`, if one was started (before closing the database: tests). */
export function disposeCrmIndexOf(db: Dexie): void {
  indexes.get(db)?.dispose();
  indexes.delete(db);
}

/** One index per database, started on first use. */
export function crmIndexFor(db: Dexie): CrmIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new CrmIndex(db).start();
    indexes.set(db, index);
  }
  return index;
}
