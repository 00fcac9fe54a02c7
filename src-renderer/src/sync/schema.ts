/**
 * Dexie stores the sync engine needs next to the app's synced tables. Merge them
 * into the app's schema: `db.version(n).stores({ ...appStores, ...SYNC_META_STORES })`.
 * Synced tables must use `id` (a string) as primary key: `buyers: 'id, officeId, …'`.
 */
import type { Mutation } from '@shared/sync/protocol';
import type { RecordState } from '@shared/sync/merge';

export const OUTBOX = '_outbox';
export const TOMBSTONES = '_tombstones';
export const SYNC_STATE = '_syncState';
export const REJECTED = '_rejected';
/** Records to send back to HQ after it restored an older backup (resend.ts). */
export const RESEND = '_resend';

/** The sync stores as the app's schema version 2 shipped them: never change this list. */
export const SYNC_META_STORES_V2: Readonly<Record<string, string>> = {
  // One row per write request (a bulkAdd of 500 is one row). Auto-increment keys are never
  // reused, so mutation ids (key * OUTBOX_SLOTS + slot) only grow.
  [OUTBOX]: '++seq',
  [TOMBSTONES]: '[tbl+id], tbl',
  [SYNC_STATE]: 'key',
  // Mutations HQ refused permanently (shown to a person, never silently dropped).
  [REJECTED]: '++rid',
};

/** Added by the app's schema version 4. */
export const SYNC_RESEND_STORES: Readonly<Record<string, string>> = {
  [RESEND]: '[tbl+id], part',
};

/** Added by the app's schema version 9: HQ's erasures of data subjects (issue 14). */
export const SYNC_ERASURE_STORES: Readonly<Record<string, string>> = {
  erasures: 'id, officeId',
};

/** Every store the sync engine uses (a new database declares them all at once). */
export const SYNC_META_STORES: Readonly<Record<string, string>> = {
  ...SYNC_META_STORES_V2,
  ...SYNC_RESEND_STORES,
  ...SYNC_ERASURE_STORES,
};

/** Per-record sync metadata kept on every synced row (never synced itself). */
export interface SyncedRowMeta {
  /** register -> HLC of the value held. */
  _v?: Record<string, string>;
  /** HLC of the last restore (null if never deleted). */
  _dv?: string | null;
}

/** Changes per outbox row; a bigger write request takes several rows. */
export const OUTBOX_SLOTS = 1024;

/**
 * One recorded change; its mutation id is `seq * OUTBOX_SLOTS + slot`. A local write
 * stamps every field it changes with ONE HLC, so the middleware stores the values
 * and that stamp once (`values` + `hlc`) instead of a [value, hlc] pair per field:
 * smaller rows for bulk writes (imports). `rowMutations` expands it into the
 * protocol's `fields`; HQ receives the same mutation either way.
 */
export type OutboxEntry = Omit<Mutation, 'mid' | 'fields'> & {
  slot: number;
  fields?: Mutation['fields'];
  values?: Record<string, unknown>;
  hlc?: string;
};

export interface OutboxRow {
  seq?: number;
  /** When the write happened (for the "oldest unsent change" health figure). */
  at: number;
  entries: OutboxEntry[];
}

export function outboxMid(seq: number, slot: number): number {
  return seq * OUTBOX_SLOTS + slot;
}

export interface TombstoneRow {
  tbl: string;
  id: string;
  officeId: string | null;
  state: RecordState;
}

/** A local record HQ may have lost, listed until HQ's state is seen to contain it. */
export interface ResendRow {
  tbl: string;
  id: string;
  /** Partition (office id or `_shared`) whose restore listed it. */
  part: string;
}

export interface RejectedRow {
  rid?: number;
  mutation: Mutation;
  code: string;
  message: string;
  at: number;
}

export interface LocalSyncState {
  key: 'local';
  /** This database's client id; a wiped profile gets a new one (and a new HLC node). */
  clientId: string;
  /** Latest HLC issued or received, so the clock never goes back across restarts. */
  hlc: string | null;
}

export interface CursorState {
  key: 'cursors';
  /** Registry fingerprint: a new table means re-downloading from scratch. */
  tables: string;
  cursors: Record<string, { epoch: string; seq: number }>;
}

export const LOCAL_STATE_KEY = 'local';
export const CURSORS_KEY = 'cursors';
