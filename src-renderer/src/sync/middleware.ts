/**
 * The outbox middleware: every write to a synced table is recorded in `_outbox` in
 * the SAME IndexedDB transaction, so no code path can change data without it
 * reaching HQ, and an aborted write leaves neither record nor outbox row.
 *
 * Field intent comes from diffing the new row against the stored one (this covers
 * changeSpec updates, function-form modify and plain put alike). Each written record
 * gets one fresh HLC for the registers that changed; the per-register HLC map is
 * stored on the row (`_v`). Deletes move the record's state to `_tombstones`.
 * Writes made by the pull apply (`markRemoteTransaction`) are not recorded again.
 */
import type {
  DBCore,
  DBCoreKeyRange,
  DBCoreRangeType,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { HybridLogicalClock, nodeIdFromClientId } from '@shared/sync/hlc';
import { canonicalJson, type RecordState } from '@shared/sync/merge';
import { isSyncMetaField, type SyncTable, type TableRegistry } from '@shared/sync/tables';
import { isDemoId } from '@shared/sync/demo-ids';
import { valueProblem, type ValueProblem } from '@shared/sync/json-value';
import {
  LOCAL_STATE_KEY,
  OUTBOX,
  REJECTED,
  SYNC_STATE,
  TOMBSTONES,
  type LocalSyncState,
  OUTBOX_SLOTS,
  type OutboxEntry,
  type OutboxRow,
  type SyncedRowMeta,
  type TombstoneRow,
} from './schema';

/** A write that sync cannot accept; the whole transaction aborts. */
export class SyncWriteError extends Error {
  constructor(
    readonly code: 'office_missing' | 'office_forbidden' | 'id_missing' | ValueProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SyncWriteError';
  }
}

const remoteTransactions = new WeakSet<object>();

/** Marks a transaction (Dexie `tx.idbtrans`) as applying pulled data: not recorded. */
export function markRemoteTransaction(idbtrans: object): void {
  remoteTransactions.add(idbtrans);
}

export type Row = Record<string, unknown> & SyncedRowMeta & { id?: unknown };

/** The synced fields of a row (no `id`, no `_…` metadata). */
export function rowData(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k !== 'id' && !isSyncMetaField(k) && v !== undefined) out[k] = v;
  }
  return out;
}

export function rowState(row: Row): RecordState {
  return { data: rowData(row), hlc: row._v ?? {}, deleted: false, deletedHlc: row._dv ?? null };
}

export interface SyncMiddlewareOptions {
  registry: TableRegistry;
  now?: () => number;
  /** Called after a transaction that wrote outbox rows commits (the runner's trigger). */
  onOutboxCommitted?: () => void;
}

export async function readLocalState(
  core: DBCore,
  trans: DBCoreTransaction,
): Promise<LocalSyncState> {
  const table = core.table(SYNC_STATE);
  const existing = (await table.get({ trans, key: LOCAL_STATE_KEY })) as LocalSyncState | undefined;
  if (existing) return existing;
  const fresh: LocalSyncState = { key: LOCAL_STATE_KEY, clientId: crypto.randomUUID(), hlc: null };
  await table.mutate({ type: 'put', trans, values: [fresh] });
  return fresh;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null; // null and absent are equal
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return canonicalJson(a) === canonicalJson(b);
}

