import { digitsOnly, foldForSearch, looksLikePhoneQuery } from './fold';
import { SEARCH_FIELDS, type SearchDocument, type SearchField } from './search-keys';
import {
  DELTA_LIMIT,
  FIELD_INDEX,
  FIELD_SCORE,
  META_CHARS,
  MAX_SCAN,
  addToHaystacks,
  forEachEntry,
  haystacksFor,
  isAscii,
  lowerBound,
  lowerBoundPacked,
  upperBoundPacked,
  type Bucket,
  type HaystackKind,
} from './search-entries';
import { Scoreboard } from './search-scoreboard';

export { Scoreboard };

/** Match quality, best first. */
export const MATCH_TIERS = ['exact', 'prefix', 'wordPrefix', 'substring'] as const;
export type MatchTier = (typeof MATCH_TIERS)[number];
const TIER_SCORE: Record<MatchTier, number> = {
  exact: 3000,
  prefix: 2000,
  wordPrefix: 1000,
  substring: 0,
};
const TIER_INDEX: Record<MatchTier, number> = { exact: 0, prefix: 1, wordPrefix: 2, substring: 3 };

export interface SearchHit {
  buyerId: string;
  /** The contact whose key matched, or null when a company key matched. */
  contactId: string | null;
  field: SearchField;
  tier: MatchTier;
  score: number;
  /** The folded key that matched, from the matched word on for word-prefix hits (for highlighting). */
  matched: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when a very short query had more candidates than were examined. */
  truncated: boolean;
  /** True when the index answering does not hold every buyer yet (still loading). */
  partial?: boolean;
}

export interface SearchOptions {
  /** Page size; default 50. */
  limit?: number;
}

/*
 * Layout (measured in src-shared/crm/bench.ts).
 *
 * PREFIX TIERS. Each indexed key yields one ENTRY per start position (key
 * start, and word starts for 'words' keys). An entry is one string:
 *   key-suffix + "\0" + 8 packed ASCII chars (document index, field, slot, key-start flag)
 * Entries go to BUCKETS by their first two code units. A bucket is sorted
 * by the native string sort the first time a query needs it (or by
 * warmUp()), so building is a linear pass and no query sorts more than one
 * bucket. A query of 2+ chars binary-searches its bucket and scans forward
 * while entries start with it; a 1-char query scans its buckets unsorted,
 * capped (it matches everything anyway).
 *
 * SUBSTRING TIER. Only when the prefix tiers did not fill the page: the
 * folded keys are concatenated into three haystacks (digits of phones, ASCII,
 * other scripts) and scanned with indexOf, which V8 runs at memory speed on
 * one-byte strings. The query picks one haystack.
 *
 * WRITES. upsert/remove tombstone the old document and put the new one into a
 * small sorted delta (+ delta haystack); rebuild() folds it in when it grows.
 */

export class BuyerSearchIndex {
  private docs: (SearchDocument | null)[] = [];
  private byBuyer = new Map<string, number>();
  private buckets = new Map<string, Bucket>();
  /** First code unit → buckets starting with it (for 1-char queries). */
  private bucketsByFirst = new Map<string, Bucket[]>();
  private haystacks = haystacksFor([], []);
  private entryCount = 0;
  private delta: string[] = [];
  private deltaDocs: number[] = [];
  private deltaHaystacks = haystacksFor([], []);
  private board = new Scoreboard();

  /** Builds from precomputed documents: one linear pass, buckets sort lazily. */
  static build(documents: Iterable<SearchDocument>): BuyerSearchIndex {
    const index = new BuyerSearchIndex();
    for (const d of documents) {
      const existing = index.byBuyer.get(d.buyerId);
      if (existing !== undefined) index.docs[existing] = null;
      index.byBuyer.set(d.buyerId, index.docs.length);
      index.docs.push(d);
    }
    index.rebuild();
    return index;
  }

  get size(): number {
    return this.byBuyer.size;
  }

  has(buyerId: string): boolean {
    return this.byBuyer.has(buyerId);
  }

  document(buyerId: string): SearchDocument | undefined {
    const i = this.byBuyer.get(buyerId);
    return i === undefined ? undefined : (this.docs[i] ?? undefined);
  }

  /** Every live document (for duplicate matching and rebuilding elsewhere). */
  *documents(): IterableIterator<SearchDocument> {
    for (const d of this.docs) if (d) yield d;
  }

