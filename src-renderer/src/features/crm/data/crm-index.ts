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
  /** Collation key: Japanese names sort by their reading (kanji order means nothing). */
  sortName: string;
}

export const SORT_KEYS = ['name', 'latin', 'country', 'lastTalk'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

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
    sortName: buyer.nameScript === 'ja' && buyer.reading ? buyer.reading : buyer.nameNative,
  };
}

const SCRIPT_LOCALE: Record<NameScript, string> = {
  ja: 'ja',
  zh: 'zh-CN',
  ko: 'ko',
  vi: 'vi',
  latin: 'en',
};
const SCRIPT_ORDER: Record<NameScript, number> = { ja: 0, zh: 1, ko: 2, vi: 3, latin: 4 };
const scriptCollators = new Map<NameScript, Intl.Collator>();
function scriptCollator(script: NameScript): Intl.Collator {
  let c = scriptCollators.get(script);
  if (!c) {
    c = new Intl.Collator(SCRIPT_LOCALE[script], { numeric: true, sensitivity: 'base' });
    scriptCollators.set(script, c);
  }
  return c;
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

  constructor(
    private readonly db: Dexie,
    /** `backend` for tests; by default the search worker, in-thread where none can run. */
    options: { backend?: (onFailure: (error: Error) => void) => SearchBackend } = {},
  ) {
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

  private async loadAll(): Promise<void> {
    try {
      await this.loadAllOnce();
    } catch (error) {
      // Disposed with reads in flight (the database closed under us): nothing to report.
      if (!this.disposed) throw error;
    }
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

    let sliceStart = performance.now();
    // Work in slices of a few milliseconds so the window keeps answering.
    const breathe = async () => {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToUi();
        sliceStart = performance.now();
      }
    };
    /** One page of buyers with their contacts; `alongside` runs with the contacts query. */
    const readPage = async (
      after: string | null,
      size: number,
      alongside?: (ids: string[]) => Promise<void>,
    ) => {
      const page: BuyerCompany[] = await (after === null
        ? buyers.orderBy(':id').limit(size).toArray()
        : buyers.where(':id').above(after).limit(size).toArray());
      const byBuyer = new Map<string, Contact[]>();
      if (page.length) {
        const ids = page.map((b) => b.id);
        const [pageContacts] = await Promise.all([
          contacts.where('buyerId').anyOf(ids).toArray(),
          alongside?.(ids),
        ]);
        for (const c of pageContacts) {
          this.contactBuyer.set(c.id, c.buyerId);
          const list = byBuyer.get(c.buyerId) ?? [];
          list.push(c);
          byBuyer.set(c.buyerId, list);
        }
      }
      return { page, byBuyer };
    };

    // The first screen of rows straight from Dexie (primary key order, as the list
    // shows rows while loading), with the latest talk of just those buyers: the
    // list opens before anything else is read or built.
    const firstLast = new Map<string, string>();
    const first = await readPage(null, FIRST_PAGE, (ids) =>
      talks
        .where('buyerId')
        .anyOf(ids)
        .each((t) => {
          const prev = firstLast.get(t.buyerId);
          if (!prev || prev < t.startsAt) firstLast.set(t.buyerId, t.startsAt);
        }),
    );
    for (const b of first.page) {
      const cs = first.byBuyer.get(b.id) ?? [];
      this.rows.set(b.id, toRow(b, cs.length, firstLast.get(b.id) ?? null));
    }
    this.total = first.page.length;
    this.emit();
    if (this.disposed) return;
    // Counting walks the whole store in IndexedDB (seconds at 100,000 cold): after the first screen.
    this.total = first.page.length < FIRST_PAGE ? first.page.length : await buyers.count();

    const lastTalk = await this.loadLastTalks();
    // Talks written since the first screen was read: the full scan is the truth.
    for (const b of first.page) {
      const row = this.rows.get(b.id);
      if (row) row.lastTalkAt = lastTalk.get(b.id) ?? null;
    }
    const searcher = this.searcher;
    searcher.beginLoad();
    let current: { page: BuyerCompany[]; byBuyer: Map<string, Contact[]> } = first;
    for (;;) {
      if (this.disposed) return;
      const { page, byBuyer } = current;
      if (!page.length) break;
      const records: BuyerRecord[] = [];
      for (const b of page) {
        const cs = byBuyer.get(b.id) ?? [];
        if (current !== first) this.rows.set(b.id, toRow(b, cs.length, lastTalk.get(b.id) ?? null));
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
      const keys: string[] = [];
      if (pointKeys(tree, keys)) keys.forEach((k) => target.add(k));
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
    for (const id of changed) this.removeFromSorts(id);
    const upserts: BuyerRecord[] = [];
    const removed: string[] = [];
    for (const id of buyerIds) {
      const buyer = await db.table<BuyerCompany, string>(CRM_TABLES.buyers).get(id);
      for (const [cid, bid] of this.contactBuyer)
        if (bid === id && !buyer) this.contactBuyer.delete(cid);
      if (!buyer) {
        this.rows.delete(id);
        removed.push(id);
        this.dupes.remove(id);
        continue;
      }
      const cs = await db
        .table<Contact, string>(CRM_TABLES.contacts)
        .where('buyerId')
        .equals(id)
        .toArray();
      cs.forEach((c) => this.contactBuyer.set(c.id, c.buyerId));
      this.rows.set(id, toRow(buyer, cs.length, this.rows.get(id)?.lastTalkAt ?? null));
      upserts.push({ buyer, contacts: cs });
      this.dupes.upsert(buyer, cs);
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
    for (const id of changed) this.insertIntoSorts(id);
    this.rowsEpoch++;
    this.total = this.rows.size;
    this.loaded = this.rows.size;
    this.emit();
  }

  // --- queries -------------------------------------------------------------

  private comparator(sort: SortKey, collation: string): (a: string, b: string) => number {
    const collator = new Intl.Collator(collation, { numeric: true, sensitivity: 'base' });
    const rows = this.rows;
    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    switch (sort) {
      case 'name':
        // Each script by its own rules (Japanese by reading, Chinese by pinyin,
        // Vietnamese letters), scripts grouped so the order stays total.
        return (a, b) => {
          const ra = rows.get(a)!;
          const rb = rows.get(b)!;
          if (ra.nameScript !== rb.nameScript) {
            return SCRIPT_ORDER[ra.nameScript] - SCRIPT_ORDER[rb.nameScript];
          }
          return scriptCollator(ra.nameScript).compare(ra.sortName, rb.sortName) || byId(a, b);
        };
      case 'latin':
        return (a, b) => {
          const ra = rows.get(a)!;
          const rb = rows.get(b)!;
          return (
            collator.compare(ra.nameLatin || ra.sortName, rb.nameLatin || rb.sortName) || byId(a, b)
          );
        };
      case 'country':
        return (a, b) => {
          const ra = rows.get(a)!;
          const rb = rows.get(b)!;
          return (
            (ra.country < rb.country ? -1 : ra.country > rb.country ? 1 : 0) ||
            collator.compare(ra.sortName, rb.sortName) ||
            byId(a, b)
          );
        };
      case 'lastTalk':
        // Most recent first; never-met buyers last.
        return (a, b) => {
          const la = rows.get(a)!.lastTalkAt ?? '';
          const lb = rows.get(b)!.lastTalkAt ?? '';
          return la > lb
            ? -1
            : la < lb
              ? 1
              : collator.compare(rows.get(a)!.sortName, rows.get(b)!.sortName) || byId(a, b);
        };
    }
  }

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
        const compare = this.comparator(sort, collation);
        const ids = await sortInSlices([...this.rows.keys()], compare, yieldToUi);
        if (this.disposed) return;
        // Rows changed meanwhile: the snapshot is stale, sort again.
        if (epoch !== this.rowsEpoch) continue;
        this.sortCache.set(key, { compare, ids });
        this.emit();
        return;
      }
    } finally {
      this.sorting.delete(key);
    }
  }

  private removeFromSorts(id: string): void {
    if (!this.rows.has(id)) return;
    for (const entry of this.sortCache.values()) {
      const at = this.locate(entry, id);
      if (at >= 0) entry.ids.splice(at, 1);
    }
  }

  private insertIntoSorts(id: string): void {
    if (!this.rows.has(id)) return;
    for (const entry of this.sortCache.values()) {
      let lo = 0;
      let hi = entry.ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (entry.compare(entry.ids[mid]!, id) < 0) lo = mid + 1;
        else hi = mid;
      }
      entry.ids.splice(lo, 0, id);
    }
  }

  private locate(
    entry: { compare: (a: string, b: string) => number; ids: string[] },
    id: string,
  ): number {
    let lo = 0;
    let hi = entry.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entry.compare(entry.ids[mid]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return entry.ids[lo] === id ? lo : entry.ids.indexOf(id);
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
    const accept = this.matcher(q.filters, q.now ?? Date.now());
    const hasFilter = Object.values(q.filters).some(Boolean);
    const text = q.text.trim();
    if (text) {
      const answer = this.cachedSearch(text);
      const { hits, truncated } = answer ?? this.lastSearch ?? { hits: [], truncated: false };
      const ids = hits
        .map((h) => h.buyerId)
        .filter((id) => {
          const row = this.rows.get(id);
          return row !== undefined && accept(row);
        });
      return { ids, ranked: true, truncated, pending: answer === null };
    }
    const sorted = this.sortedIds(q.sort, q.collation);
    // Until the order is ready, show the buyers as stored: the list never waits.
    const all = sorted ?? [...this.rows.keys()];
    const pending = sorted === null;
    if (!hasFilter) return { ids: all, ranked: false, truncated: false, pending };
    return {
      ids: all.filter((id) => accept(this.rows.get(id)!)),
      ranked: false,
      truncated: false,
      pending,
    };
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

/** One index per database, started on first use. */
export function crmIndexFor(db: Dexie): CrmIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new CrmIndex(db).start();
    indexes.set(db, index);
  }
  return index;
}
