import type { Dexie } from 'dexie';
import type { SearchHit, SearchResult } from '@shared/crm/search-index';
import { crmIndexFor } from '../data/crm-index';

export type { SearchHit, SearchResult };

/**
 * THE buyer search of the app (stable API: the Chromium benchmark measures it).
 * Searches every buyer of `db` (native, Latin and reading names, contact
 * names, emails, phone digits, messenger IDs; case-, width-, kana- and
 * diacritic-insensitive; pinyin for Chinese) and resolves to ranked hits,
 * best first. The index lives in a Web Worker (in-thread where no Worker
 * exists), is built from Dexie on first use and follows every committed
 * write (screens, imports, sync pulls). The first call waits for the load.
 */
export function searchBuyers(
  db: Dexie,
  query: string,
  options: { limit?: number } = {},
): Promise<SearchResult> {
  return crmIndexFor(db).search(query, options);
}

/**
 * Resolves once searches see every write committed so far (load included):
 * the page has read it AND the search worker has built its documents.
 */
export function whenBuyerSearchSettled(db: Dexie): Promise<void> {
  return crmIndexFor(db).searchSettled();
}
