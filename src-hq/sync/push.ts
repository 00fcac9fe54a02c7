/**
 * Push: applies a client's mutations in ONE transaction. The office comes from the
 * device credential, never from the body; every partition touched is locked, each
 * changed record gets the partition's next seq, and the client's last mutation id
 * moves forward in the same transaction, so a replayed push changes nothing. What else a
 * change moves (report read models, the FX history) is done by the projectors the server
 * registers (src-hq/sync/projectors.ts), in the same transaction.
 */
import { isDemoId } from '@shared/sync/demo-ids';
import { hlcMillis, MAX_CLOCK_DRIFT_MS } from '@shared/sync/hlc';
import { z } from 'zod';
import { MAX_VALUE_DEPTH, valueProblem } from '@shared/sync/json-value';
import {
  EMPTY_RECORD_STATE,
  changesToState,
  isChangeShapeError,
  mergeRecordStates,
  recordStatesEqual,
  statesHlcs,
  type RecordState,
} from '@shared/sync/merge';
import type { Mutation, PushRequest, PushResponse, SyncErrorCode } from '@shared/sync/protocol';
import { SHARED_PARTITION, type SyncTable, type TableRegistry } from '@shared/sync/tables';
import type { HqDatabase } from '../db/connect';
import { withWriteTransaction } from '../db/transaction';
import { HttpError } from '../errors';
import {
  lockClient,
  setClientProgress,
  touchDeviceSync,
  type Device,
} from '../repositories/devices';
import { lockPartitions, setNextSeq } from '../repositories/offices';
import {
  getRecords,
  isRecordIdClash,
  upsertRecords,
  type RecordWrite,
} from '../repositories/records';
import { ERASURES_TABLE, SUBJECT_TABLE } from '@shared/privacy/subject';
import { checkErasureChange, checkFxRatesChange, checkSecurityPolicyChange } from './policy';
import type { ChangedRecord, PushProjector } from './projectors';

interface PlannedChange {
  mid: number;
  partition: string;
  table: SyncTable;
  id: string;
  state: RecordState;
}

/** Where a refused value was: every field-level refusal names its table, record and field. */
function fieldError(code: SyncErrorCode, tbl: string, id: string, field: string, why: string) {
  return new HttpError(400, code, `${tbl}/${id} field ${field}: ${why}`, {
    table: tbl,
    id,
    field,
  });
}

/**
 * Depth, finite and exactly held numbers, before anything walks the values (canonical JSON and the merge
 * recurse: a value thousands of levels deep would overflow the stack and answer 500, which
 * a laptop retries forever).
 */
function checkValueLimits(tbl: string, id: string, fields: Mutation['fields']) {
  for (const field in fields) {
    if (!Object.hasOwn(fields, field)) continue;
    const problem = valueProblem(fields[field]![0]);
    if (problem === 'value_too_deep') {
      throw fieldError(problem, tbl, id, field, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
    }
    if (problem === 'number_not_finite') {
      throw fieldError(problem, tbl, id, field, 'a number too large for JSON (e.g. 1e400)');
    }
    if (problem === 'number_unsafe') {
      throw fieldError(problem, tbl, id, field, 'a number beyond ±(2^53 − 1), not held exactly');
    }
  }
}

/**
 * Per table, one zod object of its field schemas, every field optional: a mutation's values
 * are checked in ONE parse (zod compiles an object's parser; a parse per field costs ~2x).
 */
const fieldsObjects = new WeakMap<SyncTable, z.ZodType>();

function fieldsObjectOf(table: SyncTable, schemas: Readonly<Record<string, z.ZodType>>) {
  let schema = fieldsObjects.get(table);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const [field, s] of Object.entries(schemas)) shape[field] = s.optional();
    schema = z.object(shape);
    fieldsObjects.set(table, schema);
  }
  return schema;
}

/** Each pushed value against the domain's schema of its field (tables.ts, record-schemas.ts). */
function checkFieldValues(tbl: string, id: string, fields: Mutation['fields'], table: SyncTable) {
  const schemas = table.fields;
  if (!schemas) return;
  // Fields the table declares, with a value (null = a cleared field, always accepted).
  const values: Record<string, unknown> = {};
  let any = false;
  for (const field in fields) {
    if (!Object.hasOwn(fields, field) || !Object.hasOwn(schemas, field)) continue;
    const value = fields[field]![0];
    if (value === null) continue;
    values[field] = value;
    any = true;
  }
  if (!any) return;
  const res = fieldsObjectOf(table, schemas).safeParse(values);
  if (!res.success) {
    const issue = res.error.issues[0];
    const [field, ...path] = issue?.path.map(String) ?? [];
    const where = path.length ? ` at ${path.join('.')}` : '';
    throw fieldError('validation_failed', tbl, id, field ?? '?', `invalid value${where}`);
  }
}

