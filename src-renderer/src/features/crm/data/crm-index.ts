import Dexie from 'dexie';
import type { IntervalTree } from 'dexie';
import type { SearchResult } from '@shared/crm/search-index';
import {
  DuplicateIndex,
  findDuplicates,
  type DuplicateCandidate,
  type DuplicateMatch,
} from '@shared/crm/duplicates';
import { SORT_KEYS, type SortKey } from './buyer-order';
import { localListHeadStore, type ListHeadStore } from './list-head';
import { ListHeadKeeper } from './list-head-keeper';
import { answerQuery } from './buyer-query';
import {
  rowFacets,
  type BuyerQuery,
  type BuyerQueryResult,
  type BuyerRow,
  type IndexPhase,
} from './buyer-rows';
import { SortOrders } from './sort-orders';
import { SearchCache } from './search-cache';
import { PendingChanges } from './index-changes';
import { countBuyers, readLastTalks } from './index-reads';
import { loadEveryBuyer } from './index-load';
import {
  dropSnapshot,
  hasChangeLog,
  lastSeq,
  readLogSince,
  readSnapshot,
  type StoredSnapshot,
} from './index-snapshot';
import { restoreRows, type SnapshotState } from './snapshot-state';
import { DupesRestore } from './dupes-restore';
import { SnapshotSaver } from './snapshot-saver';
import { addLogEntries, applyInBatches, type ApplyTarget } from './index-apply';
import { createSearchBackend, InThreadSearchBackend, type SearchBackend } from '../search/backend';
import { yieldToUi } from '../../../platform/yield-to-ui';

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
/** Longest stretch of work between two yields to the UI while loading. */
const SLICE_MS = 12;
/** Writes settle this long before the snapshot is saved again (index-snapshot.ts). */
const SNAPSHOT_SAVE_DELAY_MS = 3_000;

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
  /** The search index (worker, else in the page): made on first use, after the first screen. */
  private backend: SearchBackend | null = null;
  private readonly makeBackend: () => SearchBackend;
  private readonly searches: SearchCache;
  private readonly orders: SortOrders;
  private dupes = new DuplicateIndex();
  /** A restored snapshot's duplicate keys still being imported (dupes-restore.ts). */
  private dupesLater: DupesRestore | null = null;
  private contactBuyer = new Map<string, string>();
  private talkBuyer = new Map<string, string>();
  /** The last change-log seq this index reflects; null when unknown (then no snapshot saved). */
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
  /** The first rows of the name order as saved by the last session (list-head-keeper.ts). */
  private readonly head: ListHeadKeeper;

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
    this.head = new ListHeadKeeper(
      options.headStore ?? localListHeadStore,
      db.name,
      {
        rows: this.rows,
        // The name order ignores the UI collation: any computed one will do.
        nameOrder: () => this.orders.anyOrder(HEAD_SORT),
        current: () => !this.changes.any,
        disposed: () => this.disposed,
      },
      FIRST_PAGE,
    );
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
      // The sorted list takes over from the saved head (same first rows unless the
      // data changed behind this index's back), and is the next start's head.
      if (sort === HEAD_SORT) this.head.takeOver();
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
    this.head.dispose();
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
    this.dupesLater = null;
    this.loaded = 0;
    this.head.ids = null;
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
    // known: the sorted list takes over without a jump), before anything else.
    const first = await this.head.showFirstScreen(this.db);
    this.total = first.total;
    if (first.uncounted) {
      // Counting walks the whole store in IndexedDB (seconds at 100,000 cold): after the first screen.
      this.emit();
      if (this.disposed) return;
      this.total = await countBuyers(this.db);
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
    if (searcher.loadFrom) searcher.loadFrom(this.db.name, this.onSearchLoaded);
    else searcher.beginLoad();

    const { last: lastTalk, talkBuyer } = await readLastTalks(this.db);
    this.talkBuyer = talkBuyer;
    // Talks written since the first screen was read: the full scan is the truth.
    for (const row of this.rows.values()) row.lastTalkAt = lastTalk.get(row.id) ?? null;
    // Every buyer by primary key, from the start (the first screen's rows were only for show).
    const complete = await loadEveryBuyer(this.db, this.snapshotState(), {
      pageSize: PAGE,
      lastTalk,
      records: !selfLoading,
      breathe,
      stopped: () => this.disposed,
      onPage: async (added, records) => {
        this.loaded += added;
        if (!selfLoading) {
          // In the page (no worker): the search documents of this page, in slices.
          await searcher.addPage(records);
          this.searchLoaded = this.loaded;
          // Searches while loading answer from what is loaded so far: ask again.
          this.searches.bump();
        }
        this.emit();
        await yieldToUi();
      },
    });
    if (!complete) return;
    this.head.prune();
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
    this.searchLoaded = 0;
    this.searcher.loadSnapshot!(
      this.db,
      { keys: stored.meta.docKeys, fingerprint: stored.meta.docsFingerprint },
      this.onSearchLoaded,
      (message) => this.snapshotRejected(message),
    );
    // The first screen's rows (from the saved head) that the snapshot does not replace are gone.
    const shownFirst = new Map(this.rows);
    const later = (this.dupesLater = new DupesRestore(this.dupes));
    let order: string[];
    try {
      const target = { ...this.snapshotState(), dupes: later };
      order = await restoreRows(this.db, stored.meta, target, breathe, this.onRestored);
    } catch (error) {
      if (this.disposed) return;
      console.warn('[crm] the saved buyer index could not be read: building it again', error);
      this.forgetSnapshot();
      return this.loadAllOnce();
    }
    if (this.disposed) return;
    for (const [id, row] of shownFirst) if (this.rows.get(id) === row) this.rows.delete(id);
    this.head.prune();
    this.orders.seed('name', order);
    this.total = this.rows.size;
    this.appliedSeq = stored.meta.seq;
    this.saver.seq = stored.meta.seq;
    this.startedFrom = 'snapshot';
    this.becomeReady();
    void later.drain(yieldToUi, () => this.disposed || this.dupesLater !== later);
  }

  private onRestored = (added: number): void => {
    this.loaded += added;
    this.emit();
  };

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
      searcher.loadFrom(this.db.name, this.onSearchLoaded);
    } else {
      this.changes.fullReload = true;
      this.scheduleFlush();
    }
  }

  /** The search index holds `loaded` buyers: searches answered from fewer are asked again. */
  private onSearchLoaded = (loaded: number): void => {
    if (this.disposed) return;
    this.searchLoaded = loaded;
    this.searches.bump();
    this.emit();
  };

  private onMutated = (parts: Record<string, IntervalTree>): void => {
    const touched = this.changes.record(this.db.name, parts);
    // The head's rows show contacts and talks too: any CRM write makes it stale.
    if (touched.any) this.head.drop();
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

  /** Applies the pending changes in short batches (index-apply.ts); the list is correct after each. */
  private async applyChanges(): Promise<void> {
    this.applyEpoch++;
    try {
      const applied = await applyInBatches(
        this.applyTarget(),
        this.changes.take(),
        () => this.disposed,
        ({ removed, changed }) => {
          if (changed) this.searches.bump();
          if (removed.length) this.head.prune();
          this.total = this.rows.size;
          this.emit();
        },
      );
      if (this.disposed) return;
      this.total = this.rows.size;
      this.loaded = this.rows.size;
      if (applied) this.head.scheduleSave();
      this.emit();
    } finally {
      this.applyEpoch++;
    }
  }

  private applyTarget(): ApplyTarget {
    return { ...this.snapshotState(), db: this.db, orders: this.orders, searcher: this.searcher };
  }

  private snapshotState(): SnapshotState {
    const { rows, contactBuyer, talkBuyer } = this;
    return { rows, dupes: this.duplicateIndex, contactBuyer, talkBuyer };
  }

  /** Resolves once a snapshot reflecting every applied write is saved (tests, benches). */
  snapshotSaved(): Promise<void> {
    return this.useSnapshot ? this.saver.saved() : Promise.resolve();
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
    return answerQuery(
      {
        phase: this.phase,
        rows: this.rows,
        searches: this.searches,
        sortedIds: (sort, collation) => this.sortedIds(sort, collation),
        preview: (sort) => this.head.preview(sort === HEAD_SORT, this.phase),
      },
      q,
    );
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
    return this.dupesLater?.finish() ?? this.dupes;
  }

  duplicatesOf(candidate: DuplicateCandidate): DuplicateMatch[] {
    return findDuplicates(candidate, this.duplicateIndex);
  }

  /** Distinct values for the filter pickers. */
  facets(): { countries: string[]; tags: string[] } {
    return rowFacets(this.rows.values());
  }
}

const indexes = new WeakMap<Dexie, CrmIndex>();

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
