import { rowMatcher, type BuyerQuery, type BuyerQueryResult, type BuyerRow } from './buyer-rows';
import type { IndexPhase } from './buyer-rows';
import type { SearchCache } from './search-cache';
import type { SortKey } from './buyer-order';

/** The parts of the CRM index a list query reads. */
export interface QueryView {
  phase: IndexPhase;
  rows: ReadonlyMap<string, BuyerRow>;
  searches: SearchCache;
  sortedIds(sort: SortKey, collation: string): string[] | null;
  /** What the list shows until `sort`'s order is known (list-head-keeper.ts). */
  preview(sort: SortKey): BuyerQueryResult;
}

/**
 * The buyer list's answer, synchronously for a render: search hits (cached,
 * best first) or the sorted ids, filtered; never waits (a preview while the
 * order or the answer is on its way, flagged `pending` / `partial`).
 */
export function answerQuery(view: QueryView, q: BuyerQuery): BuyerQueryResult {
  const text = q.text.trim();
  // While loading, the list shows its first rows; filters and sorts wait for every buyer.
  if (view.phase !== 'ready' && !text) return view.preview(q.sort);
  const accept = rowMatcher(q.filters, q.now ?? Date.now());
  const hasFilter = Object.values(q.filters).some(Boolean);
  if (text) {
    const answer = view.searches.answer(text);
    const shown = answer ?? view.searches.latest;
    const { hits, truncated } = shown ?? { hits: [], truncated: false };
    const ids = hits
      .map((h) => h.buyerId)
      .filter((id) => {
        const row = view.rows.get(id);
        return row !== undefined && accept(row);
      });
    const result: BuyerQueryResult = {
      ids,
      count: ids.length,
      ranked: true,
      truncated,
      pending: answer === null,
    };
    // Until every buyer is loaded the answer covers only those loaded so far.
    if (view.phase !== 'ready' || shown?.partial) result.partial = true;
    return result;
  }
  const sorted = view.sortedIds(q.sort, q.collation);
  // Until the order is ready, show the saved head or the buyers as stored: the list never waits.
  if (!sorted && !hasFilter) return view.preview(q.sort);
  const all = sorted ?? [...view.rows.keys()];
  const pending = sorted === null;
  const ids = hasFilter ? all.filter((id) => accept(view.rows.get(id)!)) : all;
  return { ids, count: ids.length, ranked: false, truncated: false, pending };
}
