/**
 * Demo records HQ took in before it refused them (issue 16): ids starting `demo-`
 * (src-shared/sync/demo-ids.ts). `hq demo:purge` counts them, and with --yes deletes them
 * the way a laptop deletes a record: a tombstone with a new seq, so every laptop that
 * pulled them drops them at its next sync, and the reports leave them out in the same
 * transaction. Laptops never send demo ids, so nothing brings them back.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { HybridLogicalClock, nodeIdFromClientId } from '@shared/sync/hlc';
import { DEMO_ID_PREFIX } from '@shared/sync/demo-ids';
import type { HqDatabase } from '../db/connect';
import type { HqSchema } from '../db/schema';
import { withWriteTransaction } from '../db/transaction';
import { projectChangesSafely, type ProjectionChange } from '../reports/projection';
import { lockPartitions, setNextSeq } from './offices';
import { rowToState, upsertRecords, type RecordWrite } from './records';

export interface DemoRecordCount {
  officeId: string;
  tbl: string;
  records: number;
}

/** The same order on SQLite and PostgreSQL (whose text order follows the database locale). */
function byOfficeAndTable(counts: DemoRecordCount[]): DemoRecordCount[] {
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return counts.sort((a, b) => order(a.officeId, b.officeId) || order(a.tbl, b.tbl));
}

/** `id` starts with the demo prefix (LIKE would ignore case in SQLite). */
const isDemo = sql<SqlBool>`substr(id, 1, ${DEMO_ID_PREFIX.length}) = ${DEMO_ID_PREFIX}`;

/** Demo records not yet deleted, per office and table (ordered). */
export async function countDemoRecords(db: Kysely<HqSchema>): Promise<DemoRecordCount[]> {
  const rows = await db
    .selectFrom('records')
    .select(['office_id', 'tbl', ({ fn }) => fn.countAll().as('n')])
    .where(isDemo)
    .where('deleted', '=', 0)
    .groupBy(['office_id', 'tbl'])
    .execute();
  return byOfficeAndTable(
    rows.map((r) => ({ officeId: r.office_id, tbl: r.tbl, records: Number(r.n) })),
  );
}

/**
 * Deletes every demo record (tombstones, one new seq each, reports updated) in one
 * transaction; returns what it deleted, per office and table.
 */
export async function purgeDemoRecords(
  hq: HqDatabase,
  now = Date.now(),
): Promise<DemoRecordCount[]> {
  return withWriteTransaction(hq, async (trx) => {
    const offices = [...new Set((await countDemoRecords(trx)).map((c) => c.officeId))];
    if (offices.length === 0) return [];
    const locked = await lockPartitions(trx, hq.dialect, offices);
    const victims = await trx
      .selectFrom('records')
      .selectAll()
      .where(isDemo)
      .where('deleted', '=', 0)
      .orderBy('office_id')
      .orderBy('tbl')
      .orderBy('seq')
      .execute();
    // One HQ stamp after every delete stamp these records carry: the delete wins.
    const latest = victims
      .map((v) => v.deleted_hlc)
      .filter((h): h is string => h !== null)
      .sort()
      .at(-1);
    const clock = new HybridLogicalClock(nodeIdFromClientId(randomUUID()), () => now, latest);
    const deletedHlc = clock.send('lenient');

    const nextSeq = new Map([...locked].map(([id, row]) => [id, row.next_seq]));
    const writes: RecordWrite[] = [];
    const changes: ProjectionChange[] = [];
    const counts = new Map<string, DemoRecordCount>();
    for (const v of victims) {
      const key = `${v.office_id}\u0000${v.tbl}`;
      const count = counts.get(key) ?? { officeId: v.office_id, tbl: v.tbl, records: 0 };
      count.records += 1;
      counts.set(key, count);
      const seq = nextSeq.get(v.office_id)!;
      nextSeq.set(v.office_id, seq + 1);
      const before = rowToState(v);
      const after = { ...before, deleted: true, deletedHlc };
      writes.push({ officeId: v.office_id, tbl: v.tbl, id: v.id, state: after, seq, now });
      changes.push({ partition: v.office_id, tbl: v.tbl, id: v.id, before, after });
    }
    await upsertRecords(trx, writes);
    for (const [id, seq] of nextSeq) await setNextSeq(trx, id, seq);
    // Not office activity: the offices' "last change" stays as their laptops left it.
    await projectChangesSafely(trx, changes, { now, touchOffices: false });
    return byOfficeAndTable([...counts.values()]);
  });
}
