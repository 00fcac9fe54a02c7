import Dexie from 'dexie';
import type { IntervalTree } from 'dexie';
import type { SearchResult } from '@shared/crm/search-index';
import {
  DuplicateIndex,
  findDuplicates,
  type DuplicateCandidate,
  type DuplicateMatch,
} from '@shared/crm/duplicates';
import { CRM_TABLES } from './records';
import { SORT_KEYS, type SortKey } from './buyer-order';
import { buyersPartDb, localListHeadStore, type ListHeadStore } from './list-head';
import {
  rowFacets,
  rowMatcher,
  toRow,
  type BuyerQuery,
  type BuyerQueryResult,
  type BuyerRow,
  type IndexPhase,
} from './buyer-rows';
import { SortOrders } from './sort-orders';
import { SearchCache } from './search-cache';
import { PendingChanges } from './index-changes';
import { countBuyers, readBuyerPage, readFirstScreen, readLastTalks } from './index-reads';
import {
  dropSnapshot,
  hasChangeLog,
  lastSeq,
  readLogSince,
  readSnapshot,
  type StoredSnapshot,
} from './index-snapshot';
import { restoreRows, type SnapshotState } from './snapshot-state';
import { SnapshotSaver } from './snapshot-saver';
import {
  addLogEntries,
  APPLY_BATCH,
  applyBuyerBatch,
  ownersOf,
  type ApplyTarget,
} from './index-apply';
import { createSearchBackend, InThreadSearchBackend, type SearchBackend } from '../search/backend';
import type { BuyerRecord } from '../search/engine';

export { SORT_KEYS, type SortKey };
export {
  LAST_CONTACT_FILTERS,
  type BuyerFilters,
  type BuyerQuery,
  type BuyerQueryResult,
  type BuyerRow,
  type IndexPhase,
  type LastContactFilter,
} from './buyer-rows';

const PAGE = 2_000;
/** Rows read before anything else when the list opens: a screenful and some. */
const FIRST_PAGE = 100;
/** The default order of the list: its head is saved for the next start (list-head.ts). */
const HEAD_SORT: SortKey = 'name';
/** Writes settle this long before the head is saved again. */
const HEAD_SAVE_DELAY_MS = 1_000;
/** Longest stretch of work between two yields to the UI while loading. */
const SLICE_MS = 12;
/** Writes settle this long before the snapshot is saved again (index-snapshot.ts). */
const SNAPSHOT_SAVE_DELAY_MS = 3_000;

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The CRM's in-memory view of the buyers: list rows, their orders
 * (sort-orders.ts), the search index (in the search worker, answers cached by
 * search-cache.ts) and the duplicate index, built from Dexie in chunks
 * (index-reads.ts; the UI keeps answering) and kept in sync with EVERY
 * committed write, whether made by this screen, an import or the sync pull,
 * via Dexie's storagemutated event (index-changes.ts).
 */
