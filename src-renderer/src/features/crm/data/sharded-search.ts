import {
  BuyerSearchIndex,
  Scoreboard,
  searchParts,
  type SearchResult,
} from '@shared/crm/search-index';
import type { SearchDocument } from '@shared/crm/search-keys';

/**
 * The shared BuyerSearchIndex split into shards of a few thousand buyers.
 * Why: building one index over 100,000 buyers is a single synchronous call
 * that would freeze the window for seconds on a busy laptop; shards are built
 * one at a time between frames, and each is warmed up when the laptop is idle.
 * Writes go to a small "live" shard (the shared index's own delta), so an
 * edit costs the same at any size. A query scans every shard into one scoreboard.
 */
export class ShardedSearchIndex {
  private shards: BuyerSearchIndex[] = [];
  private live = new BuyerSearchIndex();
  private shardOf = new Map<string, BuyerSearchIndex>();
  private warmed = 0;
  private board = new Scoreboard();

  get size(): number {
    return this.shardOf.size;
  }

  /** Adds a built shard (call between frames while loading). */
  addShard(docs: readonly SearchDocument[]): void {
    if (!docs.length) return;
    const shard = BuyerSearchIndex.build(docs);
    this.shards.push(shard);
    for (const d of docs) {
      this.shardOf.get(d.buyerId)?.remove(d.buyerId);
      this.shardOf.set(d.buyerId, shard);
    }
  }

  /** Every current document (the persisted snapshot). */
  *documents(): IterableIterator<SearchDocument> {
    for (const [id, shard] of this.shardOf) {
      const doc = shard.document(id);
      if (doc) yield doc;
    }
  }

  upsert(doc: SearchDocument): void {
    this.shardOf.get(doc.buyerId)?.remove(doc.buyerId);
    this.live.upsert(doc);
    this.shardOf.set(doc.buyerId, this.live);
  }

  remove(buyerId: string): void {
    this.shardOf.get(buyerId)?.remove(buyerId);
    this.shardOf.delete(buyerId);
  }

  /**
   * Sorts buckets for about `budgetMs` (at least one bucket); false when all are
   * warm. Small steps: a query arriving meanwhile waits for one step, not a shard.
   */
  warmUpNext(budgetMs = 8): boolean {
    const shard = this.shards[this.warmed];
    if (!shard) return false;
    if (shard.warmUp(budgetMs)) this.warmed++;
    return this.warmed < this.shards.length;
  }

  /**
   * Asks every shard at once, as ONE index (shared scoreboard and scan budget,
   * hits made only for the page): a query costs about the same as over a single
   * index of the same size. Ties go to the live shard (the latest edits) first.
   */
  search(query: string, options: { limit?: number } = {}): SearchResult {
    return searchParts([this.live, ...this.shards], query, options, this.board);
  }
}
