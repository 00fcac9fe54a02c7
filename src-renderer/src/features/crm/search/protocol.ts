import type { SearchResult } from '@shared/crm/search-index';
import type { BuyerRecord } from './engine';

/** Messages from the page to the search worker. */
export type SearchRequest =
  | { type: 'beginLoad' }
  | { type: 'addPage'; records: BuyerRecord[] }
  | { type: 'endLoad' }
  | { type: 'upsert'; records: BuyerRecord[] }
  | { type: 'remove'; buyerIds: string[] }
  | { type: 'search'; id: number; query: string; limit: number }
  /** Answered once every earlier message is applied (messages are handled in order). */
  | { type: 'ping'; id: number };

/** Replies of the search worker. */
export type SearchReply =
  | { type: 'result'; id: number; result: SearchResult }
  | { type: 'error'; id: number; message: string }
  | { type: 'pong'; id: number };
