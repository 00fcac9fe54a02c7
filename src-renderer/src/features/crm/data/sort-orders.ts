import { buyerComparator, insertSorted, type SortableRow, type SortKey } from './buyer-order';
import { sortInSlices } from './slice-sort';
import { yieldToUi } from '../../../platform/yield-to-ui';

interface Order {
  compare: (a: string, b: string) => number;
  ids: string[];
}

/**
 * The buyer list's orders over the index's rows: each computed once in the
 * background (in slices, see slice-sort.ts), then maintained by binary
 * insertion on every write. Keyed by sort and UI collation.
 */
export class SortOrders {
  private cache = new Map<string, Order>();
  private sorting = new Map<string, Promise<void>>();
  /** Bumped whenever rows are added, changed or removed (stale background sorts restart). */
  private epoch = 0;
  private disposed = false;

  constructor(
    private readonly rows: ReadonlyMap<string, SortableRow>,
    /** Called when an order has been computed. */
    private readonly onSorted: (sort: SortKey, ids: string[]) => void,
  ) {}

  /** The rows changed under every order (a reload): drop them all. */
  clear(): void {
    this.cache.clear();
    this.epoch++;
  }

  /** Rows changed: a background sort in progress starts over. */
  touch(): void {
    this.epoch++;
  }

  dispose(): void {
    this.disposed = true;
  }

  /**
   * All ids in `sort` order, or null while that order is being computed (a
   * background sort is started; `onSorted` is called when it is done).
   */
  sortedIds(sort: SortKey, collation: string): string[] | null {
    const key = `${sort}|${collation}`;
    const entry = this.cache.get(key) ?? this.cache.get(`${sort}|*`);
    if (entry) return entry.ids;
    if (!this.sorting.has(key)) this.sorting.set(key, this.sortInBackground(sort, collation, key));
    return null;
  }

  /** The ids in `sort` order, once computed. */
  async whenSorted(sort: SortKey, collation: string): Promise<string[]> {
    for (;;) {
      const ids = this.sortedIds(sort, collation);
      if (ids) return ids;
      await this.sorting.get(`${sort}|${collation}`);
    }
  }

  /**
   * An order known already (the name order of a saved snapshot), for every
   * collation: only the name order, which ignores the UI collation.
   */
  seed(sort: 'name', ids: string[]): void {
    this.cache.set(`${sort}|*`, { compare: buyerComparator(sort, 'en', this.rows), ids });
    this.onSorted(sort, ids);
  }

  /** `sort`'s order if computed, whatever the collation (the name order ignores it). */
  anyOrder(sort: SortKey): string[] | null {
    for (const [key, entry] of this.cache) if (key.startsWith(`${sort}|`)) return entry.ids;
    return null;
  }

  private async sortInBackground(sort: SortKey, collation: string, key: string): Promise<void> {
    try {
      for (;;) {
        const epoch = this.epoch;
        const compare = buyerComparator(sort, collation, this.rows);
        const ids = await sortInSlices([...this.rows.keys()], compare, yieldToUi);
        if (this.disposed) return;
        // Rows changed meanwhile: the snapshot is stale, sort again.
        if (epoch !== this.epoch) continue;
        this.cache.set(key, { compare, ids });
        this.onSorted(sort, ids);
        return;
      }
    } finally {
      this.sorting.delete(key);
    }
  }

  /** Takes the changed buyers out of every computed order (one pass per order). */
  remove(changed: ReadonlySet<string>): void {
    if (!changed.size) return;
    for (const entry of this.cache.values()) {
      entry.ids = entry.ids.filter((id) => !changed.has(id));
    }
  }

  /** Puts the changed buyers that still exist back in every computed order. */
  insert(changed: ReadonlySet<string>): void {
    const ids = [...changed].filter((id) => this.rows.has(id));
    if (!ids.length) return;
    for (const entry of this.cache.values()) {
      entry.ids = insertSorted(entry.ids, ids, entry.compare);
    }
  }
}
