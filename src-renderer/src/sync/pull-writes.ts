/**
 * Writing one pulled page's rows of one table, inside the page's apply transaction
 * (apply-pull.ts): either over local copies without reading them (HQ's state contains
 * them), or merged with the local rows and tombstones read first. Each table's puts go in
 * one request (a page is at most 500 rows); the keys written are noted in `written`, which
 * the apply names in its change set (change-set.ts).
 */
import type { IndexableType, Table } from 'dexie';
import {
  adoptRecordState,
  EMPTY_RECORD_STATE,
  mergeRecordStates,
  type RecordState,
} from '@shared/sync/merge';
import type { WrittenKeys } from './change-set';
import type { SyncContext } from './client-state';
import { rowState, type Row } from './middleware';
import { confirmPulled } from './resend';
import { TOMBSTONES, type TombstoneRow } from './schema';

/** A pulled record as the apply handles it. */
export interface IncomingRow {
  id: string;
  officeId: string | null;
  state: RecordState;
}

/**
 * What one pullAll knows between its pages. A table that held nothing (no row, no
 * tombstone) when the run first met it holds only rows this run pulled, until a local
 * write lands (every local write to a synced table adds an `_outbox` row, and no push
 * runs during a pull): its pages are written without reading the rows they replace,
 * since HQ's later state of a record always contains its earlier one.
 */
export interface PullRun {
  /** table -> written only by this run so far. */
  readonly fresh: Map<string, boolean>;
  /** Newest `_outbox` key when the run last looked (null: empty; undefined: not yet). */
  outboxTop: IndexableType | null | undefined;
  /** Ids this run stored as tombstones, per table (a later live row removes them). */
  readonly tombstoned: Map<string, Set<string>>;
}

export function newPullRun(): PullRun {
  return { fresh: new Map(), outboxTop: undefined, tombstoned: new Map() };
}

/** Local copies of records: id -> live row and tombstone (either may be missing). */
type LocalCopies = Map<string, { live: Row | undefined; tomb: TombstoneRow | undefined }>;

/**
 * Pulled data in the shape the app wrote it. For sync, null and absent are one value (a null
 * on the wire is a cleared field or a missing member of a field group, and a record created
 * with a null field sends nothing for it), so: nulls are dropped, except fields the table
 * declares `nullable`, which are always present (null when absent: a trip with no driver).
 */
export function localShape(
  data: Readonly<Record<string, unknown>>,
  nullable: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === null && !nullable.includes(k)) continue;
    out[k] = v;
  }
  for (const k of nullable) out[k] ??= null;
  return out;
}

/** A live record as stored: the local shape of its data, its register HLCs, its restore stamp. */
function storedRow(id: string, merged: RecordState, nullable?: readonly string[]): Row {
  const row = localShape(merged.data, nullable) as Row;
  row.id = id;
  // mergeRecordStates returns a new hlc map: stored as is, no copy.
  row._v = merged.hlc as Record<string, string>;
  row._dv = merged.deletedHlc;
  return row;
}

/** One bulkPut, or (bench A/B of the old path, `ctx.pullPutRows`) requests of that many rows. */
function putRows(ctx: SyncContext, table: Table<Row, string>, rows: Row[]): Promise<unknown> {
  const size = ctx.pullPutRows;
  if (!size) return table.bulkPut(rows);
  const requests: Array<Promise<unknown>> = [];
  for (let i = 0; i < rows.length; i += size) requests.push(table.bulkPut(rows.slice(i, i + size)));
  return Promise.all(requests);
}

const tombstones = (ctx: SyncContext) =>
  ctx.db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;

/** Whether `tbl` holds only rows of this run (decided when the run first meets it). */
export async function isFresh(ctx: SyncContext, run: PullRun, tbl: string): Promise<boolean> {
  let fresh = run.fresh.get(tbl);
  if (fresh === undefined) run.fresh.set(tbl, (fresh = await holdsNothing(ctx, tbl)));
  return fresh;
}

/** No row and no tombstone: nothing local to merge with. */
async function holdsNothing(ctx: SyncContext, tbl: string): Promise<boolean> {
  const [rows, tombs] = await Promise.all([
    ctx.db.table(tbl).limit(1).primaryKeys(),
    tombstones(ctx).where('tbl').equals(tbl).limit(1).primaryKeys(),
  ]);
  return rows.length === 0 && tombs.length === 0;
}

/**
 * Writes pulled rows of a table that holds only this run's rows: HQ's state is the
 * merged state, so nothing is read (same result as mergeRows against nothing, or
 * against an earlier state of the same record from this run).
 */
export async function writeFresh(
  ctx: SyncContext,
  tbl: string,
  rows: IncomingRow[],
  run: PullRun,
  written: WrittenKeys,
): Promise<void> {
  let tombstoned = run.tombstoned.get(tbl);
  await writeHqState(ctx, tbl, rows, written, (id, deleted) => {
    if (deleted) {
      if (!tombstoned) run.tombstoned.set(tbl, (tombstoned = new Set()));
      tombstoned.add(id);
      return false;
    }
    return tombstoned?.delete(id) ?? false;
  });
}

