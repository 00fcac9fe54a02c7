/**
 * Per-field last-writer-wins merge, ordered by HLC.
 *
 * A record's state is a set of registers. A register is one field, or a declared
 * field group (tables.ts) whose fields always move together. Deletion is its own
 * register (`deleted` + `deletedHlc`): field edits never touch it, so a delete
 * wins over concurrent edits, and only an explicit restore (deleted=false) with a
 * higher HLC brings a record back. Every register is an LWW register, so the merge
 * is commutative, associative and idempotent (property-tested).
 */
import type { SyncTable } from './tables';

/**
 * Field names are data: `constructor`, `toString` or `valueOf` are fields like any other.
 * Maps keyed by field or register are read through `own` (Object.hasOwn), so no name
 * resolves to what Object.prototype has, and written through `setOwn`. They stay plain
 * objects: a prototype-less object is a slow dictionary for V8 (push throughput fell ~12%).
 * Assigning `constructor` or `toString` makes an own property; only `__proto__` is an
 * accessor (a setter), so it alone is defined rather than assigned.
 */
function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(map, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    map[key] = value;
  }
}

export interface RecordState {
  /** Field values (without `id`). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Register key -> HLC of the value held. */
  readonly hlc: Readonly<Record<string, string>>;
  readonly deleted: boolean;
  /** HLC of the last delete or restore; null if never deleted or restored. */
  readonly deletedHlc: string | null;
}

export const EMPTY_RECORD_STATE: RecordState = Object.freeze({
  data: Object.freeze({}),
  hlc: Object.freeze({}),
  deleted: false,
  deletedHlc: null,
});

/** JSON with sorted object keys: a deterministic tie-breaker for equal HLCs. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const sorted: Record<string, unknown> = {};
        for (const k of Object.keys(v as object).sort())
          setOwn(sorted, k, (v as Record<string, unknown>)[k]);
        return sorted;
      }
      return v;
    }) ?? 'null'
  );
}

function registerValue(table: SyncTable, state: RecordState, register: string): string {
  return canonicalJson(table.fieldsOf(register).map((f) => own(state.data, f) ?? null));
}

/** True if `b`'s copy of the register beats `a`'s. */
function wins(table: SyncTable, a: RecordState, b: RecordState, register: string): boolean {
  const ha = own(a.hlc, register);
  const hb = own(b.hlc, register);
  if (hb === undefined) return false;
  if (ha === undefined) return true;
  if (hb !== ha) return hb > ha;
  // Equal stamps only come from one node at one instant; break ties by value anyway.
  return registerValue(table, b, register) > registerValue(table, a, register);
}

/** Merges two states of the same record. */
export function mergeRecordStates(table: SyncTable, a: RecordState, b: RecordState): RecordState {
  const data: Record<string, unknown> = {};
  const hlc: Record<string, string> = {};
  const registers = new Set([...Object.keys(a.hlc), ...Object.keys(b.hlc)]);
  for (const register of registers) {
    const winner = wins(table, a, b, register) ? b : a;
    setOwn(hlc, register, own(winner.hlc, register)!);
    for (const f of table.fieldsOf(register)) {
      if (Object.hasOwn(winner.data, f)) setOwn(data, f, winner.data[f]);
    }
  }
  let deleted = a.deleted;
  let deletedHlc = a.deletedHlc;
  if (b.deletedHlc !== null) {
    if (
      deletedHlc === null ||
      b.deletedHlc > deletedHlc ||
      (b.deletedHlc === deletedHlc && b.deleted && !deleted) // tie: delete wins
    ) {
      deleted = b.deleted;
      deletedHlc = b.deletedHlc;
    }
  }
  return { data, hlc, deleted, deletedHlc };
}

/**
 * `mergeRecordStates(table, EMPTY_RECORD_STATE, b)` without the comparisons: against nothing
 * every register of `b` wins. (A first download stores 100,000 records this way.)
 */
