import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SEED_OFFICES, type Office } from '@shared/offices/seed';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { Dialect } from '../db/connect';
import type { HqSchema } from '../db/schema';

export interface PartitionRow {
  id: string;
  next_seq: number;
  epoch: string;
  horizon_seq: number;
}

export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}

function officeValues(o: Office, now: number) {
  return {
    id: o.id,
    kind: o.kind as string,
    country: o.country,
    time_zone: o.timeZone,
    currency: o.currency,
    local_language: o.localLanguage,
    names: JSON.stringify(o.names),
    next_seq: 1,
    epoch: newEpoch(),
    horizon_seq: 0,
    created_at: now,
  };
}

/** Inserts the seed offices and the shared pseudo-office if missing; never overwrites. */
export async function ensureSeedOffices(db: Kysely<HqSchema>, now = Date.now()): Promise<void> {
  const rows = SEED_OFFICES.map((o) => officeValues(o, now));
  rows.push({
    ...officeValues(
      {
        id: SHARED_PARTITION,
        kind: 'hq',
        country: 'KR',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        localLanguage: 'ko',
        names: { ko: '공유', ja: '共有', 'zh-CN': '共享', vi: 'Dùng chung', en: 'Shared' },
      },
      now,
    ),
    kind: 'shared',
  });
  await db
    .insertInto('offices')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export class OfficeExistsError extends Error {}

export async function createOffice(db: Kysely<HqSchema>, office: Office, now = Date.now()) {
  if (office.id === SHARED_PARTITION || office.id.startsWith('_')) {
    throw new OfficeExistsError(`Reserved office id: ${office.id}`);
  }
  const res = await db
    .insertInto('offices')
    .values(officeValues(office, now))
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new OfficeExistsError(`Office exists: ${office.id}`);
  }
}

export async function officeExists(db: Kysely<HqSchema>, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('offices')
    .select('id')
    .where('id', '=', id)
    .where('kind', '!=', 'shared')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listOffices(db: Kysely<HqSchema>) {
  return db.selectFrom('offices').selectAll().where('kind', '!=', 'shared').orderBy('id').execute();
}

/** Every partition id (offices + shared), in a stable order. */
export async function listPartitionIds(db: Kysely<HqSchema>): Promise<string[]> {
  const rows = await db.selectFrom('offices').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function getPartitions(
  db: Kysely<HqSchema>,
  ids: readonly string[],
): Promise<PartitionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('offices')
    .select(['id', 'next_seq', 'epoch', 'horizon_seq'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}

/**
 * Locks partition rows for the rest of the transaction, in id order (no deadlocks).
 * PostgreSQL: `FOR UPDATE`, so commit order equals seq order and a pull cursor never
 * passes an uncommitted lower seq. SQLite: the transaction already holds the write lock.
 */
export async function lockPartitions(
  trx: Kysely<HqSchema>,
  dialect: Dialect,
  ids: readonly string[],
): Promise<Map<string, PartitionRow>> {
  if (ids.length === 0) return new Map();
  let q = trx
    .selectFrom('offices')
    .select(['id', 'next_seq', 'epoch', 'horizon_seq'])
    .where('id', 'in', [...ids].sort())
    .orderBy('id');
  if (dialect === 'postgres') q = q.forUpdate();
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function setNextSeq(trx: Kysely<HqSchema>, id: string, nextSeq: number) {
  await trx.updateTable('offices').set({ next_seq: nextSeq }).where('id', '=', id).execute();
}

/** After restoring a backup: every client of the partition resets and re-downloads. */
export async function rotateEpoch(db: Kysely<HqSchema>, id: string): Promise<string> {
  const epoch = newEpoch();
  await db.updateTable('offices').set({ epoch }).where('id', '=', id).execute();
  return epoch;
}