  /** Adds or replaces one buyer; cost is independent of the index size. */
  upsert(doc: SearchDocument): void {
    this.remove(doc.buyerId);
    const idx = this.docs.length;
    this.docs.push(doc);
    this.byBuyer.set(doc.buyerId, idx);
    forEachEntry(idx, doc, (e) => this.delta.splice(lowerBound(this.delta, e), 0, e));
    this.deltaDocs.push(idx);
    addToHaystacks(this.deltaHaystacks, idx, doc); // joined lazily on the next substring scan
    if (this.deltaDocs.length > DELTA_LIMIT) this.rebuild();
  }

  remove(buyerId: string): boolean {
    const idx = this.byBuyer.get(buyerId);
    if (idx === undefined) return false;
    this.docs[idx] = null; // tombstone: its entries are skipped until rebuild()
    this.byBuyer.delete(buyerId);
    return true;
  }

  /** Folds the delta into fresh buckets and drops tombstones. */
  rebuild(): void {
    const live = this.docs.filter((d): d is SearchDocument => d !== null);
    this.docs = live;
    this.byBuyer = new Map(live.map((d, i) => [d.buyerId, i]));
    this.buckets = new Map();
    this.bucketsByFirst = new Map();
    this.entryCount = 0;
    live.forEach((d, i) =>
      forEachEntry(i, d, (e) => {
        const key = e.slice(0, 2);
        let bucket = this.buckets.get(key);
        if (!bucket) {
          bucket = { entries: [], text: '', starts: new Int32Array(0) };
          this.buckets.set(key, bucket);
          const first = key[0]!;
          const list = this.bucketsByFirst.get(first) ?? [];
          list.push(bucket);
          this.bucketsByFirst.set(first, list);
        }
        bucket.entries!.push(e);
        this.entryCount++;
      }),
    );
    this.haystacks = haystacksFor(live, live.keys());
    this.delta = [];
    this.deltaDocs = [];
    this.deltaHaystacks = haystacksFor([], []);
  }

  /**
   * Sorts buckets now so no later query pays for it. With `budgetMs` it stops
   * after about that long and returns false: call again from the next idle
   * callback until it returns true.
   */
  warmUp(budgetMs = Infinity): boolean {
    const start = performance.now();
    let sortedOne = false;
    for (const b of this.buckets.values()) {
      if (!b.entries) continue;
      // At least one bucket per call, so a tiny budget still makes progress.
      if (sortedOne && performance.now() - start > budgetMs) return false;
      this.sortBucket(b);
      sortedOne = true;
    }
    return true;
  }

  private sortBucket(b: Bucket): void {
    if (!b.entries) return;
    b.entries.sort();
    const starts = new Int32Array(b.entries.length + 1);
    let offset = 0;
    b.entries.forEach((e, i) => {
      starts[i] = offset;
      offset += e.length;
    });
    starts[b.entries.length] = offset;
    b.text = b.entries.join('');
    b.starts = starts;
    b.entries = null;
  }

  stats(): {
    documents: number;
    entries: number;
    buckets: number;
    deltaEntries: number;
    haystackChars: number;
  } {
    return {
      documents: this.size,
      entries: this.entryCount,
      buckets: this.buckets.size,
      deltaEntries: this.delta.length,
      haystackChars:
        this.haystacks.ascii.size + this.haystacks.other.size + this.haystacks.digits.size,
    };
  }

  search(rawQuery: string, options: SearchOptions = {}): SearchResult {
    return searchParts([this], rawQuery, options, this.board);
  }

  // --- the pieces searchParts() runs over every part (shards, delta) ---------

  /** 1-char query: its buckets unsorted (it matches everything anyway), within the shared budget. */
  scanFirstChar(q: string, take: Take, budget: () => boolean): boolean {
    for (const b of this.bucketsByFirst.get(q) ?? []) {
      if (b.entries) {
        for (const e of b.entries) {
          if (!budget()) return false;
          take(e, 0, e.length);
        }
      } else {
        for (let i = 0; i + 1 < b.starts.length; i++) {
          if (!budget()) return false;
          take(b.text, b.starts[i]!, b.starts[i + 1]!);
        }
      }
    }
    return true;
  }

