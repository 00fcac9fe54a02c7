/**
 * The pull worker's work without the worker: its handler over fake-indexeddb (a Dexie
 * handle opened without a schema and without the outbox middleware, on the laptop's
 * database), and the page's client of the worker over a fake Worker.
 */
import { dataKey } from '../../../src-renderer/src/data/encryption/data-key';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie, { type ObservabilitySet } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { FastifyInstance } from 'fastify';
import { OUTBOX, TOMBSTONES } from '../../../src-renderer/src/sync';
import { createPullHandler } from '../../../src-renderer/src/sync/pull-worker-handler';
import {
  PullWorkerClient,
  PullWorkerFailure,
  PullWorkerUnavailableError,
} from '../../../src-renderer/src/sync/pull-worker-client';
import type {
  PullWorkerReply,
  PullWorkerRequest,
} from '../../../src-renderer/src/sync/pull-worker-protocol';
import { SyncRequestError } from '../../../src-renderer/src/sync/transport';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { CLIENT_REGISTRY, createLaptop, injectFetch, openLaptopDb, visibleRows } from './laptop';

const T0 = 1_800_000_000_000;
const TABLES = CLIENT_REGISTRY.tables.map((t) => ({
  name: t.name,
  scope: t.scope,
  ...(t.fieldGroups ? { fieldGroups: t.fieldGroups } : {}),
  ...(t.nullable ? { nullable: t.nullable } : {}),
}));

