import { buyerSortKey, compareSortKeys, type SortKey as NameSortKey } from '@shared/crm/collation';
import type { BuyerCompany } from '@shared/crm/schemas';

/**
 * The orders of the buyer list. The name order is the shared rule
 * (src-shared/crm/collation.ts: each script by its own collator, readings,
 * surnames, legal forms); the other orders break ties with it.
 */
export const SORT_KEYS = ['name', 'latin', 'country', 'lastTalk'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** What an order needs of a list row. */
export interface SortableRow {
  nameLatin: string;
  country: string;
  lastTalkAt: string | null;
  /** Precomputed once per row (buyerSortKey): comparing stays a collator call. */
  nameKey: NameSortKey;
}

export function nameKeyOf(buyer: Pick<BuyerCompany, 'nameNative' | 'reading' | 'nameScript'>) {
  return buyerSortKey({
    nameNative: buyer.nameNative,
    reading: buyer.reading ?? '',
    nameScript: buyer.nameScript,
  });
}

const byName = compareSortKeys();
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Comparator over buyer ids for `sort`. `collation` (the UI language) orders
 * only the Latin names of the 'latin' sort; the name order is the data's.
 */
export function buyerComparator(
  sort: SortKey,
  collation: string,
  rows: ReadonlyMap<string, SortableRow>,
): (a: string, b: string) => number {
  switch (sort) {
    case 'name':
      return (a, b) => byName(rows.get(a)!.nameKey, rows.get(b)!.nameKey) || byId(a, b);
    case 'latin': {
      const collator = new Intl.Collator(collation, { numeric: true, sensitivity: 'base' });
      return (a, b) => {
        const ra = rows.get(a)!;
        const rb = rows.get(b)!;
        return (
          collator.compare(
            ra.nameLatin || ra.nameKey.primary,
            rb.nameLatin || rb.nameKey.primary,
          ) ||
          byName(ra.nameKey, rb.nameKey) ||
          byId(a, b)
        );
      };
    }
    case 'country':
      return (a, b) => {
        const ra = rows.get(a)!;
        const rb = rows.get(b)!;
        return (
          (ra.country < rb.country ? -1 : ra.country > rb.country ? 1 : 0) ||
          byName(ra.nameKey, rb.nameKey) ||
          byId(a, b)
        );
      };
    case 'lastTalk':
      // Most recent first; never-met buyers last.
      return (a, b) => {
        const ra = rows.get(a)!;
        const rb = rows.get(b)!;
        const la = ra.lastTalkAt ?? '';
        const lb = rb.lastTalkAt ?? '';
        return la > lb ? -1 : la < lb ? 1 : byName(ra.nameKey, rb.nameKey) || byId(a, b);
      };
  }
}

/**
 * `sorted` with `added` (ids not in it) put in place: by binary insertion for
 * a few, by sorting them and merging for many (an import).
 */
export function insertSorted(
  sorted: string[],
  added: readonly string[],
  compare: (a: string, b: string) => number,
): string[] {
  if (added.length <= 32) {
    for (const id of added) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(sorted[mid]!, id) < 0) lo = mid + 1;
        else hi = mid;
      }
      sorted.splice(lo, 0, id);
    }
    return sorted;
  }
  const fresh = added.slice().sort(compare);
  const merged = new Array<string>(sorted.length + fresh.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < sorted.length && j < fresh.length) {
    merged[k++] = compare(fresh[j]!, sorted[i]!) < 0 ? fresh[j++]! : sorted[i++]!;
  }
  while (i < sorted.length) merged[k++] = sorted[i++]!;
  while (j < fresh.length) merged[k++] = fresh[j++]!;
  return merged;
}