/** Validates and resolves partitions before any database work (400/403, nothing changes). */
function plan(
  device: Device,
  req: PushRequest,
  registry: TableRegistry,
  now: number,
): PlannedChange[] {
  const out: PlannedChange[] = [];
  // table + id -> partition: one push cannot write one id into two offices either.
  const partitionOf = new Map<string, string>();
  let prevMid = 0;
  for (const m of req.mutations) {
    if (m.mid <= prevMid) {
      throw new HttpError(400, 'mutation_order', `Mutation ids must increase (mid ${m.mid})`);
    }
    prevMid = m.mid;
    // Demo records never belong in HQ's reports: the laptop never sends them, so one that
    // arrives comes from an older or buggy app and is refused for good (set aside).
    if (isDemoId(m.id)) {
      throw new HttpError(400, 'demo_record', `${m.tbl}/${m.id}: demo records are not synced`, {
        table: m.tbl,
        id: m.id,
      });
    }
    const table = registry.get(m.tbl);
    if (!table) throw new HttpError(400, 'unknown_table', `Unknown table: ${m.tbl}`);
    checkValueLimits(m.tbl, m.id, m.fields);
    const state = changesToState(table, m.fields, m.deleted);
    if (isChangeShapeError(state)) {
      throw new HttpError(400, state.code, `${m.tbl}.${state.field}: ${state.code}`);
    }
    for (const stamp of statesHlcs(state)) {
      if (hlcMillis(stamp) - now > MAX_CLOCK_DRIFT_MS) {
        throw new HttpError(
          400,
          'clock_ahead',
          `Change stamped ${hlcMillis(stamp) - now} ms ahead of HQ time: fix the device clock`,
        );
      }
    }
    let partition: string;
    if (table.scope === 'shared') {
      if (m.officeId !== undefined) {
        throw new HttpError(400, 'validation_failed', `${m.tbl} is shared: no officeId`);
      }
      partition = SHARED_PARTITION;
    } else if (device.officeId !== null) {
      if (m.officeId !== undefined && m.officeId !== device.officeId) {
        throw new HttpError(403, 'office_forbidden', 'This device cannot write another office');
      }
      partition = device.officeId;
    } else {
      if (m.officeId === undefined || m.officeId === SHARED_PARTITION) {
        throw new HttpError(400, 'office_unknown', `HQ writes to ${m.tbl} must name an office`);
      }
      partition = m.officeId;
    }
    checkFieldValues(m.tbl, m.id, m.fields, table);
    checkFxRatesChange(device, m.tbl, m.id, m.fields);
    checkSecurityPolicyChange(device, m.tbl, m.id);
    checkErasureChange(m.tbl);
    const officeField = m.fields.officeId;
    if (table.scope === 'office' && officeField !== undefined && officeField[0] !== partition) {
      throw new HttpError(403, 'office_forbidden', 'A record cannot name another office');
    }
    const key = `${m.tbl}\u0000${m.id}`;
    const other = partitionOf.get(key);
    if (other !== undefined && other !== partition) throw idTaken(m.tbl, m.id);
    partitionOf.set(key, partition);
    out.push({ mid: m.mid, partition, table, id: m.id, state });
  }
  return out;
}

/** 409 `id_taken`: record ids are unique per table across every office (docs/sync-protocol.md). */
function idTaken(tbl: string, id: string | null) {
  return new HttpError(
    409,
    'id_taken',
    id === null
      ? `A record id of ${tbl} is already used by another office`
      : `${tbl}/${id}: this id is already used by another office`,
    { table: tbl, ...(id === null ? {} : { id }) },
  );
}

export interface PushOptions {
  now: number;
  /** The app version the laptop sent (informative). */
  appVersion?: string | null;
  /** Run in order in the push transaction with the records it changed (none: records only). */
  projectors?: readonly PushProjector[];
}

