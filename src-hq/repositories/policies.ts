/**
 * HQ's security policies, set from the command line (`hq policy:app-lock`): one record of the
 * shared synced table `securityPolicies`, written the way a push writes one (a new HQ stamp
 * after every stamp the record carries, the shared partition's next seq), so every laptop
 * gets it with its next pull.
 */
import { randomUUID } from 'node:crypto';
import { HybridLogicalClock, nodeIdFromClientId } from '@shared/sync/hlc';
import {
  APP_LOCK_POLICY_ID,
  DEFAULT_IDLE_MINUTES,
  SECURITY_POLICIES_TABLE,
  idleMinutesOf,
} from '@shared/security/app-lock';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { HqDatabase } from '../db/connect';
import { withWriteTransaction } from '../db/transaction';
import { lockPartitions, setNextSeq } from './offices';
import { getRecords, upsertRecords } from './records';

/** The app lock's idle time in force (the default while HQ has set none). */
export async function appLockIdleMinutes(hq: HqDatabase): Promise<number> {
  const stored = await withWriteTransaction(hq, (trx) =>
    getRecords(trx, SECURITY_POLICIES_TABLE, [APP_LOCK_POLICY_ID]),
  );
  const row = stored.get(APP_LOCK_POLICY_ID);
  return row && !row.state.deleted ? idleMinutesOf(row.state.data) : DEFAULT_IDLE_MINUTES;
}

/** Sets the app lock's idle time for every laptop (validated by the caller). */
export async function setAppLockIdleMinutes(
  hq: HqDatabase,
  idleMinutes: number,
  now = Date.now(),
): Promise<void> {
  await withWriteTransaction(hq, async (trx) => {
    const locked = await lockPartitions(trx, hq.dialect, [SHARED_PARTITION]);
    const seq = locked.get(SHARED_PARTITION)!.next_seq;
    const stored = (await getRecords(trx, SECURITY_POLICIES_TABLE, [APP_LOCK_POLICY_ID])).get(
      APP_LOCK_POLICY_ID,
    );
    const before = stored?.state ?? { data: {}, hlc: {}, deleted: false, deletedHlc: null };
    // After every stamp the record carries, so this write wins over any earlier one.
    const latest = [...Object.values(before.hlc), before.deletedHlc ?? '']
      .filter(Boolean)
      .sort()
      .at(-1);
    const clock = new HybridLogicalClock(nodeIdFromClientId(randomUUID()), () => now, latest);
    const stamp = clock.send('lenient');
    const after = {
      data: { ...before.data, idleMinutes },
      hlc: { ...before.hlc, idleMinutes: stamp },
      deleted: false,
      deletedHlc: before.deleted ? stamp : before.deletedHlc,
    };
    await upsertRecords(trx, [
      {
        officeId: SHARED_PARTITION,
        tbl: SECURITY_POLICIES_TABLE,
        id: APP_LOCK_POLICY_ID,
        state: after,
        seq,
        now,
      },
    ]);
    await setNextSeq(trx, SHARED_PARTITION, seq + 1);
  });
}
