import Dexie from 'dexie';
import type { IntervalTree } from 'dexie';
import { CRM_TABLES } from './records';
import { toRow, type BuyerQueryResult, type BuyerRow, type IndexPhase } from './buyer-rows';
import { readFirstScreen } from './index-reads';
import { buyersPartDb, localListHeadStore, type ListHead, type ListHeadStore } from './list-head';

/** Writes settle this long before the head is saved again. */
const HEAD_SAVE_DELAY_MS = 1_000;

/** What the keeper reads from the CRM index that owns it. */
export interface HeadSource {
  rows: Map<string, BuyerRow>;
  /** The name order if computed (any collation), else null. */
  nameOrder(): string[] | null;
  /** True when every committed write is reflected in `nameOrder()`. */
  current(): boolean;
  disposed(): boolean;
}

/**
 * The CRM index's side of the list head (list-head.ts): the saved head shown
 * until the name order is computed, and saving a new one once the order
 * reflects every write, for the next start.
 */
export class ListHeadKeeper {
  /** The saved head's ids shown in place, or null once the sorted list took over. */
  ids: string[] | null = null;
  /** The number of buyers the saved head was written with. */
  total = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: ListHeadStore,
    private readonly dbName: string,
    private readonly source: HeadSource,
    /** Rows in a saved head (the first screen). */
    private readonly size: number,
  ) {}

  load(): ListHead | null {
    return this.store.load(this.dbName);
  }

  /**
   * Puts the first screen's rows in `rows`: the saved head's own rows (one read,
   * no IndexedDB), else its ids read from Dexie, else the first buyers by key.
   * Returns the number of buyers known so far, `uncounted` when there may be more.
   */
  async showFirstScreen(db: Dexie): Promise<{ total: number; uncounted: boolean }> {
    const { rows } = this.source;
    const saved = this.load();
    if (saved?.rows?.length) {
      for (const row of saved.rows) rows.set(row.id, row);
      this.show(saved.ids, saved.total);
      return { total: saved.total, uncounted: false };
    }
    const first = await readFirstScreen(db, saved, this.size);
    first.page.forEach((b, i) => rows.set(b.id, toRow(b, first.counts[i]!, first.lastTalks[i]!)));
    if (!first.fromHead || !saved) {
      return { total: first.page.length, uncounted: first.page.length === this.size };
    }
    const ids = first.page.map((b) => b.id);
    // Saved ids no longer found are buyers removed since.
    const total = Math.max(ids.length, saved.total - (saved.ids.length - ids.length));
    this.show(ids, total);
    return { total, uncounted: false };
  }

  show(ids: string[], total: number): void {
    this.ids = ids;
    this.total = total;
  }

  /** Drops the saved head's ids that are no longer rows. */
  prune(): void {
    if (this.ids) this.ids = this.ids.filter((id) => this.source.rows.has(id));
  }

  /** A write made the saved head stale: removed until a new one is saved. */
  drop(): void {
    this.store.save(this.dbName, null);
  }

  /** The sorted list takes over from the saved head and is the next start's head. */
  takeOver(): void {
    this.ids = null;
    this.save();
  }

  /** Saves the head once the writes of a burst are applied. */
  scheduleSave(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, HEAD_SAVE_DELAY_MS);
  }

  save(): void {
    const ids = this.source.nameOrder();
    // Only an order that reflects every committed write (else the next start would show a stale head).
    if (this.source.disposed() || !ids || !this.source.current()) return;
    const head = ids.slice(0, this.size);
    this.store.save(this.dbName, {
      ids: head,
      total: ids.length,
      rows: head.map((id) => this.source.rows.get(id)!),
    });
  }

  /**
   * What the list shows until the requested order is known: the saved head of
   * the name order (in place, with the full count), else the buyers as loaded.
   */
  preview(isNameOrder: boolean, phase: IndexPhase): BuyerQueryResult {
    if (isNameOrder && this.ids) {
      const count = Math.max(
        this.ids.length,
        phase === 'ready' ? this.source.rows.size : this.total,
      );
      return { ids: this.ids, count, ranked: false, truncated: false, pending: true };
    }
    const ids = [...this.source.rows.keys()];
    return { ids, count: ids.length, ranked: false, truncated: false, pending: true };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

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