export async function applyPush(
  hq: HqDatabase,
  registry: TableRegistry,
  device: Device,
  req: PushRequest,
  { now, appVersion = null, projectors = [] }: PushOptions,
): Promise<PushResponse> {
  const planned = plan(device, req, registry, now);
  const partitions = [...new Set(planned.map((p) => p.partition))];

  return withWriteTransaction(hq, async (trx) => {
    const locked = await lockPartitions(trx, hq.dialect, partitions);
    for (const p of partitions) {
      if (!locked.has(p)) throw new HttpError(400, 'office_unknown', `No such office: ${p}`);
    }
    const client = await lockClient(trx, hq.dialect, device.id, req.clientId, now);
    const unapplied = planned.filter((p) => p.mid > client.lastMutationId);
    // A person HQ erased never comes back: an edit of their contact (made before the laptop
    // pulled the erasure) is acknowledged and dropped, and the answer says so.
    const erased = await erasedIds(
      trx,
      unapplied.filter((p) => p.table.name === SUBJECT_TABLE).map((p) => p.id),
    );
    const dropped = unapplied
      .filter((p) => p.table.name === SUBJECT_TABLE && erased.has(p.id))
      .map((p) => ({ table: SUBJECT_TABLE, id: p.id, reason: 'subject_erased' as const }));
    const fresh = unapplied.filter((p) => p.table.name !== SUBJECT_TABLE || !erased.has(p.id));

    // Merge every fresh change into the current state, one read per (partition, table).
    const merged = new Map<string, { p: PlannedChange; before: RecordState; after: RecordState }>();
    const groups = new Map<string, PlannedChange[]>();
    for (const p of fresh) {
      const k = `${p.partition}\u0000${p.table.name}`;
      const list = groups.get(k);
      if (list) list.push(p);
      else groups.set(k, [p]);
    }
    for (const changes of groups.values()) {
      const first = changes[0]!;
      const stored = await getRecords(trx, first.table.name, [
        ...new Set(changes.map((c) => c.id)),
      ]);
      // An id another office holds is refused (the unique index records_tbl_id settles a
      // race with a concurrent push; this names the record in the answer).
      for (const [id, r] of stored) {
        if (r.officeId !== first.partition) throw idTaken(first.table.name, id);
      }
      for (const c of changes) {
        const key = `${c.partition}\u0000${c.table.name}\u0000${c.id}`;
        const prev = merged.get(key);
        const before = prev?.before ?? stored.get(c.id)?.state ?? EMPTY_RECORD_STATE;
        const base = prev?.after ?? before;
        merged.set(key, { p: c, before, after: mergeRecordStates(c.table, base, c.state) });
      }
    }

    const writes: RecordWrite[] = [];
    const changed: ChangedRecord[] = [];
    // The person comes from the authenticated device (its link), never from the body.
    const by = { deviceId: device.id, staffId: device.staffId };
    const nextSeq = new Map([...locked].map(([id, row]) => [id, row.next_seq]));
    for (const { p, before, after } of merged.values()) {
      if (recordStatesEqual(before, after)) continue;
      const seq = nextSeq.get(p.partition)!;
      nextSeq.set(p.partition, seq + 1);
      writes.push({
        officeId: p.partition,
        tbl: p.table.name,
        id: p.id,
        state: after,
        seq,
        now,
        by,
      });
      changed.push({ partition: p.partition, tbl: p.table.name, id: p.id, before, after });
    }
    try {
      await upsertRecords(trx, writes);
    } catch (e) {
      // Another office's push committed the same new id after our check: it won.
      const clash = isRecordIdClash(e);
      if (clash) throw idTaken(clash.tbl ?? writes[0]!.tbl, clash.id);
      throw e;
    }
    // Read models move in the same transaction as the records.
    if (changed.length > 0) {
      for (const project of projectors) {
        await project(trx, changed, { deviceId: device.id, staffId: device.staffId, now });
      }
    }
    const applied = writes.length;
    for (const [id, seq] of nextSeq) {
      if (seq !== locked.get(id)!.next_seq) await setNextSeq(trx, id, seq);
    }
    const lastMutationId = Math.max(client.lastMutationId, ...planned.map((p) => p.mid));
    await setClientProgress(trx, device.id, req.clientId, lastMutationId, now);
    await touchDeviceSync(trx, device.id, now, appVersion);
    return {
      lastMutationId,
      applied,
      serverTime: now,
      ...(dropped.length > 0 ? { dropped: uniqueDropped(dropped) } : {}),
    };
  });
}

/** The ids among `ids` of contacts HQ erased (an erasure record holds each). */
async function erasedIds(trx: Parameters<typeof getRecords>[0], ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  return new Set((await getRecords(trx, ERASURES_TABLE, [...new Set(ids)])).keys());
}

function uniqueDropped<T extends { id: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(d.id) && (seen.add(d.id), true));
}
