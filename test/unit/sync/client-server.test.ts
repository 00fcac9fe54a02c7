import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  SYNC_STATE,
  TOMBSTONES,
  REJECTED,
  OUTBOX,
  SyncEngine,
  SyncRunner,
  backoffDelay,
  createHttpTransport,
  createSyncMiddleware,
  type SyncTransport,
} from '../../../src-renderer/src/sync';
import { SyncRequestError } from '../../../src-renderer/src/sync/transport';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { rotateEpoch } from '../../../src-hq/repositories/offices';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { SYNC_TEST_TABLES, createTableRegistry } from '@shared/sync/tables';
import {
  TEST_STORES,
  createLaptop,
  injectFetch,
  openLaptopDb,
  sentHeaders,
  visibleRows,
} from './laptop';

const T0 = 1_800_000_000_000;

describe('client engine against a real HQ server (SQLite)', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  let serverNow = T0;
  const app = (): FastifyInstance => server.app;

  beforeEach(async () => {
    serverNow = T0;
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { now: () => serverNow });
  });
  afterEach(async () => {
    await server.app.close();
    await env.cleanup();
  });

  async function laptop(
    name: string,
    office: string | null,
    opts: Parameters<typeof createLaptop>[3] = {},
  ) {
    const { auth } = await server.enroll(office, name);
    return createLaptop(name, auth.slice('Bearer '.length), app, { startMs: T0, ...opts });
  }

  it('two laptops of one office converge, keep edits to different fields, and see nothing of another office', async () => {
    const a = await laptop('tokyo-1', 'tokyo');
    const b = await laptop('tokyo-2', 'tokyo');
    const s = await laptop('shanghai-1', 'shanghai');
    await a.db
      .table('test_notes')
      .add({ id: 'n1', officeId: 'tokyo', text: 'hello', color: 'red' });
    await a.db.table('test_firms').add({ id: 'f1', name: 'Gyeongnam Foods' });
    await s.db.table('test_notes').add({ id: 's1', officeId: 'shanghai', text: 'secret' });
    await a.engine.sync();
    await s.engine.sync();
    await b.engine.sync();
    expect(await visibleRows(b.db, 'test_notes')).toEqual([
      { id: 'n1', officeId: 'tokyo', text: 'hello', color: 'red' },
    ]);
    // Offline edits to different fields of the same record both survive.
    a.clock.now += 1000;
    b.clock.now += 2000;
    await a.db.table('test_notes').update('n1', { text: 'hello from A' });
    await b.db.table('test_notes').update('n1', { color: 'blue' });
    await b.engine.sync();
    await a.engine.sync();
    await b.engine.sync();
    const expected = [{ id: 'n1', officeId: 'tokyo', text: 'hello from A', color: 'blue' }];
    expect(await visibleRows(a.db, 'test_notes')).toEqual(expected);
    expect(await visibleRows(b.db, 'test_notes')).toEqual(expected);
    // Shared data reaches every office; office data does not.
    await s.engine.sync();
    expect(await visibleRows(s.db, 'test_firms')).toEqual([{ id: 'f1', name: 'Gyeongnam Foods' }]);
    expect(await visibleRows(s.db, 'test_notes')).toEqual([
      { id: 's1', officeId: 'shanghai', text: 'secret' },
    ]);
    expect((await visibleRows(a.db, 'test_notes')).map((r) => r.id)).toEqual(['n1']);
    expect(await a.engine.pendingCount()).toBe(0);
    // HQ sees both offices.
    const hqLaptop = await laptop('hq-1', null);
    await hqLaptop.engine.sync();
    expect((await visibleRows(hqLaptop.db, 'test_notes')).map((r) => r.id)).toEqual(['n1', 's1']);
  });

  it('delete wins over a concurrent edit on every laptop', async () => {
    const a = await laptop('a', 'tokyo');
    const b = await laptop('b', 'tokyo');
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'x' });
    await a.engine.sync();
    await b.engine.sync();
    a.clock.now += 1000;
    b.clock.now += 5000; // B's edit is even later than A's delete
    await a.db.table('test_notes').delete('n1');
    await b.db.table('test_notes').update('n1', { text: 'edited' });
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    expect(await a.db.table('test_notes').count()).toBe(0);
    expect(await b.db.table('test_notes').count()).toBe(0);
  });

  it('purges old tombstones on the laptop, but never one whose delete is unsent', async () => {
    const a = await laptop('a', 'tokyo');
    const notes = a.db.table('test_notes');
    await notes.bulkAdd([
      { id: 'old', officeId: 'tokyo', text: 'x' },
      { id: 'unsent', officeId: 'tokyo', text: 'y' },
    ]);
    await notes.delete('old');
    await a.engine.sync();
    await notes.delete('unsent'); // stays in the outbox
    a.clock.now += 91 * 24 * 3600_000;
    expect(await a.engine.purgeTombstones()).toBe(1);
    const left = await a.db.table(TOMBSTONES).toArray();
    expect(left.map((t: { id: string }) => t.id)).toEqual(['unsent']);
  });

  it('a lost ack causes a resend that HQ skips; nothing is lost or doubled', async () => {
    let dropAcks = 1;
    const a = await laptop('a', 'tokyo', {
      wrapTransport: (t): SyncTransport => ({
        pull: (r) => t.pull(r),
        push: async (r) => {
          const res = await t.push(r);
          if (dropAcks-- > 0) throw new SyncRequestError(0, 'network_error', 'connection reset');
          return res;
        },
      }),
    });
    await a.db.table('test_notes').bulkAdd([
      { id: 'n1', officeId: 'tokyo', text: '1' },
      { id: 'n2', officeId: 'tokyo', text: '2' },
    ]);
    await expect(a.engine.sync()).rejects.toThrow('connection reset');
    expect(await a.engine.pendingCount()).toBe(2); // one outbox row per record
    const seqBefore = await env.hq.db
      .selectFrom('offices')
      .select('next_seq')
      .where('id', '=', 'tokyo')
      .executeTakeFirstOrThrow();
    await a.engine.sync();
    expect(await a.engine.pendingCount()).toBe(0);
    const seqAfter = await env.hq.db
      .selectFrom('offices')
      .select('next_seq')
      .where('id', '=', 'tokyo')
      .executeTakeFirstOrThrow();
    expect(seqAfter.next_seq).toBe(seqBefore.next_seq);
  });

  it('a profile restored from a copy re-sends its changes under a new client id', async () => {
    const a = await laptop('restored', 'tokyo');
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'first' });
    await a.engine.sync();
    const oldClient = await a.engine.clientId();
    // HQ saw higher mutation ids from this client id than this copy of the profile knows.
    await env.hq.db.updateTable('clients').set({ last_mutation_id: 10_000_000 }).execute();
    await a.db.table('test_notes').update('n1', { text: 'after restore' });
    await a.engine.sync();
    expect(await a.engine.clientId()).not.toBe(oldClient);
    expect(await a.engine.pendingCount()).toBe(0);
    const row = await env.hq.db
      .selectFrom('records')
      .select('data')
      .where('id', '=', 'n1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).text).toBe('after restore');
  });

  it('pushes in batches at the size boundary and pulls in pages', async () => {
    for (const n of [4, 5, 6]) {
      const a = await laptop(`a${n}`, 'losangeles', { pushMaxChanges: 5, pullLimit: 5 });
      for (let i = 0; i < n; i++)
        await a.db
          .table('test_notes')
          .add({ id: `x${n}-${i}`, officeId: 'losangeles', text: String(i) });
      const stats = await a.engine.sync();
      expect(stats.pushRequests).toBe(n > 5 ? 2 : 1);
      expect(await a.engine.pendingCount()).toBe(0);
    }
    // One bulk write = one outbox row, pushed in slices and acked part by part.
    const bulk = await laptop('bulk', 'losangeles', { pushMaxChanges: 5 });
    await bulk.db.table('test_notes').bulkAdd(
      Array.from({ length: 12 }, (_, i) => ({
        id: `bulk-${i}`,
        officeId: 'losangeles',
        text: String(i),
      })),
    );
    expect(await bulk.db.table(OUTBOX).count()).toBe(1);
    expect(await bulk.engine.pendingCount()).toBe(12);
    await bulk.engine.pushBatch();
    expect(await bulk.engine.pendingCount()).toBe(7);
    const bulkStats = await bulk.engine.sync();
    expect(bulkStats.pushRequests).toBe(2);
    expect(await bulk.engine.pendingCount()).toBe(0);
    expect(await bulk.db.table(OUTBOX).count()).toBe(0);
    const fresh = await laptop('fresh', 'losangeles', { pullLimit: 5 });
    const stats = await fresh.engine.sync();
    expect(await fresh.db.table('test_notes').count()).toBe(27);
    // 27 rows in pages of 5: 6 pages (the last page says more=false, no extra round trip).
    expect(stats.pullRequests).toBe(6);
  });

  it('a crash while applying a pull page keeps neither its rows nor its cursor', async () => {
    const a = await laptop('a', 'tokyo');
    const b = await laptop('b', 'tokyo');
    await a.db.table('test_notes').bulkAdd([
      { id: 'n1', officeId: 'tokyo', text: '1' },
      { id: 'n2', officeId: 'tokyo', text: '2' },
    ]);
    await a.engine.sync();
    // Crash on the second write of B's apply (after one row is written).
    let writes = 0;
    let armed = false;
    b.db.use({
      stack: 'dbcore',
      name: 'crash',
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return {
            ...t,
            mutate: (req) => {
              if (
                armed &&
                (name === 'test_notes' || name === SYNC_STATE) &&
                req.type === 'put' &&
                ++writes === 2
              ) {
                return Promise.reject(new Error('simulated crash'));
              }
              return t.mutate(req);
            },
          };
        },
      }),
    });
    await b.engine.clientId();
    armed = true;
    await expect(b.engine.pullAll()).rejects.toThrow('simulated crash');
    expect(await b.db.table('test_notes').count()).toBe(0);
    expect(await b.engine.readCursors()).toEqual({});
    await b.engine.pullAll();
    expect((await visibleRows(b.db, 'test_notes')).map((r) => r.id)).toEqual(['n1', 'n2']);
  });

  it('sets aside a change HQ refuses for good, and keeps syncing the rest', async () => {
    const a = await laptop('a', 'tokyo');
    await a.db.table('test_notes').add({ id: 'ok1', officeId: 'tokyo', text: 'fine' });
    await a.db.table('test_notes').add({ id: 'bad', officeId: 'shanghai', text: 'wrong office' });
    await a.db.table('test_notes').add({ id: 'ok2', officeId: 'tokyo', text: 'fine too' });
    const stats = await a.engine.sync();
    expect(stats.rejected).toBe(1);
    expect(await a.engine.pendingCount()).toBe(0);
    const rejected = await a.db.table(REJECTED).toArray();
    expect(rejected.map((r) => [r.mutation.id, r.code])).toEqual([['bad', 'office_forbidden']]);
    const b = await laptop('b', 'tokyo');
    await b.engine.sync();
    expect((await visibleRows(b.db, 'test_notes')).map((r) => r.id)).toEqual(['ok1', 'ok2']);
  });

  it('keeps changes to a table HQ does not know yet (HQ older than the app) and retries', async () => {
    const { auth } = await server.enroll('tokyo', 'newer app');
    const registry = createTableRegistry([
      ...SYNC_TEST_TABLES,
      { name: 'test_extra', scope: 'office' },
    ]);
    const db = new Dexie('newer-app', { indexedDB: new IDBFactory(), IDBKeyRange });
    db.version(1).stores({ ...TEST_STORES, test_extra: 'id' });
    db.use(createSyncMiddleware({ registry }));
    const engine = new SyncEngine({
      db,
      registry,
      transport: createHttpTransport({
        baseUrl: 'http://hq.test',
        credential: auth.slice(7),
        fetch: injectFetch(app),
      }),
    });
    await db.table('test_extra').add({ id: 'x1', officeId: 'tokyo', v: 1 });
    await db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'behind it' });
    const err = await engine.sync().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unknown_table', retryable: true });
    expect(await engine.pendingCount()).toBe(2);
    expect(await engine.rejected()).toEqual([]);
  });

  it('after HQ went back to a backup without a record, keeps it and sends it again with the unsent edits', async () => {
    const a = await laptop('a', 'tokyo');
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'synced' });
    await a.engine.sync();
    // HQ loses n1 (restored from an old backup) and announces a new epoch.
    await env.hq.db.deleteFrom('records').execute();
    await rotateEpoch(env.hq.db, 'tokyo');
    await a.db.table('test_notes').add({ id: 'n2', officeId: 'tokyo', text: 'unsent' });
    await a.engine.pullAll();
    expect((await visibleRows(a.db, 'test_notes')).map((r) => r.id)).toEqual(['n1', 'n2']);
    await a.engine.sync();
    expect(await a.engine.pendingCount()).toBe(0);
    const rows = await env.hq.db.selectFrom('records').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(['n1', 'n2']);
  });

  it('behind the tombstone horizon, drops its copy except unsent edits (no resurrected deletes)', async () => {
    const a = await laptop('a', 'tokyo');
    const b = await laptop('b', 'tokyo');
    await a.db.table('test_notes').bulkAdd([
      { id: 'n1', officeId: 'tokyo', text: 'one' },
      { id: 'n2', officeId: 'tokyo', text: 'two' },
    ]);
    await a.engine.sync();
    await b.engine.sync();
    // a deletes n1; HQ purges the tombstone before b ever hears of it.
    a.clock.now += 1000;
    await a.db.table('test_notes').delete('n1');
    await a.engine.sync();
    serverNow += 91 * 24 * 3600_000;
    await env.hq.db
      .updateTable('offices')
      .set({ horizon_seq: 99 })
      .where('id', '=', 'tokyo')
      .execute();
    await env.hq.db.deleteFrom('records').where('id', '=', 'n1').execute();
    await b.db.table('test_notes').add({ id: 'n3', officeId: 'tokyo', text: 'unsent' });
    await b.engine.pullAll();
    expect((await visibleRows(b.db, 'test_notes')).map((r) => r.id)).toEqual(['n2', 'n3']);
    await b.engine.sync();
    const rows = await env.hq.db.selectFrom('records').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(['n2', 'n3']);
  });

  it('refuses to push when HQ says the clock is far ahead, and succeeds once time catches up', async () => {
    const a = await laptop('a', 'tokyo');
    a.clock.now = T0 + 10 * 60_000;
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'from the future' });
    await expect(a.engine.sync()).rejects.toMatchObject({ code: 'clock_ahead' });
    expect(await a.engine.pendingCount()).toBe(1);
    const runner = new SyncRunner({ engine: a.engine });
    await runner.syncNow();
    expect(runner.getStatus()).toMatchObject({
      phase: 'error',
      lastErrorCode: 'clock_ahead',
      clockDrift: true,
    });
    runner.stop();
    serverNow = T0 + 6 * 60_000;
    await a.engine.sync();
    expect(await a.engine.pendingCount()).toBe(0);
    // Still 4 minutes ahead: accepted, but the banner shows.
    const after = new SyncRunner({ engine: a.engine });
    await after.syncNow();
    expect(after.getStatus()).toMatchObject({
      phase: 'idle',
      clockDrift: true,
      clockOffsetMs: -4 * 60_000,
    });
  });

  it('a revoked laptop stops with device_revoked and keeps its outbox', async () => {
    const { auth, deviceId } = await server.enroll('tokyo', 'lost laptop');
    const a = createLaptop('lost', auth.slice(7), app, { startMs: T0 });
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'x' });
    const { revokeDevice } = await import('../../../src-hq/repositories/devices');
    await revokeDevice(env.hq.db, deviceId);
    const statuses: string[] = [];
    const runner = new SyncRunner({
      engine: a.engine,
      onStatus: (s) => statuses.push(`${s.phase}:${s.lastErrorCode}`),
    });
    expect(await runner.syncNow()).toBeNull();
    expect(runner.getStatus()).toMatchObject({
      phase: 'blocked',
      lastErrorCode: 'device_revoked',
      pending: 1,
      oldestPendingAt: T0,
    });
    expect(await a.db.table(OUTBOX).count()).toBe(1);
  });

  it('keeps push batches under the byte limit and gzips big bodies', async () => {
    const a = await laptop('big', 'tokyo');
    const big = 'x'.repeat(400 * 1024);
    for (let i = 0; i < 4; i++) {
      await a.db.table('test_notes').add({ id: `big-${i}`, officeId: 'tokyo', text: `${i}${big}` });
    }
    sentHeaders.length = 0;
    const stats = await a.engine.sync();
    expect(stats.pushRequests).toBe(2); // 2 x 400 KiB per request stays under 1 MiB
    expect(await a.engine.pendingCount()).toBe(0);
    const pushes = sentHeaders.filter((h) => h['content-encoding'] === 'gzip');
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    const rows = await env.hq.db.selectFrom('records').select('id').execute();
    expect(rows).toHaveLength(4);
  });
});

describe('sync runner', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(20, 1000, 60_000, () => 0)).toBe(30_000);
  });

  it('runs one cycle at a time and yields when another window holds the lock', async () => {
    const db = openLaptopDb('runner', { factory: new IDBFactory() });
    let pulls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { SyncEngine } = await import('../../../src-renderer/src/sync');
    const { CLIENT_REGISTRY } = await import('./laptop');
    const engine = new SyncEngine({
      db,
      registry: CLIENT_REGISTRY,
      transport: {
        push: async () => ({ lastMutationId: 0, applied: 0, serverTime: 0 }),
        pull: async () => {
          pulls++;
          await gate;
          return { partitions: [], more: false, lastMutationId: 0, serverTime: 0 };
        },
      },
    });
    const runner = new SyncRunner({ engine });
    const first = runner.syncNow();
    const second = runner.syncNow();
    expect(second).toBe(first);
    release();
    await first;
    expect(pulls).toBe(1);
    const busyLocks = {
      request: async (_n: string, _o: unknown, cb: (l: unknown) => Promise<unknown>) => cb(null),
    };
    const other = new SyncRunner({ engine, locks: busyLocks as never });
    expect(await other.syncNow()).toBeNull();
    expect(pulls).toBe(1);
  });
});
