/**
 * Messages between the page's SyncEngine and the pull worker (pull.worker.ts).
 * Everything here is structured-cloneable: table specs travel without their zod
 * field schemas (only HQ checks those).
 */
import type { SyncTableSpec } from '@shared/sync/tables';
import type { SyncStats } from './stats';

/** A table declaration as the worker needs it (no zod schemas: those are HQ's). */
export type PullTableSpec = Pick<SyncTableSpec, 'name' | 'scope' | 'fieldGroups' | 'nullable'>;

export interface PullWorkerRequest {
  type: 'pullAll';
  id: number;
  /** The IndexedDB database the worker opens (its schema is read from the database). */
  dbName: string;
  baseUrl: string;
  credential: string;
  /** The database's data key (issue 14): the worker's handle seals like the page's (null: plain). */
  dataKey: Uint8Array | null;
  tables: PullTableSpec[];
  pullLimit?: number;
  /** Bench A/B only (SyncContext.pullPutRows). */
  pullPutRows?: number;
}

export type PullWorkerError =
  | { kind: 'request'; status: number; code: string; message: string }
  | { kind: 'local'; name: string; message: string };

export type PullWorkerReply =
  | {
      type: 'done';
      id: number;
      stats: SyncStats;
      serverClockOffsetMs: number | null;
      clockDriftDetected: boolean;
    }
  | {
      type: 'error';
      id: number;
      error: PullWorkerError;
      /** What the worker pulled before failing (pages already applied stay applied). */
      stats: SyncStats;
      serverClockOffsetMs: number | null;
      clockDriftDetected: boolean;
    };