export function adoptRecordState(table: SyncTable, b: RecordState): RecordState {
  const data: Record<string, unknown> = {};
  const hlc: Record<string, string> = {};
  for (const register of Object.keys(b.hlc)) {
    setOwn(hlc, register, b.hlc[register]!);
    for (const f of table.fieldsOf(register)) {
      if (Object.hasOwn(b.data, f)) setOwn(data, f, b.data[f]);
    }
  }
  return b.deletedHlc === null
    ? { data, hlc, deleted: false, deletedHlc: null }
    : { data, hlc, deleted: b.deleted, deletedHlc: b.deletedHlc };
}

/** Structural equality of two states (for "did anything change?"). */
export function recordStatesEqual(a: RecordState, b: RecordState): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Whether `outer` already holds everything `inner` knows: every register of `inner` at the
 * same or a later stamp, and its delete or restore. (After HQ restored a backup, a laptop
 * sends back each record whose local state HQ's does not contain.)
 */
export function stateContains(outer: RecordState, inner: RecordState): boolean {
  for (const [register, stamp] of Object.entries(inner.hlc)) {
    const o = own(outer.hlc, register);
    if (o === undefined || o < stamp) return false;
  }
  if (inner.deletedHlc === null) return true;
  if (outer.deletedHlc === null || outer.deletedHlc < inner.deletedHlc) return false;
  return outer.deletedHlc > inner.deletedHlc || outer.deleted === inner.deleted || outer.deleted;
}

/**
 * A record's whole state as one mutation's changes (the inverse of changesToState): every
 * field with its register's stamp, and the delete or restore.
 */
export function stateToChanges(
  table: SyncTable,
  state: RecordState,
): { fields: Record<string, [unknown, string]>; deleted?: [boolean, string] } {
  const fields: Record<string, [unknown, string]> = {};
  for (const [register, stamp] of Object.entries(state.hlc)) {
    // A group travels whole: a member the record lacks is sent as null (absent).
    for (const f of table.fieldsOf(register))
      setOwn(fields, f, [own(state.data, f) ?? null, stamp]);
  }
  return state.deletedHlc === null
    ? { fields }
    : { fields, deleted: [state.deleted, state.deletedHlc] };
}

/** One mutation's field changes: field -> [value, hlc]. */
export type FieldChanges = Readonly<Record<string, readonly [unknown, string]>>;

export type ChangeShapeError = { code: 'group_incomplete' | 'reserved_field'; field: string };

/**
 * Turns a mutation (field -> [value, hlc], optional delete/restore) into a partial
 * record state. A group's fields must all be present with one HLC, so a register
 * is always replaced whole.
 */
export function changesToState(
  table: SyncTable,
  fields: FieldChanges,
  deleted?: readonly [boolean, string],
): RecordState | ChangeShapeError {
  const data: Record<string, unknown> = {};
  const hlc: Record<string, string> = {};
  for (const [field, [value, stamp]] of Object.entries(fields)) {
    if (field === 'id' || field.startsWith('_')) return { code: 'reserved_field', field };
    const register = table.registerOf(field);
    const seen = own(hlc, register);
    if (seen !== undefined && seen !== stamp) return { code: 'group_incomplete', field };
    setOwn(hlc, register, stamp);
    setOwn(data, field, value);
  }
  for (const register of Object.keys(hlc)) {
    for (const f of table.fieldsOf(register)) {
      if (!Object.hasOwn(data, f)) return { code: 'group_incomplete', field: f };
    }
  }
  return {
    data,
    hlc,
    deleted: deleted ? deleted[0] : false,
    deletedHlc: deleted ? deleted[1] : null,
  };
}

export function isChangeShapeError(x: RecordState | ChangeShapeError): x is ChangeShapeError {
  return 'code' in x;
}

/** Every HLC in a state (for drift checks). */
export function statesHlcs(state: RecordState): string[] {
  const out = Object.values(state.hlc);
  if (state.deletedHlc !== null) out.push(state.deletedHlc);
  return out;
}