/**
 * Writes pulled rows over local copies that HQ's state contains (nothing unsent, nothing
 * refused): without reading them. `tombstones`: the table may hold tombstones, so a live
 * row removes the record's (absent ones cost a no-op delete).
 */
export function writeOver(
  ctx: SyncContext,
  tbl: string,
  rows: IncomingRow[],
  tombstones: boolean,
  written: WrittenKeys,
): Promise<void> {
  return writeHqState(ctx, tbl, rows, written, (_id, deleted) => !deleted && tombstones);
}

/**
 * Stores HQ's state of each record as the local one: live rows put, deleted ones removed
 * and tombstoned; `dropTomb(id, deleted)` says whether a live record's tombstone goes.
 * The requests are made together (one transaction runs them in order).
 */
async function writeHqState(
  ctx: SyncContext,
  tbl: string,
  rows: IncomingRow[],
  written: WrittenKeys,
  dropTomb: (id: string, deleted: boolean) => boolean,
): Promise<void> {
  const spec = ctx.registry.get(tbl)!;
  const table = ctx.db.table(tbl) as Table<Row, string>;
  const tombs = tombstones(ctx);
  const puts: Row[] = [];
  const deletes: string[] = [];
  const tombPuts: TombstoneRow[] = [];
  const tombDeletes: Array<[string, string]> = [];
  for (const { id, officeId, state } of rows) {
    const merged = adoptRecordState(spec, state);
    const drop = dropTomb(id, merged.deleted);
    if (merged.deleted) {
      deletes.push(id);
      tombPuts.push({ tbl, id, officeId, state: merged });
    } else {
      puts.push(storedRow(id, merged, spec.nullable));
      if (drop) tombDeletes.push([tbl, id]);
    }
  }
  written.add(tbl, deletes);
  written.add(
    tbl,
    puts.map((r) => r.id as string),
  );
  await Promise.all([
    deletes.length ? table.bulkDelete(deletes) : null,
    puts.length ? putRows(ctx, table, puts) : null,
    tombDeletes.length ? tombs.bulkDelete(tombDeletes) : null,
    tombPuts.length ? tombs.bulkPut(tombPuts) : null,
  ]);
}

/** The live rows and tombstones of `ids` in `tbl`, by id. */
async function readLocal(ctx: SyncContext, tbl: string, ids: string[]): Promise<LocalCopies> {
  const [lives, tombRows] = await Promise.all([
    (ctx.db.table(tbl) as Table<Row, string>).bulkGet(ids),
    tombstones(ctx).bulkGet(ids.map((id): [string, string] => [tbl, id])),
  ]);
  const out: LocalCopies = new Map();
  ids.forEach((id, i) => out.set(id, { live: lives[i], tomb: tombRows[i] }));
  return out;
}

/**
 * Merges pulled rows of one table into the local rows/tombstones (read first), in bulk.
 * `confirm`: records listed for re-sending leave the list when HQ's row contains them.
 */
export async function mergeRows(
  ctx: SyncContext,
  tbl: string,
  rows: IncomingRow[],
  written: WrittenKeys,
  confirm = false,
): Promise<void> {
  const spec = ctx.registry.get(tbl)!;
  const table = ctx.db.table(tbl) as Table<Row, string>;
  const tombs = tombstones(ctx);
  const known = await readLocal(
    ctx,
    tbl,
    rows.map((r) => r.id),
  );
  const puts: Row[] = [];
  const deletes: string[] = [];
  const tombPuts: TombstoneRow[] = [];
  const tombDeletes: Array<[string, string]> = [];
  const compared: Array<{ id: string; local: RecordState; remote: RecordState }> = [];
  rows.forEach(({ id, officeId, state: remote }) => {
    const copy = known.get(id);
    const live = copy?.live;
    const tomb = live ? undefined : copy?.tomb;
    const local = live ? rowState(live) : (tomb?.state ?? EMPTY_RECORD_STATE);
    if (confirm && (live || tomb)) compared.push({ id, local, remote });
    const merged = mergeRecordStates(spec, local, remote);
    if (merged.deleted) {
      if (live) deletes.push(id);
      tombPuts.push({ tbl, id, officeId, state: merged });
    } else {
      puts.push(storedRow(id, merged, spec.nullable));
      if (tomb) tombDeletes.push([tbl, id]);
    }
  });
  written.add(tbl, deletes);
  written.add(
    tbl,
    puts.map((r) => r.id as string),
  );
  if (deletes.length) await table.bulkDelete(deletes);
  if (puts.length) await putRows(ctx, table, puts);
  if (tombDeletes.length) await tombs.bulkDelete(tombDeletes);
  if (tombPuts.length) await tombs.bulkPut(tombPuts);
  if (compared.length) await confirmPulled(ctx.db, tbl, compared);
}