  /** Entries starting with q (2+ chars): the sorted bucket range, then the delta range. */
  prefixRanges(q: string, out: PrefixRange[], part: number): void {
    const b = this.buckets.get(q.slice(0, 2));
    if (b) {
      this.sortBucket(b);
      const from = lowerBoundPacked(b, q);
      const to = upperBoundPacked(b, q, from);
      if (to > from) out.push({ part, text: b.text, starts: b.starts, strings: null, from, to });
    }
    const dFrom = lowerBound(this.delta, q);
    let dTo = dFrom;
    while (dTo < this.delta.length && this.delta[dTo]!.startsWith(q)) dTo++;
    if (dTo > dFrom)
      out.push({ part, text: '', starts: null, strings: this.delta, from: dFrom, to: dTo });
  }

  /** Substring tier over this part (delta first); true when `visit` asked to stop. */
  scanSubstrings(kind: HaystackKind, q: string, visit: (docIdx: number) => boolean): boolean {
    return this.deltaHaystacks[kind].scan(q, visit) || this.haystacks[kind].scan(q, visit);
  }

  /** Document slots (live and tombstoned) of this part. */
  get slots(): readonly (SearchDocument | null)[] {
    return this.docs;
  }
}

/** Decodes and scores entry [start, end) of a string (bound to one part). */
type Take = (t: string, start: number, end: number) => void;

/** Entries of one part starting with the query: [from, to) of a packed bucket or of the delta. */
interface PrefixRange {
  part: number;
  text: string;
  starts: Int32Array | null;
  strings: readonly string[] | null;
  from: number;
  to: number;
}

