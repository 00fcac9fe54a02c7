import { wordStarts } from './fold';
import { FIELD_WEIGHTS, SEARCH_FIELDS, type SearchDocument, type SearchField } from './search-keys';

/**
 * The storage layout of BuyerSearchIndex (search-index.ts): packed entries,
 * their buckets and the substring haystacks. See the layout note there.
 */
export const SEP = '\u0000';
export const KEY_SEP = '\u0001';
export const META_CHARS = 8;
export const FIELD_INDEX = new Map(SEARCH_FIELDS.map((f, i) => [f, i]));
export const FIELD_SCORE = Int32Array.from(SEARCH_FIELDS, (f) => FIELD_WEIGHTS[f] * 10);
/** Fields found only by prefix / word prefix: typed from their start, and long (they would double the haystack). */
export const PREFIX_ONLY_FIELDS = new Set<SearchField>(['phone', 'email', 'messenger']);
/** Entries examined per query at most: short queries stop early and say `truncated`. */
export const MAX_SCAN = 12_000;
export const DELTA_LIMIT = 4_000;

// 6 bits per char, offset 0x30 so the tail stays one-byte ASCII ('0'..'o').
export function packEntry(
  suffix: string,
  doc: number,
  fieldIdx: number,
  slot: number,
  keyStart: boolean,
): string {
  const meta = fieldIdx | ((slot + 1) << 5) | (keyStart ? 1 << 12 : 0);
  // One call builds the whole tail (per-char concatenation dominated the build).
  const tail = String.fromCharCode(
    0x30 + ((doc >>> 24) & 63),
    0x30 + ((doc >>> 18) & 63),
    0x30 + ((doc >>> 12) & 63),
    0x30 + ((doc >>> 6) & 63),
    0x30 + (doc & 63),
    0x30 + ((meta >>> 12) & 63),
    0x30 + ((meta >>> 6) & 63),
    0x30 + (meta & 63),
  );
  return suffix + SEP + tail;
}

export function forEachEntry(
  docIdx: number,
  doc: SearchDocument,
  emit: (entry: string) => void,
): void {
  for (const k of doc.keys) {
    if (k.index === 'none') continue;
    const f = FIELD_INDEX.get(k.field)!;
    const slot = Math.min(k.slot, 126);
    emit(packEntry(k.text, docIdx, f, slot, true));
    if (k.index === 'words') {
      for (const start of wordStarts(k.text))
        emit(packEntry(k.text.slice(start), docIdx, f, slot, false));
    }
  }
}

export function lowerBound(arr: readonly string[], q: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type HaystackKind = 'digits' | 'ascii' | 'other';
export const isAscii = (s: string) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

export function haystackKindOfKey(field: SearchField, text: string): HaystackKind {
  if (field === 'phone') return 'digits';
  return isAscii(text) ? 'ascii' : 'other';
}

class Haystack {
  private parts: string[] = [];
  private text = '';
  private starts: number[] = [];
  private docs: number[] = [];
  private length = 0;

  add(docIdx: number, keys: readonly string[]): void {
    if (!keys.length) return;
    const chunk = KEY_SEP + keys.join(KEY_SEP) + KEY_SEP;
    this.starts.push(this.length);
    this.docs.push(docIdx);
    this.parts.push(chunk);
    this.length += chunk.length;
  }

  get size(): number {
    return this.length;
  }

  /** Joins the chunks into one flat string (done once, at build). */
  seal(): this {
    if (this.parts.length) {
      this.text += this.parts.join('');
      this.parts = [];
    }
    return this;
  }

  /** Calls `visit` once per document whose chunk contains q; true when `visit` asked to stop. */
  scan(q: string, visit: (docIdx: number) => boolean): boolean {
    this.seal();
    const { text, starts, docs } = this;
    let from = 0;
    let found = 0;
    while (found < MAX_SCAN) {
      const at = text.indexOf(q, from);
      if (at < 0) return false;
      found++;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      if (visit(docs[lo]!)) return true;
      from = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
    }
    return false;
  }
}

export function addToHaystacks(
  out: Record<HaystackKind, Haystack>,
  docIdx: number,
  doc: SearchDocument,
): void {
  const byKind: Record<HaystackKind, string[]> = { digits: [], ascii: [], other: [] };
  for (const k of doc.keys) {
    if (PREFIX_ONLY_FIELDS.has(k.field)) continue;
    const list = byKind[haystackKindOfKey(k.field, k.text)];
    // A key inside another key of the same document adds no substring.
    if (!list.some((t) => t.includes(k.text))) list.push(k.text);
  }
  out.digits.add(docIdx, byKind.digits);
  out.ascii.add(docIdx, byKind.ascii);
  out.other.add(docIdx, byKind.other);
}

export function haystacksFor(
  docs: readonly (SearchDocument | null)[],
  docIdxs: Iterable<number>,
): Record<HaystackKind, Haystack> {
  const out = { digits: new Haystack(), ascii: new Haystack(), other: new Haystack() };
  for (const d of docIdxs) {
    const doc = docs[d];
    if (doc) addToHaystacks(out, d, doc);
  }
  out.digits.seal();
  out.ascii.seal();
  out.other.seal();
  return out;
}

/**
 * Entries of one 2-char prefix. Unsorted strings until first use; then sorted
 * and PACKED into one string + offsets (about half the memory of 100k's of
 * small strings, and the scan reads it without allocating).
 */
export interface Bucket {
  entries: string[] | null;
  text: string;
  /** starts[i]..starts[i+1] is entry i of `text`. */
  starts: Int32Array;
}

/** Compares entry [start, end) of `text` with `q` by code units (no slicing). */
function compareAt(text: string, start: number, end: number, q: string): number {
  const n = Math.min(end - start, q.length);
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(start + i) - q.charCodeAt(i);
    if (d !== 0) return d;
  }
  return end - start - q.length;
}

export function lowerBoundPacked(b: Bucket, q: string): number {
  let lo = 0;
  let hi = b.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(b.text, b.starts[mid]!, b.starts[mid + 1]!, q) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First entry at or after `from` that does not start with q (entries starting with q are contiguous). */
export function upperBoundPacked(b: Bucket, q: string, from: number): number {
  let lo = from;
  let hi = b.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b.text.startsWith(q, b.starts[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
