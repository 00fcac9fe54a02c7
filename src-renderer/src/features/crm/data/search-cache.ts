import type { SearchResult } from '@shared/crm/search-index';
import type { SearchBackend } from '../search/backend';

/** Results the buyer list asks for (a page of hits to filter). */
export const SEARCH_LIMIT = 500;
/** Query results kept for re-renders (the worker answers asynchronously). */
const SEARCH_CACHE = 64;

/**
 * The buyer list's search answers, synchronously for a render: the worker
 * answers asynchronously, so answers are cached per query text and tagged with
 * the search index's epoch (bumped on every change: a stale answer is shown
 * while it is refreshed).
 */
export class SearchCache {
  private epoch = 0;
  private cache = new Map<string, { epoch: number; result: SearchResult }>();
  private searching = new Set<string>();
  /** The latest answer, shown while the next query is on its way (no flicker while typing). */
  private last: SearchResult | null = null;
  private disposed = false;

  constructor(
    private readonly searcher: () => SearchBackend,
    /** Called when an answer arrived (the list re-renders). */
    private readonly onAnswer: () => void,
  ) {}

  /** The search index changed: cached answers are refreshed on their next use. */
  bump(): void {
    this.epoch++;
  }

  dispose(): void {
    this.disposed = true;
  }

  /** The answer shown while `text`'s own is on its way (the previous query's). */
  get latest(): SearchResult | null {
    return this.last;
  }

  /**
   * The answer for `text` if known (synchronously in-thread, from the cache
   * with the worker), else null and `onAnswer` runs once it arrives. A stale
   * answer (the index changed since) is returned while it is refreshed.
   */
  answer(text: string): SearchResult | null {
    const searcher = this.searcher();
    if (searcher.searchNow) return searcher.searchNow(text, SEARCH_LIMIT);
    const cached = this.cache.get(text);
    if (cached?.epoch === this.epoch) return cached.result;
    if (!this.searching.has(text)) {
      const epoch = this.epoch;
      this.searching.add(text);
      searcher.search(text, SEARCH_LIMIT).then(
        (result) => {
          this.searching.delete(text);
          if (this.disposed) return;
          this.cache.delete(text);
          this.cache.set(text, { epoch, result });
          if (this.cache.size > SEARCH_CACHE) this.cache.delete(this.cache.keys().next().value!);
          this.last = result;
          this.onAnswer();
        },
        (error: unknown) => {
          this.searching.delete(text);
          console.warn(error);
        },
      );
    }
    return cached?.result ?? null;
  }
}
