/**
 * Simulated laptops for sync tests: each has its own fake IndexedDB (a fresh
 * IDBFactory), a device enrolled on a real in-process HQ server, and the real engine.
 */
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { FastifyInstance } from 'fastify';
import { SYNC_TEST_TABLES, createTableRegistry } from '@shared/sync/tables';
import {
  SYNC_META_STORES,
  SyncEngine,
  createHttpTransport,
  createSyncMiddleware,
  type SyncTransport,
} from '../../../src-renderer/src/sync';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';

export const CLIENT_REGISTRY = createTableRegistry(SYNC_TEST_TABLES);

export const TEST_STORES = {
  test_notes: 'id, officeId',
  test_bookings: 'id, officeId',
  test_firms: 'id',
  ...SYNC_META_STORES,
};

/** Every request the inject fetch sent (headers), for transport assertions. */
export const sentHeaders: Array<Record<string, string>> = [];

/** fetch() over fastify.inject: the real HTTP stack without sockets. */
export function injectFetch(getApp: () => FastifyInstance): FetchLike {
  return async (url, init) => {
    sentHeaders.push({ ...(init.headers as Record<string, string>) });
    if (sentHeaders.length > 50) sentHeaders.shift();
    const res = await getApp().inject({
      method: (init.method ?? 'GET') as 'POST',
      url: new URL(url).pathname,
      headers: init.headers as Record<string, string>,
      payload: typeof init.body === 'string' ? init.body : Buffer.from(init.body as Uint8Array),
    });
    return new Response(res.body, {
      status: res.statusCode,
      headers: { 'content-type': 'application/json' },
    });
  };
}

export function openLaptopDb(
  name: string,
  opts: { now?: () => number; factory?: IDBFactory } = {},
) {
  const db = new Dexie(name, { indexedDB: opts.factory ?? new IDBFactory(), IDBKeyRange });
  db.version(1).stores(TEST_STORES);
  db.use(
    createSyncMiddleware({ registry: CLIENT_REGISTRY, ...(opts.now ? { now: opts.now } : {}) }),
  );
  return db;
}

export interface Laptop {
  name: string;
  db: Dexie;
  engine: SyncEngine;
  clock: { now: number };
  transport: SyncTransport;
}

export function createLaptop(
  name: string,
  credential: string,
  getApp: () => FastifyInstance,
  opts: {
    startMs?: number;
    wrapTransport?: (t: SyncTransport) => SyncTransport;
    pullLimit?: number;
    pushMaxChanges?: number;
  } = {},
): Laptop {
  const clock = { now: opts.startMs ?? Date.now() };
  const now = () => clock.now;
  const db = openLaptopDb(name, { now });
  const base = createHttpTransport({
    baseUrl: 'http://hq.test',
    credential,
    fetch: injectFetch(getApp),
  });
  const transport = opts.wrapTransport ? opts.wrapTransport(base) : base;
  const engine = new SyncEngine({
    db,
    registry: CLIENT_REGISTRY,
    transport,
    now,
    ...(opts.pullLimit ? { pullLimit: opts.pullLimit } : {}),
    ...(opts.pushMaxChanges ? { pushMaxChanges: opts.pushMaxChanges } : {}),
  });
  return { name, db, engine, clock, transport };
}

/** Visible rows of a table without sync metadata, sorted by id. */
export async function visibleRows(db: Dexie, table: string) {
  const rows = await db.table(table).toArray();
  return rows
    .map((r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).filter(([k, v]) => !k.startsWith('_') && v !== null)),
    )
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}
