import type { Kysely } from 'kysely';
import type { RecordState } from '@shared/sync/merge';
import type { HqSchema } from '../db/schema';

export interface StoredRecord {
  officeId: string;
  tbl: string;
  id: string;
  state: RecordState;
  seq: number;
}

type RecordRow = HqSchema['records'];

export function rowToState(r: Pick<RecordRow, 'data' | 'field_hlc' | 'deleted' | 'deleted_hlc'>) {
  return {
    data: JSON.parse(r.data) as Record<string, unknown>,
    hlc: JSON.parse(r.field_hlc) as Record<string, string>,
    deleted: Number(r.deleted) === 1,
    deletedHlc: r.deleted_hlc,
  } satisfies RecordState;
}

const IN_CHUNK = 400;

/**
 * Current states of records of `tbl` with these ids, keyed by id, whichever partition holds
 * them: ids are unique per table across offices (index records_tbl_id), so a push learns in
 * one read both what its partition holds and which ids another office already uses.
 */
export async function getRecords(
  trx: Kysely<HqSchema>,
  tbl: string,
  ids: readonly string[],
): Promise<Map<string, StoredRecord>> {
  const out = new Map<string, StoredRecord>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await trx
      .selectFrom('records')
      .selectAll()
      .where('tbl', '=', tbl)
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of rows) {
      out.set(r.id, { officeId: r.office_id, tbl, id: r.id, state: rowToState(r), seq: r.seq });
    }
  }
  return out;
}

/**
 * Whether a database error is the unique index `records_tbl_id` refusing a second office's
 * record with an id already used (PostgreSQL names the key in its detail; SQLite does not).
 */
export function isRecordIdClash(e: unknown): { tbl: string | null; id: string | null } | null {
  const err = e as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown };
  if (err?.code === '23505' && err.constraint === 'records_tbl_id') {
    const m = /^Key \(tbl, id\)=\((.*?), (.*)\) already exists/.exec(String(err.detail ?? ''));
    return { tbl: m?.[1] ?? null, id: m?.[2] ?? null };
  }
  if (
    err?.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    String(err.message).includes('records.tbl, records.id')
  ) {
    return { tbl: null, id: null };
  }
  return null;
}

export interface RecordWrite {
  officeId: string;
  tbl: string;
  id: string;
  state: RecordState;
  seq: number;
  now: number;
  /**
   * Whose push wrote this version: the authenticated device and the staff member it is
   * linked for (absent: HQ itself, e.g. `demo:purge`).
   */
  by?: { deviceId: string; staffId: string | null };
}

const UPSERT_CHUNK = 100;

/** Inserts or replaces records, many per statement. */
export async function upsertRecords(trx: Kysely<HqSchema>, writes: readonly RecordWrite[]) {
  for (let i = 0; i < writes.length; i += UPSERT_CHUNK) {
    const values = writes.slice(i, i + UPSERT_CHUNK).map((w) => ({
      office_id: w.officeId,
      tbl: w.tbl,
      id: w.id,
      data: JSON.stringify(w.state.data),
      field_hlc: JSON.stringify(w.state.hlc),
      deleted: w.state.deleted ? 1 : 0,
      deleted_hlc: w.state.deletedHlc,
      seq: w.seq,
      updated_at: w.now,
      changed_by_device: w.by?.deviceId ?? null,
      changed_by_staff: w.by?.staffId ?? null,
    }));
    await trx
      .insertInto('records')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['office_id', 'tbl', 'id']).doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          field_hlc: eb.ref('excluded.field_hlc'),
          deleted: eb.ref('excluded.deleted'),
          deleted_hlc: eb.ref('excluded.deleted_hlc'),
          seq: eb.ref('excluded.seq'),
          updated_at: eb.ref('excluded.updated_at'),
          changed_by_device: eb.ref('excluded.changed_by_device'),
          changed_by_staff: eb.ref('excluded.changed_by_staff'),
        })),
      )
      .execute();
  }
}

/** Rows of a partition after `afterSeq`, in seq order. */
export async function readChanges(
  db: Kysely<HqSchema>,
  officeId: string,
  afterSeq: number,
  limit: number,
) {
  return db
    .selectFrom('records')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/**
 * Deletes tombstones last changed before `before` and raises the partition's horizon,
 * so any cursor that might have missed one of them resets.
 */
export async function purgeTombstones(trx: Kysely<HqSchema>, officeId: string, before: number) {
  const victims = await trx
    .selectFrom('records')
    .select(({ fn }) => [fn.max('seq').as('maxSeq'), fn.countAll().as('n')])
    .where('office_id', '=', officeId)
    .where('deleted', '=', 1)
    .where('updated_at', '<', before)
    .executeTakeFirst();
  const n = Number(victims?.n ?? 0);
  if (n === 0) return 0;
  await trx
    .deleteFrom('records')
    .where('office_id', '=', officeId)
    .where('deleted', '=', 1)
    .where('updated_at', '<', before)
    .execute();
  const maxSeq = Number(victims!.maxSeq);
  const part = await trx
    .selectFrom('offices')
    .select('horizon_seq')
    .where('id', '=', officeId)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('offices')
    .set({ horizon_seq: Math.max(part.horizon_seq, maxSeq) })
    .where('id', '=', officeId)
    .execute();
  return n;
}

/** A row migration 0006 moved aside: its (table, id) was already another office's. */
export interface RecordIdClash {
  tbl: string;
  id: string;
  officeId: string;
  movedAt: number;
  /** The office whose row of that id stayed in `records` (null if it was purged since). */
  keptBy: string | null;
}

/** Every row in `record_id_clashes`, oldest move first, then by table and id. */
export async function listRecordIdClashes(db: Kysely<HqSchema>): Promise<RecordIdClash[]> {
  const rows = await db
    .selectFrom('record_id_clashes as c')
    .leftJoin('records as r', (join) =>
      join.onRef('r.tbl', '=', 'c.tbl').onRef('r.id', '=', 'c.id'),
    )
    .select(['c.tbl', 'c.id', 'c.office_id', 'c.moved_at', 'r.office_id as kept_by'])
    .orderBy('c.moved_at')
    .orderBy('c.tbl')
    .orderBy('c.id')
    .orderBy('c.office_id')
    .execute();
  return rows.map((r) => ({
    tbl: r.tbl,
    id: r.id,
    officeId: r.office_id,
    movedAt: Number(r.moved_at),
    keptBy: r.kept_by ?? null,
  }));
}
