import { BuyerSearchIndex, type SearchHit, type SearchResult } from '@shared/crm/search-index';
import type { SearchDocument } from '@shared/crm/search-keys';

/**
 * The shared BuyerSearchIndex split into shards of a few thousand buyers.
 * Why: building one index over 100,000 buyers is a single synchronous call
 * that would freeze the window for seconds on a busy laptop; shards are built
 * one at a time between frames, and each is warmed up when the laptop is idle.
 * Writes go to a small "live" shard (the shared index's own delta), so an
 * edit costs the same at any size. A query asks every shard and merges by score.
 */
export class ShardedSearchIndex {
  private shards: BuyerSearchIndex[] = [];
  private live = new BuyerSearchIndex();
  private shardOf = new Map<string, BuyerSearchIndex>();
  private warmed = 0;

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

  upsert(doc: SearchDocument): void {
    this.shardOf.get(doc.buyerId)?.remove(doc.buyerId);
    this.live.upsert(doc);
    this.shardOf.set(doc.buyerId, this.live);
  }

  remove(buyerId: string): void {
    this.shardOf.get(buyerId)?.remove(buyerId);
    this.shardOf.delete(buyerId);
  }

  /** Sorts the buckets of one more shard; false when all are warm. */
  warmUpNext(): boolean {
    const shard = this.shards[this.warmed];
    if (!shard) return false;
    shard.warmUp();
    this.warmed++;
    return true;
  }

  search(query: string, options: { limit?: number } = {}): SearchResult {
    const limit = options.limit ?? 50;
    let truncated = false;
    const hits: SearchHit[] = [];
    for (const shard of [this.live, ...this.shards]) {
      const r = shard.search(query, { limit });
      truncated ||= r.truncated;
      hits.push(...r.hits);
    }
    // Best score first; ties keep shard order (the live shard holds the latest edits).
    const order = hits.map((h, i) => ({ h, i })).sort((a, b) => b.h.score - a.h.score || a.i - b.i);
    return { hits: order.slice(0, limit).map((x) => x.h), truncated };
  }
}