/** Compares two entries by code units (no slicing). */
function compareEntries(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(aStart + i) - b.charCodeAt(bStart + i);
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

/**
 * Visits the first `max` entries of several sorted ranges in global sorted
 * order (a k-way merge on a small binary heap), as one index would scan them.
 * Every entry starts with the query, so comparisons start after it.
 */
function mergeRanges(
  ranges: readonly PrefixRange[],
  max: number,
  skip: number,
  visit: (r: PrefixRange, t: string, start: number, end: number) => void,
): void {
  const n = ranges.length;
  const pos = Int32Array.from(ranges, (r) => r.from);
  // The current entry of each range, without a tuple per step.
  const curT: string[] = new Array<string>(n);
  const curS = new Int32Array(n);
  const curE = new Int32Array(n);
  const load = (x: number) => {
    const r = ranges[x]!;
    const i = pos[x]!;
    if (r.strings) {
      const e = r.strings[i]!;
      curT[x] = e;
      curS[x] = 0;
      curE[x] = e.length;
    } else {
      curT[x] = r.text;
      curS[x] = r.starts![i]!;
      curE[x] = r.starts![i + 1]!;
    }
  };
  const less = (x: number, y: number) =>
    compareEntries(curT[x]!, curS[x]! + skip, curE[x]!, curT[y]!, curS[y]! + skip, curE[y]!) < 0;
  const heap: number[] = [];
  for (let x = 0; x < n; x++) {
    load(x);
    heap.push(x);
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  for (let k = 0; k < max && heap.length; k++) {
    const x = heap[0]!;
    visit(ranges[x]!, curT[x]!, curS[x]!, curE[x]!);
    if (++pos[x]! >= ranges[x]!.to) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    } else {
      load(x);
    }
    down(0);
  }
}

/**
 * One query over several indexes (the shards of ShardedSearchIndex, or one
 * index) as if they were ONE: documents are numbered part after part, every
 * part scores into the same scoreboard, the entry budget is shared (a
 * truncated short query scans the globally first entries in sorted order, via
 * a merge), the substring tier stops once the page is full across parts, and
 * hit objects are made only for the returned page. Ties go to the earlier part.
 */
export function searchParts(
  parts: readonly BuyerSearchIndex[],
  rawQuery: string,
  options: SearchOptions = {},
  board: Scoreboard = new Scoreboard(),
): SearchResult {
  const limit = options.limit ?? 50;
  const phone = looksLikePhoneQuery(rawQuery);
  const q = phone ? digitsOnly(rawQuery) : foldForSearch(rawQuery);
  if (!q) return { hits: [], truncated: false };
  const offsets: number[] = [];
  let total = 0;
  for (const p of parts) {
    offsets.push(total);
    total += p.slots.length;
  }
  board.reset(total);
  let truncated = false;
  let scanned = 0;
  const qLen = q.length;

  // Hot loop: decode the packed tail of entry [start, end) of `t` and score, no allocation.
  const takeFor = (part: number): Take => {
    const docs = parts[part]!.slots;
    const offset = offsets[part]!;
    return (t, start, end) => {
      let doc = 0;
      for (let i = end - 8; i < end - 3; i++) doc = doc * 64 + (t.charCodeAt(i) - 0x30);
      if (!docs[doc]) return;
      const meta =
        ((t.charCodeAt(end - 3) - 0x30) << 12) |
        ((t.charCodeAt(end - 2) - 0x30) << 6) |
        (t.charCodeAt(end - 1) - 0x30);
      const keyEnd = end - META_CHARS - 1;
      const keyLen = keyEnd - start;
      const tier = (meta & 4096) === 0 ? 2 : keyLen === qLen ? 0 : 1; // TIER_INDEX
      const field = meta & 31;
      const score = 3000 - tier * 1000 + FIELD_SCORE[field]! - (keyLen < 9 ? keyLen : 9);
      board.offer(offset + doc, score, field, ((meta >> 5) & 127) - 1, tier, t, start, keyEnd);
    };
  };
  const takes = parts.map((_p, i) => takeFor(i));
  const budget = () => {
    if (++scanned <= MAX_SCAN) return true;
    truncated = true;
    return false;
  };

  if (qLen === 1) {
    for (let p = 0; p < parts.length; p++)
      if (!parts[p]!.scanFirstChar(q, takes[p]!, budget)) break;
  } else {
    const ranges: PrefixRange[] = [];
    parts.forEach((p, i) => p.prefixRanges(q, ranges, i));
    let count = 0;
    for (const r of ranges) count += r.to - r.from;
    if (count <= MAX_SCAN) {
      for (const r of ranges) {
        const take = takes[r.part]!;
        if (r.strings) {
          for (let i = r.from; i < r.to; i++) take(r.strings[i]!, 0, r.strings[i]!.length);
        } else {
          const starts = r.starts!;
          for (let i = r.from; i < r.to; i++) take(r.text, starts[i]!, starts[i + 1]!);
        }
      }
    } else {
      truncated = true;
      mergeRanges(ranges, MAX_SCAN, qLen, (r, t, s, e) => takes[r.part]!(t, s, e));
    }
  }

  // Substring tier: only when the better tiers left room on the page, and it
  // stops once the page is full (substring hits are ordered by field weight
  // among those found, not over the whole index). It covers names and
  // companies (a fragment inside 株式会社山田商事); phones, emails and
  // messenger IDs are typed from their start (the subscriber number and the
  // @domain are keys of their own).
  // Multi-word and email-like queries are served by the word-prefix tier.
  if (board.touched.length < limit && qLen >= 2 && !phone && !/[\s@]/.test(q)) {
    const kind: HaystackKind = isAscii(q) ? 'ascii' : 'other';
    for (let p = 0; p < parts.length; p++) {
      const docs = parts[p]!.slots;
      const offset = offsets[p]!;
      const visit = (docIdx: number) => {
        const doc = docs[docIdx];
        if (!doc) return false;
        for (const k of doc.keys) {
          if (!k.text.includes(q)) continue;
          // Shorter keys are more specific: a small tie-break inside tier and field.
          const field = FIELD_INDEX.get(k.field)!;
          const score = TIER_SCORE.substring + FIELD_SCORE[field]! - Math.min(k.text.length, 9);
          board.offer(
            offset + docIdx,
            score,
            field,
            k.slot,
            TIER_INDEX.substring,
            k.text,
            0,
            k.text.length,
          );
        }
        return board.touched.length >= limit;
      };
      if (parts[p]!.scanSubstrings(kind, q, visit)) break;
    }
  }

  let part = 0;
  const hits = board.top(limit).map((global): SearchHit => {
    // Parts are few: find the one holding this global document number.
    part = 0;
    while (part + 1 < parts.length && offsets[part + 1]! <= global) part++;
    const doc = parts[part]!.slots[global - offsets[part]!]!;
    const slot = board.slot[global]!;
    return {
      buyerId: doc.buyerId,
      contactId: slot >= 0 ? (doc.contactIds[slot] ?? null) : null,
      field: SEARCH_FIELDS[board.field[global]!]!,
      tier: MATCH_TIERS[board.tier[global]!]!,
      score: board.score[global]!,
      matched: board.src[global]!.slice(board.from[global]!, board.to[global]!),
    };
  });
  return { hits, truncated };
}
