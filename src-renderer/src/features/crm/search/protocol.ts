import type { SearchResult } from '@shared/crm/search-index';
import type { BuyerRecord } from './engine';

/** Messages from the page to the search worker. */
export type SearchRequest =
  | { type: 'beginLoad' }
  | { type: 'addPage'; records: BuyerRecord[] }
  | { type: 'endLoad' }
  | { type: 'upsert'; records: BuyerRecord[] }
  | { type: 'remove'; buyerIds: string[] }
  /**
   * The worker loads every buyer from the database itself (search/db-load.ts): the
   * page does not read and send them. Replaces any index built so far.
   */
  | { type: 'loadFrom'; dbName: string; dataKey: Uint8Array | null }
  /**
   * The worker loads the documents of a persisted snapshot (the cache rows `keys` of
   * database `dbName`, saved by code whose documents had `fingerprint`) instead of
   * building them; answered with loadProgress, or snapshotRejected (then nothing changed).
   */
  | {
      type: 'loadSnapshot';
      dbName: string;
      /** The window's data key (issue 14): the worker's handle opens sealed values. */
      dataKey: Uint8Array | null;
      keys: string[];
      fingerprint: string;
    }
  /** Every current document, encoded in chunks of `chunk` (to be saved in a snapshot). */
  | { type: 'exportDocs'; id: number; chunk: number }
  /** `complete`: answered once a load in progress has finished (else from what is loaded). */
  | { type: 'search'; id: number; query: string; limit: number; complete?: boolean }
  /** Answered once every earlier message is applied (messages are handled in order). */
  | { type: 'ping'; id: number };

/** Replies of the search worker. */
export type SearchReply =
  | { type: 'result'; id: number; result: SearchResult }
  | { type: 'error'; id: number; message: string }
  | { type: 'pong'; id: number }
  /** After each page the worker loaded itself (`loaded` buyers so far), and at its end. */
  | { type: 'loadProgress'; loaded: number; done: boolean }
  | { type: 'loadFailed'; message: string }
  /** The snapshot's documents could not be used (missing, corrupt, other code): build them. */
  | { type: 'snapshotRejected'; message: string }
  | { type: 'docs'; id: number; chunks: string[]; fingerprint: string };
