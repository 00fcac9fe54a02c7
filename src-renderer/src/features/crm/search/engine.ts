import { buildSearchDocument, type SearchDocument } from '@shared/crm/search-keys';
import { encodeSearchDocuments } from '@shared/crm/search-codec';
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
 * The documents this code builds for a fixed buyer (every kind of key: pinyin,
 * readings, phone variants, email parts). A snapshot's documents are only used
 * by code that builds the same documents: a change to the search keys makes the
 * saved fingerprint differ and the snapshot is rebuilt.
 */
export function documentsFingerprint(): string {
  const at = '2020-01-01T00:00:00.000Z';
  const base = { officeId: 'probe', createdAt: at, updatedAt: at };
  const buyer = {
    ...base,
    id: 'probe',
    nameNative: '上海东方贸易有限公司',
    nameLatin: 'Shanghai Dongfang Trading Co., Ltd.',
    reading: '',
    nameScript: 'zh',
    country: 'CN',
    city: '上海市',
    website: '',
    tags: ['Probe'],
    industries: [],
    status: 'active',
    notes: '',
  } as unknown as BuyerCompany;
  const person = { reading: '', latinFamily: '', latinGiven: '', title: '', notes: '' };
  const none = { emails: [], phones: [], messengers: [] };
  const contacts = [
    {
      ...base,
      ...person,
      ...none,
      id: 'probe-c',
      buyerId: 'probe',
      familyName: '王',
      givenName: '小明',
      latinFamily: 'Wang',
      latinGiven: 'Xiaoming',
      nameScript: 'zh',
      emails: ['xiaoming.wang@example.com'],
      phones: [{ e164: '+862161234567' }],
      messengers: [{ channel: 'wechat', handle: 'wang_xm' }],
    },
    {
      ...base,
      ...person,
      ...none,
      id: 'probe-k',
      buyerId: 'probe',
      familyName: '山田',
      givenName: '花子',
      reading: 'ヤマダ ハナコ',
      nameScript: 'ja',
      phones: [{ e164: '+819012345678' }],
    },
  ] as unknown as Contact[];
  return encodeSearchDocuments([buildSearchDocument(buyer, contacts)]);
}

/**
 * The search side of the CRM index, with no DOM and no Dexie: it runs inside
 * the search worker (search.worker.ts) and, where no Worker exists (unit
 * tests, happy-dom), in the page (in-thread.ts). It receives raw buyers with
 * their contacts, builds the search documents (pinyin, phone variants: the
 * costly part, ~0.15 ms per buyer) and the shards, and answers queries.
 */
export class SearchEngine {
  private index: ShardedSearchIndex;

  constructor() {
    this.index = new ShardedSearchIndex();
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
    this.loading = new ShardedSearchIndex();
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

  /** Adds documents built earlier (a persisted snapshot) to a full load. */
  addDocuments(docs: readonly SearchDocument[]): void {
    if (!this.loading) this.beginLoad();
    for (const d of docs) if (!this.touchedDuringLoad.has(d.buyerId)) this.pending.push(d);
    if (this.pending.length >= SHARD_SIZE) {
      this.loading!.addShard(this.pending);
      this.pending = [];
    }
  }

  /** Every current document, encoded (search-codec.ts) in chunks of `chunk`. */
  exportDocuments(chunk: number): string[] {
    const out: string[] = [];
    let batch: SearchDocument[] = [];
    for (const d of this.index.documents()) {
      batch.push(d);
      if (batch.length >= chunk) {
        out.push(encodeSearchDocuments(batch));
        batch = [];
      }
    }
    if (batch.length) out.push(encodeSearchDocuments(batch));
    return out;
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