describe('pull worker handler (fake-indexeddb, real HQ)', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  const app = (): FastifyInstance => server.app;

  beforeEach(async () => {
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { now: () => T0 });
  });
  afterEach(async () => {
    await server.app.close();
    await env.cleanup();
  });

  it('pulls into the laptop database through its own handle, recording nothing in the outbox', async () => {
    const a = createLaptop('a', (await server.enroll('tokyo', 'a')).auth.slice(7), app, {
      startMs: T0,
    });
    await a.db
      .table('test_notes')
      .bulkAdd(
        Array.from({ length: 5 }, (_, i) => ({ id: `n${i}`, officeId: 'tokyo', text: `${i}` })),
      );
    await a.db.table('test_notes').delete('n4');
    await a.db.table('test_firms').add({ id: 'f1', name: 'Gyeongnam Foods' });
    await a.engine.sync();

    // Laptop b: the page's handle (schema + outbox middleware) and the worker's (neither).
    const factory = new IDBFactory();
    const page = openLaptopDb('laptop-b', { factory });
    await page.open();
    const handle = createPullHandler({
      openDb: (name) => new Dexie(name, { indexedDB: factory, IDBKeyRange }),
      fetch: injectFetch(app),
    });
    const request: PullWorkerRequest = {
      type: 'pullAll',
      id: 1,
      dbName: 'laptop-b',
      baseUrl: 'http://hq.test',
      credential: (await server.enroll('tokyo', 'b')).auth.slice(7),
      dataKey: dataKey(),
      tables: TABLES,
      pullLimit: 2,
    };
    const reply = await handle(request);
    expect(reply).toMatchObject({ type: 'done', id: 1, stats: { pulledRows: 6 } });
    expect(await visibleRows(page, 'test_notes')).toEqual(await visibleRows(a.db, 'test_notes'));
    expect(await visibleRows(page, 'test_firms')).toEqual([{ id: 'f1', name: 'Gyeongnam Foods' }]);
    expect((await page.table(TOMBSTONES).toArray()).map((t) => t.id)).toEqual(['n4']);
    // The worker's handle seals like the app's (issue 14): this test's page handle has no
    // encryption layer, so it sees the tombstone's record values sealed.
    const [tomb] = await page.table(TOMBSTONES).toArray();
    expect(tomb).not.toHaveProperty('state');
    expect(tomb._enc).toBeInstanceOf(Uint8Array);
    expect(await page.table(OUTBOX).count()).toBe(0);

    // An edit in the page afterwards is recorded as usual, and a second pull reuses the handle.
    await page.table('test_notes').update('n0', { text: 'edited on b' });
    expect(await page.table(OUTBOX).count()).toBe(1);
    expect(await handle({ ...request, id: 2 })).toMatchObject({
      type: 'done',
      stats: { pulledRows: 0 },
    });
    expect((await page.table('test_notes').get('n0')).text).toBe('edited on b');
  });

  it('writes each page in one put per table and names the keys it wrote in the change set the page hears', async () => {
    const a = createLaptop('a', (await server.enroll('tokyo', 'a')).auth.slice(7), app, {
      startMs: T0,
    });
    const note = (i: number, text: string) => ({ id: `n${i}`, officeId: 'tokyo', text });
    await a.db.table('test_notes').bulkAdd(Array.from({ length: 120 }, (_, i) => note(i, 'v1')));
    await a.db.table('test_notes').delete('n119');
    await a.engine.sync();

    const factory = new IDBFactory();
    const page = openLaptopDb('laptop-c', { factory });
    await page.open();
    // The worker's handle, counting the put requests that reach IndexedDB.
    const puts: number[] = [];
    const handle = createPullHandler({
      openDb: (name) => {
        const db = new Dexie(name, { indexedDB: factory, IDBKeyRange });
        db.use({
          stack: 'dbcore',
          name: 'count-puts',
          create: (down) => ({
            ...down,
            table: (tbl) => {
              const table = down.table(tbl);
              return {
                ...table,
                mutate: (req) => {
                  if (tbl === 'test_notes' && req.type === 'put') puts.push(req.values.length);
                  return table.mutate(req);
                },
              };
            },
          }),
        });
        return db;
      },
      fetch: injectFetch(app),
    });
    const request: PullWorkerRequest = {
      type: 'pullAll',
      id: 1,
      dbName: 'laptop-c',
      baseUrl: 'http://hq.test',
      credential: (await server.enroll('tokyo', 'c')).auth.slice(7),
      dataKey: dataKey(),
      tables: TABLES,
    };
    // What Dexie reports for test_notes at each commit: point keys, or a range ("all").
    type Tree = { from?: unknown; to?: unknown; l?: Tree; r?: Tree };
    const heard: Array<{ keys: Set<string>; range: boolean }> = [];
    const listener = (parts: ObservabilitySet) => {
      const commit = { keys: new Set<string>(), range: false };
      const walk = (t: Tree) => {
        if (!('from' in t)) return;
        if (t.from === t.to && typeof t.from === 'string') commit.keys.add(t.from);
        else commit.range = true;
        if (t.l) walk(t.l);
        if (t.r) walk(t.r);
      };
      for (const index of ['', ':dels']) {
        const tree = parts[`idb://laptop-c/test_notes/${index}`];
        if (tree) walk(tree as Tree);
      }
      if (commit.keys.size || commit.range) heard.push(commit);
    };
    const ids = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `n${from + i}`).sort();
    Dexie.on('storagemutated', listener);
    try {
      // First download (a fresh table: written without reads).
      expect(await handle(request)).toMatchObject({ type: 'done', stats: { pulledRows: 120 } });
      expect(puts).toEqual([119]);
      expect(heard.map((c) => c.range)).toEqual([false]);
      expect([...heard[0]!.keys].sort()).toEqual(ids(0, 120));

      // Incremental, nothing unsent (written over the local copies).
      heard.length = puts.length = 0;
      a.clock.now += 1000;
      await a.db.table('test_notes').bulkPut(Array.from({ length: 60 }, (_, i) => note(i, 'v2')));
      await a.engine.sync();
      expect(await handle({ ...request, id: 2 })).toMatchObject({ stats: { pulledRows: 60 } });
      expect(puts).toEqual([60]);
      expect(heard.map((c) => c.range)).toEqual([false]);
      expect([...heard[0]!.keys].sort()).toEqual(ids(0, 60));

      // An edit waiting on this laptop: the page is merged (read first), still one put.
      await page.table('test_notes').update('n100', { text: 'edited on c' });
      heard.length = puts.length = 0;
      a.clock.now += 1000;
      await a.db.table('test_notes').bulkPut(Array.from({ length: 55 }, (_, i) => note(i, 'v3')));
      await a.engine.sync();
      expect(await handle({ ...request, id: 3 })).toMatchObject({ stats: { pulledRows: 55 } });
      expect(puts).toEqual([55]);
      expect(heard.map((c) => c.range)).toEqual([false]);
      expect([...heard[0]!.keys].sort()).toEqual(ids(0, 55));

      // The bench's A/B of the old path: requests of at most 49 rows, same keys named.
      heard.length = puts.length = 0;
      a.clock.now += 1000;
      await a.db.table('test_notes').bulkPut(Array.from({ length: 60 }, (_, i) => note(i, 'v4')));
      await a.engine.sync();
      expect(await handle({ ...request, id: 4, pullPutRows: 49 })).toMatchObject({
        stats: { pulledRows: 60 },
      });
      expect(puts).toEqual([49, 11]);
      expect([...heard.flatMap((c) => [...c.keys])].sort()).toEqual(ids(0, 60));
    } finally {
      Dexie.on.storagemutated.unsubscribe(listener);
    }
    expect((await page.table('test_notes').get('n54')).text).toBe('v4');
    expect((await page.table('test_notes').get('n100')).text).toBe('edited on c');
    expect(await page.table('test_notes').get('n119')).toBeUndefined();
  });

  it('answers a refusal by HQ with its status and code', async () => {
    const { auth, deviceId } = await server.enroll('tokyo', 'lost laptop');
    const { revokeDevice } = await import('../../../src-hq/repositories/devices');
    await revokeDevice(env.hq.db, deviceId);
    const factory = new IDBFactory();
    const page = openLaptopDb('lost', { factory });
    await page.open();
    const handle = createPullHandler({
      openDb: (name) => new Dexie(name, { indexedDB: factory, IDBKeyRange }),
      fetch: injectFetch(app),
    });
    const reply = await handle({
      type: 'pullAll',
      id: 7,
      dbName: 'lost',
      baseUrl: 'http://hq.test',
      credential: auth.slice(7),
      dataKey: dataKey(),
      tables: TABLES,
    });
    expect(reply).toMatchObject({
      type: 'error',
      id: 7,
      error: { kind: 'request', status: 401, code: 'device_revoked' },
    });
  });
});

