/**
 * The change log of the tables a persisted cache derives from (the CRM index
 * snapshot: buyers, contacts, trade talks). Every write to one of them adds a
 * row to `_changeLog` IN THE SAME IndexedDB transaction: the keys it wrote, or
 * `all` for a range delete (a wipe). A cache saved "as of log seq S" is then
 * exactly as fresh as the data once the entries after S are applied, whoever
 * wrote them (this window through the sync middleware, the pull worker through
 * its own Dexie handle, another window) and whether or not anyone listened.
 *
 * A write that clears a logged table (a wipe, an unlink) also clears `_caches`
 * in the same transaction: a cache never outlives the data it was built from.
 *
 * Installed as a DBCore middleware below the sync outbox middleware, so it sees
 * every write that reaches IndexedDB, including the pull's (marked remote).
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';

export const CHANGE_LOG = '_changeLog';
/** Persisted derived caches (one row per key), wiped with the logged tables. */
export const CACHES = '_caches';
/** The tables whose writes are logged (the CRM index snapshot derives from them). */
export const LOGGED_TABLES: readonly string[] = ['buyers', 'contacts', 'tradeTalks'];

/** Dexie store specs of schema version 8. */
export const CHANGE_LOG_STORES: Readonly<Record<string, string>> = {
  [CHANGE_LOG]: '++seq',
  [CACHES]: 'key',
};

export interface ChangeLogEntry {
  seq?: number;
  tbl: string;
  /** The primary keys written (put or deleted). */
  keys?: string[];
  /** A range was deleted (a clear): every row of the table may have changed. */
  all?: true;
}

function keysOf(req: DBCoreMutateRequest): string[] | null {
  if (req.type === 'deleteRange') return null;
  if (req.type === 'delete') {
    return req.keys.every((k) => typeof k === 'string') ? (req.keys as string[]) : null;
  }
  const keys: string[] = [];
  for (let i = 0; i < req.values.length; i++) {
    const key: unknown = req.keys?.[i] ?? (req.values[i] as { id?: unknown } | undefined)?.id;
    if (typeof key !== 'string') return null;
    keys.push(key);
  }
  return keys;
}

export function createChangeLogMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'BridgeheadChangeLog',
    // Below the sync middleware (-10): sees the pull's writes too.
    level: -20,
    create(down) {
      const names = new Set(down.schema.tables.map((t) => t.name));
      // A database from before version 8 (or a test schema without the stores): nothing to log.
      if (!names.has(CHANGE_LOG) || !names.has(CACHES)) return down;
      const logged = new Set(LOGGED_TABLES.filter((t) => names.has(t)));
      const log = (trans: DBCoreTransaction, entry: ChangeLogEntry) =>
        down.table(CHANGE_LOG).mutate({ type: 'add', trans, values: [entry] });
      return {
        ...down,
        transaction(stores, mode, options) {
          const touches = mode === 'readwrite' && stores.some((s) => logged.has(s));
          return down.transaction(
            touches ? [...new Set([...stores, CHANGE_LOG, CACHES])] : stores,
            mode,
            options,
          );
        },
        table(name) {
          const table: DBCoreTable = down.table(name);
          if (!logged.has(name)) return table;
          return {
            ...table,
            mutate: async (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => {
              const res = await table.mutate(req);
              const keys = keysOf(req);
              if (keys === null) {
                await log(req.trans, { tbl: name, all: true });
                // The data went: so do the caches built from it (same transaction).
                await down.table(CACHES).mutate({
                  type: 'deleteRange',
                  trans: req.trans,
                  // Dexie's own AnyRange (Table.clear()).
                  range: {
                    type: 3,
                    lower: -Infinity,
                    lowerOpen: false,
                    upper: [[]],
                    upperOpen: false,
                  },
                } as DBCoreMutateRequest);
              } else if (keys.length) {
                await log(req.trans, { tbl: name, keys });
              }
              return res;
            },
          };
        },
      };
    },
  };
}
