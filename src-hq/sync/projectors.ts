/**
 * What a push hands on after it wrote its records: the changed records, to projectors the
 * server registers at startup (report read models, the exchange-rate history). The sync
 * layer knows no projector; it only calls them inside the push transaction, in order.
 */
import type { Kysely } from 'kysely';
import type { RecordState } from '@shared/sync/merge';
import type { HqSchema } from '../db/schema';

/** One record a push changed: its stored state before and after the merge. */
export interface ChangedRecord {
  partition: string;
  tbl: string;
  id: string;
  before: RecordState;
  after: RecordState;
}

export interface PushProjectionContext {
  /** The pushing device. */
  deviceId: string;
  /** The staff member the pushing device is linked for (null: linked before naming). */
  staffId: string | null;
  now: number;
}

/**
 * Runs inside the push transaction after the records and before the client's progress are
 * written; a throw refuses the whole push (a projector that must never refuse one catches
 * its own failures, as the reports do).
 */
export type PushProjector = (
  trx: Kysely<HqSchema>,
  changes: readonly ChangedRecord[],
  ctx: PushProjectionContext,
) => Promise<void>;