/** A Worker double: records posted requests; the test answers them. */
class FakeWorker {
  posted: PullWorkerRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<PullWorkerReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(msg: PullWorkerRequest) {
    this.posted.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg: PullWorkerReply) {
    this.onmessage?.({ data: msg } as MessageEvent<PullWorkerReply>);
  }
}

describe('pull worker client (page side)', () => {
  const stats = { pushed: 0, pushRequests: 0, pulledRows: 3, pullRequests: 2, rejected: 0 };
  const req = {
    dbName: 'db',
    baseUrl: 'http://hq.test',
    credential: 'secret-credential-000000',
    dataKey: dataKey(),
    tables: TABLES,
  };

  it('resolves with the stats, and rebuilds HQ refusals as SyncRequestError', async () => {
    const fake = new FakeWorker();
    const client = new PullWorkerClient(fake as unknown as Worker);
    const ok = client.pullAll(req);
    fake.reply({
      type: 'done',
      id: fake.posted[0]!.id,
      stats,
      serverClockOffsetMs: 5,
      clockDriftDetected: false,
    });
    await expect(ok).resolves.toMatchObject({ stats, serverClockOffsetMs: 5 });

    const failed = client.pullAll(req);
    fake.reply({
      type: 'error',
      id: fake.posted[1]!.id,
      error: { kind: 'request', status: 401, code: 'device_revoked', message: 'revoked' },
      stats,
      serverClockOffsetMs: null,
      clockDriftDetected: false,
    });
    const e = await failed.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PullWorkerFailure);
    const cause = (e as PullWorkerFailure).error;
    expect(cause).toBeInstanceOf(SyncRequestError);
    expect(cause).toMatchObject({ status: 401, code: 'device_revoked', fatal: true });
    expect((e as PullWorkerFailure).partial.stats.pulledRows).toBe(3);
  });

  it('a worker that cannot start fails its calls as unavailable (the engine then pulls in the page)', async () => {
    const fake = new FakeWorker();
    const client = new PullWorkerClient(fake as unknown as Worker);
    const pending = client.pullAll(req);
    fake.onerror?.({ message: 'script failed', preventDefault: () => undefined } as ErrorEvent);
    await expect(pending).rejects.toBeInstanceOf(PullWorkerUnavailableError);
    await expect(client.pullAll(req)).rejects.toBeInstanceOf(PullWorkerUnavailableError);
    expect(fake.terminated).toBe(true);
  });
});
