import { buildSearchDocument, type SearchDocument } from '@shared/crm/search-keys';
import type { SearchResult } from '@shared/crm/search-index';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { ShardedSearchIndex } from '../data/sharded-search';

/** One buyer with its contacts, as the search index needs it. */
export interface BuyerRecord {
  buyer: BuyerCompany;
  contacts: Contact[];
}

/** Buyers per search shard: a shard builds in a few hundred ms, off the main thread. */
export const SHARD_SIZE = 5_000;

/**
 * The search side of the CRM index, with no DOM and no Dexie: it runs inside
 * the search worker (search.worker.ts) and, where no Worker exists (unit
 * tests, happy-dom), in the page (in-thread.ts). It receives raw buyers with
 * their contacts, builds the search documents (pinyin, phone variants: the
 * costly part, ~0.15 ms per buyer) and the shards, and answers queries.
 */
export class SearchEngine {
  private index: ShardedSearchIndex;

  /** `warmOnBuild`: see ShardedSearchIndex (the worker sets it). */
  constructor(private readonly options: { warmOnBuild?: boolean } = {}) {
    this.index = new ShardedSearchIndex(options);
  }

  /** Built while loading; swapped in at endLoad() so searches never see half a shard set twice. */
  private loading: ShardedSearchIndex | null = null;
  private pending: SearchDocument[] = [];
  /**
   * Buyers written (upsert, remove) during a load: their newer state came in that
   * message, so a page read before the write does not bring the old one back.
   */
  private touchedDuringLoad = new Set<string>();

  get size(): number {
    return this.index.size;
  }

  /** Starts a full (re)load; the previous index answers until endLoad(). */
  beginLoad(): void {
    this.loading = new ShardedSearchIndex(this.options);
    this.pending = [];
    this.touchedDuringLoad.clear();
  }

  get isLoading(): boolean {
    return this.loading !== null;
  }

  /** Adds one page of a full load; builds a shard whenever SHARD_SIZE documents are waiting. */
  addPage(records: readonly BuyerRecord[]): void {
    if (!this.loading) this.beginLoad();
    for (const r of records) {
      if (this.touchedDuringLoad.has(r.buyer.id)) continue;
      this.pending.push(buildSearchDocument(r.buyer, r.contacts));
    }
    if (this.pending.length >= SHARD_SIZE) {
      this.loading!.addShard(this.pending);
      this.pending = [];
    }
  }

  endLoad(): void {
    if (!this.loading) return;
    this.loading.addShard(this.pending);
    this.pending = [];
    this.index = this.loading;
    this.loading = null;
    this.touchedDuringLoad.clear();
  }

  /** A buyer written after the load (edit, import, sync pull). */
  upsert(records: readonly BuyerRecord[]): void {
    for (const r of records) {
      const doc = buildSearchDocument(r.buyer, r.contacts);
      this.index.upsert(doc);
      // A load in progress read the old version (or none): keep it current too.
      if (this.loading) {
        this.loading.upsert(doc);
        this.touchedDuringLoad.add(doc.buyerId);
      }
    }
  }

  remove(buyerIds: readonly string[]): void {
    for (const id of buyerIds) {
      this.index.remove(id);
      if (this.loading) {
        this.loading.remove(id);
        this.touchedDuringLoad.add(id);
      }
      this.pending = this.pending.filter((d) => d.buyerId !== id);
    }
  }

  /** Sorts the buckets of one more shard; false when every shard is warm. */
  warmUpNext(): boolean {
    return this.index.warmUpNext();
  }

  /**
   * The first load (nothing indexed before it) answers from the buyers loaded so
   * far, marked `partial`; a reload keeps answering from the previous index.
   */
  search(query: string, limit: number): SearchResult {
    if (this.loading && this.index.size === 0) {
      // The waiting documents become a (small) shard: every loaded buyer is searched.
      this.loading.addShard(this.pending);
      this.pending = [];
      return { ...this.loading.search(query, { limit }), partial: true };
    }
    return this.index.search(query, { limit });
  }
}