export class CrmIndex {
  phase: IndexPhase = 'loading';
  loaded = 0;
  total = 0;
  /** Buyers the search index holds so far (it may lag `loaded`: the worker reads them itself). */
  searchLoaded = 0;
  /** Bumped on every visible change (useSyncExternalStore snapshot). */
  version = 0;
  /** Where the last load came from: the saved snapshot, or every buyer read from the data. */
  startedFrom: 'snapshot' | 'data' | null = null;
  readonly rows = new Map<string, BuyerRow>();
  /**
   * The search index: in the search worker, or in the page where no Worker exists.
   * Created on first use (after the first screen of rows: starting the worker
   * competes with opening the list for the CPU).
   */
  private backend: SearchBackend | null = null;
  private readonly makeBackend: () => SearchBackend;
  private readonly searches: SearchCache;
  private readonly orders: SortOrders;
  private dupes = new DuplicateIndex();
  private contactBuyer = new Map<string, string>();
  private talkBuyer = new Map<string, string>();
  /**
   * The last change-log entry (data/change-log.ts) this index reflects, or null when
   * unknown (no log: then no snapshot is saved either).
   */
  private appliedSeq: number | null = null;
  /** Bumped whenever applying writes starts or ends (a snapshot being saved is then stale). */
  private applyEpoch = 0;
  private readonly saver: SnapshotSaver;
  /** The snapshot could not be used: this session builds from the data. */
  private snapshotBad = false;
  private readonly useSnapshot: boolean;
  private listeners = new Set<() => void>();
  private changes = new PendingChanges();
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
      /** false: never read nor save the persisted snapshot (index-snapshot.ts; benches' old path). */
      snapshot?: boolean;
      /** Quiet time before the snapshot is saved (tests shorten it). */
      snapshotDelayMs?: number;
    } = {},
  ) {
    this.headStore = options.headStore ?? localListHeadStore;
    this.useSnapshot = options.snapshot ?? true;
    this.saver = new SnapshotSaver(
      {
        db,
        state: () => this.snapshotState(),
        searcher: () => this.searcher,
        appliedSeq: () => this.appliedSeq,
        applyEpoch: () => this.applyEpoch,
        quiet: () => this.phase === 'ready' && !this.flushing && !this.changes.any,
        disposed: () => this.disposed,
        nameOrder: () => this.orders.whenSorted('name', 'en'),
        settled: () => this.settled(),
        stoppedByClose: (error) => this.stoppedByClose(error),
      },
      options.snapshotDelayMs ?? SNAPSHOT_SAVE_DELAY_MS,
    );
    const onFailure = (error: Error) => {
      // The worker could not start (or died): search in the page from now on.
      console.warn(error);
      this.backend = new InThreadSearchBackend();
      this.changes.fullReload = true;
      if (this.phase === 'ready') this.scheduleFlush();
    };
    this.makeBackend = () => (options.backend ?? createSearchBackend)(onFailure);
    this.searches = new SearchCache(
      () => this.searcher,
      () => this.emit(),
    );
    this.orders = new SortOrders(this.rows, (sort) => {
      if (sort === HEAD_SORT) {
        // The sorted list takes over from the saved head (same first rows unless the
        // data changed behind this index's back), and is the next start's head.
        this.head = null;
        this.saveHead();
      }
      this.emit();
    });
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
    this.orders.dispose();
    this.searches.dispose();
    if (this.headTimer) clearTimeout(this.headTimer);
    this.saver.dispose();
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
    this.phase = 'loading';
    this.rows.clear();
    this.contactBuyer.clear();
    this.talkBuyer.clear();
    this.orders.clear();
    this.dupes = new DuplicateIndex();
    this.loaded = 0;
    this.head = null;
    this.appliedSeq = null;

    let sliceStart = performance.now();
    // Work in slices of a few milliseconds so the window keeps answering.
    const breathe = async () => {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToUi();
        sliceStart = performance.now();
      }
    };

    // The first screen (the saved head's rows in their final place, the count
    // known: the sorted list takes over without a jump), before anything else:
    // the head's own rows (one read, no IndexedDB), else its ids read from Dexie.
    const saved = this.headStore.load(this.db.name);
    if (saved?.rows?.length) {
      for (const row of saved.rows) this.rows.set(row.id, row);
      this.head = saved.ids;
      this.headTotal = saved.total;
      this.total = saved.total;
    } else {
      const first = await readFirstScreen(this.db, saved, FIRST_PAGE);
      first.page.forEach((b, i) => {
        this.rows.set(b.id, toRow(b, first.counts[i]!, first.lastTalks[i]!));
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
        if (first.page.length === FIRST_PAGE) {
          // Counting walks the whole store in IndexedDB (seconds at 100,000 cold): after the first screen.
          this.emit();
          if (this.disposed) return;
          this.total = await countBuyers(this.db);
        }
      }
    }
    this.emit();
    if (this.disposed) return;
    // Where the data stands before anything is read: writes after it are applied after the load.
    const startSeq = this.useSnapshot && hasChangeLog(this.db) ? await lastSeq(this.db) : null;
    if (startSeq !== null && !this.snapshotBad && this.searcher.loadSnapshot) {
      const stored = await readSnapshot(this.db);
      if (this.disposed) return;
      if (stored) return this.restoreSnapshot(stored, breathe);
    }
    // The search index loads alongside: in the worker, which reads the buyers itself.
    const searcher = this.searcher;
    const selfLoading = searcher.loadFrom !== undefined;
    this.searchLoaded = 0;
    if (searcher.loadFrom) {
      searcher.loadFrom(this.db.name, (loaded) => {
        if (this.disposed) return;
        this.searchLoaded = loaded;
        // Searches answered from fewer buyers are asked again.
        this.searches.bump();
        this.emit();
      });
    } else searcher.beginLoad();

    const { last: lastTalk, talkBuyer } = await readLastTalks(this.db);
    this.talkBuyer = talkBuyer;
    // Talks written since the first screen was read: the full scan is the truth.
    for (const row of this.rows.values()) row.lastTalkAt = lastTalk.get(row.id) ?? null;
    // Every buyer by primary key, from the start (the first screen's rows were only for show).
    // The head's rows that the load does not meet are gone (a saved head can be stale).
    const shownFirst = new Set(this.rows.keys());
    let current = await readBuyerPage(this.db, null, PAGE);
    for (;;) {
      if (this.disposed) return;
      const { page, byBuyer } = current;
      if (!page.length) break;
      const records: BuyerRecord[] = [];
      for (const b of page) {
        const cs = byBuyer.get(b.id) ?? [];
        for (const c of cs) this.contactBuyer.set(c.id, c.buyerId);
        this.rows.set(b.id, toRow(b, cs.length, lastTalk.get(b.id) ?? null));
        shownFirst.delete(b.id);
        if (!selfLoading) records.push({ buyer: b, contacts: cs });
        this.dupes.upsert(b, cs);
        this.loaded++;
        await breathe();
      }
      if (!selfLoading) {
        // In the page (no worker): the search documents of this page, in slices.
        await searcher.addPage(records);
        this.searchLoaded = this.loaded;
        // Searches while loading answer from what is loaded so far: ask again.
        this.searches.bump();
      }
      this.emit();
      await yieldToUi();
      current = await readBuyerPage(this.db, page[page.length - 1]!.id, PAGE);
    }
    for (const id of shownFirst) this.rows.delete(id);
    if (this.head && shownFirst.size) this.head = this.head.filter((id) => this.rows.has(id));
    if (!selfLoading) searcher.endLoad();
    await searcher.whenLoaded();
    this.searches.bump();
    this.orders.touch();
    this.appliedSeq = startSeq;
    this.startedFrom = 'data';
    this.becomeReady();
  }

  private becomeReady(): void {
    this.phase = 'ready';
    this.emit();
    for (const w of this.readyWaiters.splice(0)) w();
    this.scheduleFlush();
  }

  /**
   * The index from the saved snapshot (index-snapshot.ts): rows, name order,
   * duplicate keys and links from its row chunks (in slices), the search
   * documents loaded by the search worker from its document chunks. Writes
   * logged after the snapshot's seq are applied next, like any write. A chunk
   * that cannot be read starts the load over from the data.
   */
  private async restoreSnapshot(
    stored: StoredSnapshot,
    breathe: () => Promise<void>,
  ): Promise<void> {
    const searcher = this.searcher;
    this.searchLoaded = 0;
    searcher.loadSnapshot!(
      this.db,
      { keys: stored.meta.docKeys, fingerprint: stored.meta.docsFingerprint },
      (loaded) => {
        if (this.disposed) return;
        this.searchLoaded = loaded;
        this.searches.bump();
        this.emit();
      },
      (message) => this.snapshotRejected(message),
    );
    // The first screen's rows (from the saved head) that the snapshot does not replace are gone.
    const shownFirst = new Map(this.rows);
    let order: string[];
    try {
      order = await restoreRows(stored.rows, this.snapshotState(), breathe, (added) => {
        this.loaded += added;
        this.emit();
      });
      if (order.length !== stored.meta.total || this.rows.size < order.length) {
        throw new Error('crm snapshot: rows missing');
      }
    } catch (error) {
      if (this.disposed) return;
      console.warn('[crm] the saved buyer index could not be read: building it again', error);
      this.forgetSnapshot();
      return this.loadAllOnce();
    }
    if (this.disposed) return;
    for (const [id, row] of shownFirst) if (this.rows.get(id) === row) this.rows.delete(id);
    if (this.head) this.head = this.head.filter((id) => this.rows.has(id));
    this.orders.seed('name', order);
    this.total = this.rows.size;
    this.appliedSeq = stored.meta.seq;
    this.saver.seq = stored.meta.seq;
    this.startedFrom = 'snapshot';
    this.becomeReady();
  }

  /** This session builds from the data; the next start too (the snapshot is removed). */
  private forgetSnapshot(): void {
    this.snapshotBad = true;
    dropSnapshot(this.db).catch((error: unknown) => {
      if (!this.stoppedByClose(error)) console.warn('[crm] could not remove the snapshot', error);
    });
  }

  /** The search worker could not use the snapshot's documents: they are built from the data. */
  private snapshotRejected(message: string): void {
    if (this.disposed) return;
    console.warn(`[crm] the saved search index could not be used: ${message}`);
    this.forgetSnapshot();
    this.searchLoaded = 0;
    const searcher = this.searcher;
    if (searcher.loadFrom) {
      searcher.loadFrom(this.db.name, (loaded) => {
        if (this.disposed) return;
        this.searchLoaded = loaded;
        this.searches.bump();
        this.emit();
      });
    } else {
      this.changes.fullReload = true;
      this.scheduleFlush();
    }
  }

  private onMutated = (parts: Record<string, IntervalTree>): void => {
    const touched = this.changes.record(this.db.name, parts);
    // The head's rows show contacts and talks too: any CRM write makes it stale.
    if (touched.any) this.headStore.save(this.db.name, null);
    if (touched.any) this.scheduleFlush();
  };

  private scheduleFlush(): void {
    if (this.phase !== 'ready' || this.flushing) return;
    this.flushing = (async () => {
      // Let a burst of transactions (an import, a demo load) coalesce.
      await yieldToUi();
      try {
        while (!this.disposed) {
          // Every logged write since the last one applied (whoever wrote it), with those heard.
          const upTo = await this.readLog();
          if (!this.changes.any) {
            if (upTo !== null) this.appliedSeq = upTo;
            break;
          }
          if (this.changes.fullReload) {
            this.changes = new PendingChanges();
            this.flushing = null;
            await this.loadAll();
            return;
          }
          await this.applyChanges();
          if (upTo !== null) this.appliedSeq = upTo;
        }
        if (this.useSnapshot) this.saver.schedule();
      } catch (error) {
        if (!this.stoppedByClose(error))
          console.error('[crm] the buyer index missed a change', error);
      } finally {
        this.flushing = null;
      }
    })();
  }

  /**
   * Adds the change-log entries after `appliedSeq` to the pending changes; returns
   * the last seq read (null: no log, or nothing applied from it yet).
   */
  private async readLog(): Promise<number | null> {
    if (this.appliedSeq === null) return null;
    const log = await readLogSince(this.db, this.appliedSeq);
    if (log.pruned) this.changes.fullReload = true;
    addLogEntries(this.changes, log.entries);
    return log.lastSeq;
  }

  /**
   * Applies the pending changes in batches of APPLY_BATCH buyers, each a short
   * task (an import of 10,000 rows is not one long one); the list is correct
   * after every batch.
   */
  private async applyChanges(): Promise<void> {
    const { buyers: buyerIds, contacts, talks } = this.changes.take();
    this.applyEpoch++;
    try {
      const target = this.applyTarget();
      const lastTalkFor = new Set<string>();
      await ownersOf(target, [...contacts], [...talks], buyerIds, lastTalkFor);
      const idList = [...new Set([...buyerIds, ...lastTalkFor])];
      for (let at = 0; at < idList.length; at += APPLY_BATCH) {
        if (this.disposed) return;
        const batch = idList.slice(at, at + APPLY_BATCH);
        const { removed, changed } = await applyBuyerBatch(
          target,
          batch.filter((id) => buyerIds.has(id)),
          batch.filter((id) => lastTalkFor.has(id)),
        );
        if (changed) this.searches.bump();
        if (this.head && removed.length) this.head = this.head.filter((id) => this.rows.has(id));
        this.total = this.rows.size;
        this.emit();
        await yieldToUi();
      }
      this.total = this.rows.size;
      this.loaded = this.rows.size;
      if (idList.length) this.scheduleHeadSave();
      this.emit();
    } finally {
      this.applyEpoch++;
    }
  }

  private applyTarget(): ApplyTarget {
    return { ...this.snapshotState(), db: this.db, orders: this.orders, searcher: this.searcher };
  }

  private snapshotState(): SnapshotState {
    const { rows, dupes, contactBuyer, talkBuyer } = this;
    return { rows, dupes, contactBuyer, talkBuyer };
  }

  /** Resolves once a snapshot reflecting every applied write is saved (tests, benches). */
  snapshotSaved(): Promise<void> {
    return this.useSnapshot ? this.saver.saved() : Promise.resolve();
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
    // The name order ignores the UI collation: any computed one will do.
    const ids = this.orders.anyOrder(HEAD_SORT);
    // Only an order that reflects every committed write (else the next start would show a stale head).
    if (this.disposed || !ids || this.changes.any) return;
    const head = ids.slice(0, FIRST_PAGE);
    this.headStore.save(this.db.name, {
      ids: head,
      total: ids.length,
      rows: head.map((id) => this.rows.get(id)!),
    });
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
   * (in slices; the index emits when it is ready). Sorted once, then
   * maintained by binary insertion on every write.
   */
  sortedIds(sort: SortKey, collation: string): string[] | null {
    return this.orders.sortedIds(sort, collation);
  }

  /** The ids in `sort` order once computed (tests, exports). */
  async whenSorted(sort: SortKey, collation: string): Promise<string[]> {
    await this.settled();
    return this.orders.whenSorted(sort, collation);
  }

  query(q: BuyerQuery): BuyerQueryResult {
    const text = q.text.trim();
    // While loading, the list shows its first rows; filters and sorts wait for every buyer.
    if (this.phase !== 'ready' && !text) return this.preview(q.sort);
    const accept = rowMatcher(q.filters, q.now ?? Date.now());
    const hasFilter = Object.values(q.filters).some(Boolean);
    if (text) {
      const answer = this.searches.answer(text);
      const { hits, truncated } = answer ?? this.searches.latest ?? { hits: [], truncated: false };
      const ids = hits
        .map((h) => h.buyerId)
        .filter((id) => {
          const row = this.rows.get(id);
          return row !== undefined && accept(row);
        });
      const result: BuyerQueryResult = {
        ids,
        count: ids.length,
        ranked: true,
        truncated,
        pending: answer === null,
      };
      // Until every buyer is loaded the answer covers only those loaded so far.
      if (this.phase !== 'ready' || (answer ?? this.searches.latest)?.partial) {
        result.partial = true;
      }
      return result;
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
    return this.searcher.search(text.trim(), options.limit ?? 50, true);
  }

  /**
   * Searches what is loaded so far, without waiting for the load: `partial` is
   * set while the search index does not hold every buyer yet.
   */
  searchWhileLoading(text: string, options: { limit?: number } = {}): Promise<SearchResult> {
    return this.searcher.search(text.trim(), options.limit ?? 50);
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
    return rowFacets(this.rows.values());
  }
}

const indexes = new WeakMap<Dexie, CrmIndex>();

// Any committed write to a buyers, contacts or talks table (this window, another
// one, the sync pull worker) drops that database's saved list head, also in a
// session where no CRM index runs: a stale head would put wrong rows in place. A
// running index saves a new one once its order reflects the write.
const HEAD_TABLES = [CRM_TABLES.buyers, CRM_TABLES.contacts, CRM_TABLES.tradeTalks];
Dexie.on('storagemutated', (parts: Record<string, IntervalTree>) => {
  const names = new Set<string>();
  for (const part of Object.keys(parts)) {
    for (const table of HEAD_TABLES) {
      const dbName = buyersPartDb(part, table);
      if (dbName !== null) names.add(dbName);
    }
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