export function createSyncMiddleware(opts: SyncMiddlewareOptions): Middleware<DBCore> {
  const now = opts.now ?? Date.now;
  return {
    stack: 'dbcore',
    name: 'BridgeheadSyncOutbox',
    // Below Dexie's own middlewares (cache -1, observability 0): the layers beneath
    // are plain IndexedDB, so this code may await without Dexie's zone (PSD), which
    // native async functions lose. liveQuery still sees synced-table writes (they
    // pass observability above); it does not see _outbox writes made here.
    level: -10,
    create(down) {
      const notified = new WeakSet<object>();
      return {
        ...down,
        transaction(stores, mode, options) {
          const needsMeta = mode === 'readwrite' && stores.some((s) => opts.registry.has(s));
          const all = needsMeta
            ? [...new Set([...stores, OUTBOX, TOMBSTONES, SYNC_STATE, REJECTED])]
            : stores;
          return down.transaction(all, mode, options);
        },
        table(name) {
          const table = down.table(name);
          const spec = opts.registry.get(name);
          if (!spec) return table;
          return {
            ...table,
            mutate: async (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => {
              if (remoteTransactions.has(req.trans)) return table.mutate(req);
              const outbox = await recordMutation(down, table, spec, req, now);
              if (outbox?.wrote && opts.onOutboxCommitted && !notified.has(req.trans)) {
                notified.add(req.trans);
                const t = req.trans as unknown as EventTarget;
                t.addEventListener?.('complete', () => opts.onOutboxCommitted?.());
              }
              return outbox ? outbox.response : table.mutate(req);
            },
          };
        },
      };
    },
  };
}

async function keysOf(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
  if (req.type === 'delete') return req.keys;
  if (req.type === 'deleteRange') {
    return table
      .query({
        trans: req.trans,
        values: false,
        query: { index: table.schema.primaryKey, range: req.range },
      })
      .then((r) => r.result);
  }
  return req.values.map((v: Row, i) => {
    const key = req.keys?.[i] ?? v.id;
    if (typeof key !== 'string' || key === '') {
      throw new SyncWriteError('id_missing', `${table.name}: synced rows need a string id`);
    }
    return key;
  });
}

/**
 * Whether the table has any tombstone, read in the write's own transaction (so it sees
 * earlier writes of that transaction and, being IndexedDB-isolated, other tabs' commits).
 * One count on the `tbl` index is far cheaper than a getMany of thousands of keys that
 * are almost never tombstoned (imports, demo data, new records).
 */
async function hasTombstones(
  tombTable: DBCoreTable,
  trans: DBCoreTransaction,
  tbl: string,
): Promise<boolean> {
  const index = tombTable.schema.getIndexByKeyPath('tbl');
  if (!index) return true; // no index to ask: read the tombstones
  const range: DBCoreKeyRange = { type: 1 as DBCoreRangeType, lower: tbl, upper: tbl };
  return (await tombTable.count({ trans, query: { index, range } })) > 0;
}

/** Up to this many keys a put reads its stored rows directly (forms, small batches). */
const DIRECT_READ_MAX = 16;
/** Key listings longer than this many times the batch: read the rows directly instead. */
const KEY_SCAN_FACTOR = 50;

/**
 * The stored rows of a put's keys (LOCAL writes; read in the write's transaction).
 * Dexie's getMany is one IndexedDB request per key, the dominant cost of bulk
 * puts of brand-new ids (imports, demo data): for a batch, one count over the
 * batch's key range first — none stored (a fresh table, new ids above the
 * rest): no read at all —, else the keys of that range (one request) and rows
 * only for the ids actually stored.
 */
async function storedRows(
  table: DBCoreTable,
  trans: DBCoreTransaction,
  keys: readonly string[],
): Promise<Array<Row | undefined>> {
  if (keys.length <= DIRECT_READ_MAX) return table.getMany({ trans, keys: keys as string[] });
  let lower = keys[0]!;
  let upper = keys[0]!;
  for (const k of keys) {
    if (k < lower) lower = k;
    if (k > upper) upper = k;
  }
  const index = table.schema.primaryKey;
  const range: DBCoreKeyRange = {
    type: 2 as DBCoreRangeType, // Range
    lower,
    upper,
    lowerOpen: false,
    upperOpen: false,
  };
  const inRange = await table.count({ trans, query: { index, range } });
  if (inRange === 0) return new Array(keys.length);
  if (inRange > keys.length * KEY_SCAN_FACTOR) {
    return table.getMany({ trans, keys: keys as string[] });
  }
  const stored = new Set(
    (await table.query({ trans, values: false, query: { index, range } })).result as string[],
  );
  const hits: number[] = [];
  keys.forEach((k, i) => {
    if (stored.has(k)) hits.push(i);
  });
  const out: Array<Row | undefined> = new Array(keys.length);
  if (hits.length) {
    const rows = (await table.getMany({ trans, keys: hits.map((i) => keys[i]!) })) as Array<
      Row | undefined
    >;
    hits.forEach((i, j) => (out[i] = rows[j]));
  }
  return out;
}

/**
 * Performs the write with stamped values and records the outbox rows. Returns
 * undefined when the request changes nothing sync cares about.
 */
async function recordMutation(
  core: DBCore,
  table: DBCoreTable,
  spec: SyncTable,
  req: DBCoreMutateRequest,
  now: () => number,
): Promise<{ response: DBCoreMutateResponse; wrote: boolean } | undefined> {
  const trans = req.trans;
  const keys = await keysOf(table, req);
  if (keys.length === 0) return undefined;
  // An add never overwrites (an existing key fails and is not recorded): no read needed.
  const olds: Array<Row | undefined> =
    req.type === 'add'
      ? new Array(keys.length)
      : req.type === 'put'
        ? await storedRows(table, trans, keys as string[])
        : await table.getMany({ trans, keys });
  const tombTable = core.table(TOMBSTONES);
  // Tombstones matter only for keys without a live row (a put there is a restore).
  const tombs: Array<TombstoneRow | undefined> = new Array(keys.length);
  const missing = keys.flatMap((_k, i) => (olds[i] ? [] : [i]));
  if (
    req.type !== 'delete' &&
    req.type !== 'deleteRange' &&
    missing.length > 0 &&
    (await hasTombstones(tombTable, trans, spec.name))
  ) {
    const found = (await tombTable.getMany({
      trans,
      keys: missing.map((i) => [spec.name, keys[i]]),
    })) as Array<TombstoneRow | undefined>;
    missing.forEach((i, j) => (tombs[i] = found[j]));
  }

  const local = await readLocalState(core, trans);
  const clock = new HybridLogicalClock(
    nodeIdFromClientId(local.clientId),
    now,
    local.hlc ?? undefined,
  );
  const outboxRows: Array<{ op: number; row: Omit<OutboxEntry, 'slot'> }> = [];
  const newTombs: TombstoneRow[] = [];
  const removedTombs: unknown[] = [];
  const at = now();

  let response: DBCoreMutateResponse;
  if (req.type === 'delete' || req.type === 'deleteRange') {
    const seen = new Set<unknown>();
    keys.forEach((id, i) => {
      const old = olds[i];
      if (!old || seen.has(id)) return;
      seen.add(id);
      const hlc = clock.send('lenient');
      const officeId = typeof old.officeId === 'string' ? old.officeId : null;
      newTombs.push({
        tbl: spec.name,
        id: id as string,
        officeId,
        state: { ...rowState(old), deleted: true, deletedHlc: hlc },
      });
      outboxRows.push({
        op: i,
        row: {
          tbl: spec.name,
          id: id as string,
          ...(spec.scope === 'office' && officeId ? { officeId } : {}),
          fields: {},
          deleted: [true, hlc],
        },
      });
    });
    response = await table.mutate(req);
  } else {
    // The same id twice in one bulk request: each value diffs against the previous one.
    const running = new Map<string, { state: RecordState; officeId: unknown }>();
    const values = req.values.map((value: Row, i) => {
      const id = keys[i] as string;
      const prior = running.get(id);
      const old = prior ? undefined : olds[i];
      const tomb = old || prior ? undefined : tombs[i];
      const base: RecordState | undefined = prior ? prior.state : old ? rowState(old) : tomb?.state;
      const data = rowData(value);
      // HQ refuses such a value (400): never let it into the outbox, where it would sit
      // refused; the write fails here with a code the screen can translate.
      for (const f in data) {
        const problem = valueProblem(data[f]);
        if (problem) throw new SyncWriteError(problem, `${spec.name}/${id}.${f}: ${problem}`);
      }
      if (spec.scope === 'office') {
        if (typeof data.officeId !== 'string' || data.officeId === '') {
          throw new SyncWriteError('office_missing', `${spec.name}/${id}: officeId is required`);
        }
        const before = prior ? prior.officeId : (old?.officeId ?? tomb?.officeId);
        if (before !== undefined && before !== null && before !== data.officeId) {
          throw new SyncWriteError(
            'office_forbidden',
            `${spec.name}/${id}: officeId cannot change`,
          );
        }
      }
      const registers = new Set<string>();
      const oldData = base?.data ?? {};
      for (const f of new Set([...Object.keys(data), ...Object.keys(oldData)])) {
        if (!same(data[f], oldData[f])) registers.add(spec.registerOf(f));
      }
      const restoring = tomb !== undefined;
      const hlcMap = { ...(base?.hlc ?? {}) };
      let dv = prior ? prior.state.deletedHlc : (old?._dv ?? null);
      if (registers.size > 0 || restoring) {
        const hlc = clock.send('lenient');
        // Every field written gets this one HLC: stored once (see OutboxEntry).
        const values: Record<string, unknown> = {};
        for (const r of registers) {
          hlcMap[r] = hlc;
          for (const f of spec.fieldsOf(r)) values[f] = data[f] ?? null;
        }
        if (restoring) {
          dv = hlc;
          removedTombs.push([spec.name, id]);
        }
        outboxRows.push({
          op: i,
          row: {
            tbl: spec.name,
            id,
            ...(spec.scope === 'office' ? { officeId: data.officeId as string } : {}),
            values,
            hlc,
            ...(restoring ? { deleted: [false, hlc] as [boolean, string] } : {}),
          },
        });
      }
      running.set(id, {
        state: { data, hlc: hlcMap, deleted: false, deletedHlc: dv },
        officeId: data.officeId,
      });
      return { ...value, _v: hlcMap, _dv: dv };
    });
    response = await table.mutate({ ...req, values });
  }

  // Bulk writes can fail per item without aborting: record only what was written.
  // Demo records stay on this laptop: they never enter the outbox, so never reach HQ.
  const ok = outboxRows.filter(({ op, row }) => !response.failures[op] && !isDemoId(row.id));
  const okIds = new Set(ok.map(({ row }) => row.id));
  if (ok.length > 0) {
    // One outbox row per request (chunked), not per record: far fewer rows for bulk writes.
    const rows: OutboxRow[] = [];
    for (let i = 0; i < ok.length; i += OUTBOX_SLOTS) {
      const entries = ok.slice(i, i + OUTBOX_SLOTS).map(({ row }, slot) => ({ ...row, slot }));
      rows.push({ at, entries });
    }
    await core.table(OUTBOX).mutate({ type: 'add', trans, values: rows });
  }
  const tombsOk = newTombs.filter((t) => okIds.has(t.id));
  if (tombsOk.length > 0) await tombTable.mutate({ type: 'put', trans, values: tombsOk });
  const untomb = removedTombs.filter((k) => okIds.has((k as [string, string])[1]));
  if (untomb.length > 0) await tombTable.mutate({ type: 'delete', trans, keys: untomb });
  await core.table(SYNC_STATE).mutate({
    type: 'put',
    trans,
    values: [{ ...local, hlc: clock.current() } satisfies LocalSyncState],
  });
  return { response, wrote: ok.length > 0 };
}
