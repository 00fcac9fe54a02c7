/**
 * Likely duplicate buyers for the conflict inbox ("Needs a person"): pairs found by the
 * shared rule (`findDuplicatePairs`) over the CRM index's duplicate index, which follows
 * every committed write, sync pulls included. So a buyer two laptops of the office each
 * created offline shows up on both once they have synced. "Not a duplicate" is stored in
 * the synced `duplicateDismissals` table: the office's other laptops stop asking too.
 */
import { useMemo } from 'react';
import type Dexie from 'dexie';
import {
  duplicatePairKey,
  findDuplicatePairs,
  type DuplicatePair,
} from '@shared/crm/duplicate-pairs';
import { useDatabase } from '../../data/database-context';
import { useCrmIndex, type BuyerRow } from '../crm';
import { useLive } from '../../data/use-live';

export const DUPLICATE_DISMISSALS = 'duplicateDismissals';

/** A pair of buyers a person decided are two different buyers (synced within the office). */
export interface DuplicateDismissal {
  /** `duplicatePairKey(a, b)`. */
  id: string;
  officeId: string;
  /** Sorted. */
  buyerIds: [string, string];
  dismissedAt: string;
}

/** "Not a duplicate": recorded (and sent to HQ) like any other change. */
export async function dismissDuplicatePair(
  db: Dexie,
  pair: Pick<DuplicatePair, 'buyerIds' | 'officeId'>,
  now: Date = new Date(),
): Promise<void> {
  const [x, y] = pair.buyerIds;
  const row: DuplicateDismissal = {
    id: duplicatePairKey(x, y),
    officeId: pair.officeId,
    buyerIds: x < y ? [x, y] : [y, x],
    dismissedAt: now.toISOString(),
  };
  await db.table<DuplicateDismissal, string>(DUPLICATE_DISMISSALS).put(row);
}

export interface DuplicateInbox {
  /** False until the buyers are loaded (the count is then not known yet). */
  ready: boolean;
  /** Strongest first. */
  pairs: readonly DuplicatePair[];
  /** The list rows of the buyers (names for the inbox). */
  rows: ReadonlyMap<string, BuyerRow>;
}

const NONE: readonly DuplicatePair[] = [];

/** The office's likely duplicate buyers that nobody has dismissed. */
export function useDuplicateInbox(officeId: string): DuplicateInbox {
  const db = useDatabase();
  const { index, version } = useCrmIndex();
  const dismissed = useLive(
    async () =>
      new Set(
        (await db
          .table<DuplicateDismissal, string>(DUPLICATE_DISMISSALS)
          .where('officeId')
          .equals(officeId)
          .primaryKeys()) as string[],
      ),
    [db, officeId],
  );
  const ready = index.phase === 'ready' && dismissed !== undefined;
  // Once per change of the buyers (the CRM index's version) or of the dismissals:
  // O(shared keys + pairs), not O(buyers²).
  const pairs = useMemo(
    () => (ready ? findDuplicatePairs(index.duplicateIndex, { officeId, dismissed }).pairs : NONE),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, ready, officeId, dismissed],
  );
  return { ready, pairs, rows: index.rows };
}
