/**
 * The encryption-at-rest middleware (issue 14): a Dexie DBCore layer under every other one
 * (the sync outbox, the change log), so what reaches IndexedDB is sealed whoever wrote it —
 * a repository, the outbox, the pull apply, the snapshot saver — and every read above it sees
 * plain values: repositories, transactions and the sync engine are unchanged.
 *
 * Sealing is synchronous (cipher.ts), so a write or read inside a transaction never awaits
 * anything but IndexedDB. A sealed row keeps its readable fields and carries the sealed ones
 * in `_enc` (store policy: policy.ts). Rows without `_enc` are returned as they are: a
 * database from before issue 14 reads while migrate.ts seals it.
 */
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { createValueCipher, type ValueCipher } from './cipher';
import { storePolicy, type StorePolicy } from './policy';
import type { SealingKeys } from './sealing-keys';

/** The field a sealed row keeps its sealed values in (`_`: sync metadata, never synced). */
export const SEALED_FIELD = '_enc';

export interface EncryptionOptions {
  key: Uint8Array;
  /** The database's replaceable keys (rotate.ts); else a cipher over `key`. */
  keys?: SealingKeys;
  /** false: reads return stored rows as they are (the migration reads raw rows). */
  openReads?: boolean;
}

type Row = Record<string, unknown>;

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nothing personal in it: left readable (an empty note is no secret, and costs no seal). */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

export interface RowSealer {
  seal(row: unknown): unknown;
  open(row: unknown): unknown;
  /** Whether a stored row still holds a value this store seals (not migrated yet). */
  needsSealing(row: unknown): boolean;
}

export function createRowSealer(name: string, policy: StorePolicy, cipher: ValueCipher): RowSealer {
  const sealedFieldsOf =
    policy.seal === 'fields'
      ? (row: Row): Row | null => {
          let sealed: Row | null = null;
          for (const f of policy.fields) {
            const v = row[f];
            if (!isEmpty(v)) (sealed ??= {})[f] = v;
          }
          return sealed;
        }
      : (row: Row): Row | null => {
          let sealed: Row | null = null;
          for (const f in row) {
            if (f === SEALED_FIELD || policy.keep.has(f)) continue;
            const v = row[f];
            if (v !== undefined) (sealed ??= {})[f] = v;
          }
          return sealed;
        };
  return {
    seal(row) {
      if (!isRow(row)) return row;
      const sealed = sealedFieldsOf(row);
      if (!sealed) return row;
      const out: Row = {};
      for (const f in row) if (!(f in sealed)) out[f] = row[f];
      out[SEALED_FIELD] = cipher.seal(name, sealed);
      return out;
    },
    open(row) {
      if (!isRow(row)) return row;
      const sealed = row[SEALED_FIELD];
      if (sealed === undefined) return row;
      const opened = cipher.open(name, sealed as Uint8Array) as Row;
      const out: Row = {};
      for (const f in row) if (f !== SEALED_FIELD) out[f] = row[f];
      for (const f in opened) out[f] = opened[f];
      return out;
    },
    needsSealing(row) {
      return isRow(row) && sealedFieldsOf(row) !== null;
    },
  };
}

/**
 * A cursor whose `value` is opened (once per position). A Proxy, not Object.create: Dexie's
 * IndexedDB cursor is the native IDBCursor, whose getters and methods refuse another `this`
 * ("Illegal invocation" in Chromium), so every other member is read from and bound to it.
 */
function openingCursor(cursor: DBCoreCursor, open: (row: unknown) => unknown): DBCoreCursor {
  let raw: unknown = open; // never a stored value
  let opened: unknown;
  const bound = new Map<PropertyKey, [unknown, unknown]>();
  return new Proxy(cursor, {
    get(target, prop) {
      if (prop === 'value') {
        const v: unknown = target.value;
        if (v !== raw) {
          raw = v;
          opened = open(v);
        }
        return opened;
      }
      const member: unknown = Reflect.get(target, prop, target);
      if (typeof member !== 'function') return member;
      const cached = bound.get(prop);
      if (cached && cached[0] === member) return cached[1];
      const fn = (member as (...args: unknown[]) => unknown).bind(target);
      bound.set(prop, [member, fn]);
      return fn;
    },
  });
}

export function createEncryptionMiddleware(options: EncryptionOptions): Middleware<DBCore> {
  const cipher = options.keys ?? createValueCipher(options.key);
  const openReads = options.openReads ?? true;
  return {
    stack: 'dbcore',
    name: 'BridgeheadEncryption',
    // Under the change log (-20) and the sync outbox (-10): their rows are sealed too.
    level: -30,
    create(down) {
      const tables = new Map<string, DBCoreTable>();
      const wrap = (table: DBCoreTable): DBCoreTable => {
        const policy = storePolicy(table.name, table.schema);
        if (!policy) return table;
        const sealer = createRowSealer(table.name, policy, cipher);
        const open = openReads ? sealer.open : (row: unknown) => row;
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) =>
            req.type === 'add' || req.type === 'put'
              ? table.mutate({ ...req, values: req.values.map(sealer.seal) })
              : table.mutate(req),
          get: (req) => table.get(req).then(open),
          getMany: (req) => table.getMany(req).then((rows) => rows.map(open)),
          query: (req) =>
            req.values
              ? table.query(req).then((res) => ({ ...res, result: res.result.map(open) }))
              : table.query(req),
          openCursor: (req) =>
            table
              .openCursor(req)
              .then((cursor) => (cursor && req.values ? openingCursor(cursor, open) : cursor)),
        };
      };
      return {
        ...down,
        table(name) {
          let table = tables.get(name);
          if (!table) {
            table = wrap(down.table(name));
            tables.set(name, table);
          }
          return table;
        },
      };
    },
  };
}
