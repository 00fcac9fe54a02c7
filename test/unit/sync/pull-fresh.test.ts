/**
 * The fast paths of the pull, which must give the same results as the full merge: the
 * first download (tables holding only the run's own rows are written without reading),
 * incremental pulls with nothing unsent (HQ's state written over the local copies without
 * reading them), the page read-ahead, and a pull started from remembered cursors (a page
 * asked with cursors that moved meanwhile is dropped).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PullRequest } from '@shared/sync/protocol';
import Dexie, { type DBCore, type ObservabilitySet } from 'dexie';
import {
  OUTBOX,
  REJECTED,
  SyncEngine,
  TOMBSTONES,
  type SyncTransport,
} from '../../../src-renderer/src/sync';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { CLIENT_REGISTRY, createLaptop, visibleRows, type Laptop } from './laptop';

const T0 = 1_800_000_000_000;

describe('pull: first download without reads, read-ahead of the next page', () => {
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

  async function laptop(name: string, opts: Parameters<typeof createLaptop>[3] = {}) {
    const { auth } = await server.enroll('tokyo', name);
    return createLaptop(name, auth.slice('Bearer '.length), app, { startMs: T0, ...opts });
  }

  /** Laptops a and b of Tokyo, both holding note n1 (made on a, synced to both). */
  async function twoLaptopsSharing(note: Record<string, unknown>) {
    const a = await laptop('a');
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', ...note });
    await a.engine.sync();
    const b = await laptop('b');
    await b.engine.sync();
    return { a, b };
  }

  /** A transport that runs `before(n)` ahead of the n-th pull request (1-based). */
  const hooked =
    (before: (n: number, req: PullRequest) => Promise<void>) =>
    (t: SyncTransport): SyncTransport => {
      let n = 0;
      return {
        push: (r) => t.push(r),
        pull: async (r) => {
          await before(++n, r);
          return t.pull(r);
        },
      };
    };

  it('downloads in pages into empty tables, a record changed at HQ mid-download included', async () => {
    const a = await laptop('a');
    const notes = Array.from({ length: 7 }, (_, i) => ({
      id: `n${i}`,
      officeId: 'tokyo',
      text: `note ${i}`,
    }));
    await a.db.table('test_notes').bulkAdd(notes);
    await a.db.table('test_firms').add({ id: 'f1', name: 'Gyeongnam Foods' });
    await a.db.table('test_notes').delete('n6');
    await a.engine.sync();

    const requests: PullRequest[] = [];
    const b = await laptop('b', {
      pullLimit: 2,
      wrapTransport: hooked(async (n, req) => {
        requests.push(req);
        if (n === 3) {
          // HQ changes a record b already holds, and deletes one b holds: both come again.
          a.clock.now += 1000;
          await a.db.table('test_notes').update('n0', { text: 'changed at HQ' });
          await a.db.table('test_notes').delete('n1');
          await a.engine.sync();
        }
      }),
    });
    await b.engine.pullAll();
    await a.engine.sync();
    expect(await visibleRows(b.db, 'test_notes')).toEqual(await visibleRows(a.db, 'test_notes'));
    expect(await visibleRows(b.db, 'test_firms')).toEqual(await visibleRows(a.db, 'test_firms'));
    expect((await b.db.table('test_notes').get('n0')).text).toBe('changed at HQ');
    const tombs = (await b.db.table(TOMBSTONES).toArray()).map((t) => t.id).sort();
    expect(tombs).toEqual(['n1', 'n6']);
    expect(await b.db.table(OUTBOX).count()).toBe(0);
    // Each request carried the cursor of the page before it (read-ahead, no skips).
    for (let i = 1; i < requests.length; i++) {
      expect(requests[i]!.cursors.tokyo?.seq ?? 0).toBeGreaterThanOrEqual(
        requests[i - 1]!.cursors.tokyo?.seq ?? 0,
      );
    }
  });

  it('a record deleted and restored at HQ during the download ends live, without its tombstone', async () => {
    const a = await laptop('a');
    const note = (i: number) => ({ id: `n${i}`, officeId: 'tokyo', text: 't' });
    await a.db.table('test_notes').bulkAdd([0, 1, 2, 3, 4, 5].map(note));
    await a.db.table('test_notes').delete('n0');
    await a.db.table('test_notes').bulkAdd([6, 7].map(note));
    await a.engine.sync();
    // Pages of 2: [n1 n2] [n3 n4] [n5 n0-deleted] [n6 n7] then, restored meanwhile, [n0].
    const b = await laptop('b', {
      pullLimit: 2,
      wrapTransport: hooked(async (n) => {
        if (n === 4) {
          a.clock.now += 1000;
          await a.db.table('test_notes').put({ id: 'n0', officeId: 'tokyo', text: 'back' });
          await a.engine.sync();
        }
      }),
    });
    const stats = { pushed: 0, pushRequests: 0, pulledRows: 0, pullRequests: 0, rejected: 0 };
    await b.engine.pullAll(stats);
    expect(stats.pulledRows).toBe(9);
    expect((await b.db.table('test_notes').get('n0'))?.text).toBe('back');
    expect(await b.db.table(TOMBSTONES).count()).toBe(0);
    expect(await b.db.table('test_notes').count()).toBe(8);
  });

  it('a local edit during the download is merged with what HQ sends later, not overwritten', async () => {
    const a = await laptop('a');
    await a.db.table('test_notes').bulkAdd(
      Array.from({ length: 6 }, (_, i) => ({
        id: `n${i}`,
        officeId: 'tokyo',
        text: 't',
        color: 'red',
      })),
    );
    await a.engine.sync();
    let b: Awaited<ReturnType<typeof laptop>> | null = null;
    b = await laptop('b', {
      pullLimit: 2,
      wrapTransport: hooked(async (n) => {
        if (n === 3) {
          // Page 1 (n0, n1) is applied: a person edits n0 on b, and HQ gets another edit of n0.
          b!.clock.now += 2000;
          await b!.db.table('test_notes').update('n0', { color: 'blue' });
          a.clock.now += 1000;
          await a.db.table('test_notes').update('n0', { text: 'from a' });
          await a.engine.sync();
        }
      }),
    });
    await b.engine.pullAll();
    const n0 = await b.db.table('test_notes').get('n0');
    expect(n0).toMatchObject({ text: 'from a', color: 'blue' });
    expect(await b.engine.pendingCount()).toBe(1);
    await b.engine.sync();
    await a.engine.sync();
    expect(await visibleRows(a.db, 'test_notes')).toEqual(await visibleRows(b.db, 'test_notes'));
  });

  it('a table that already holds rows is merged, not overwritten', async () => {
    const { a, b } = await twoLaptopsSharing({ text: 'old', color: 'red' });
    b.clock.now += 5000;
    await b.db.table('test_notes').update('n1', { color: 'green' });
    a.clock.now += 1000;
    await a.db.table('test_notes').update('n1', { text: 'new' });
    await a.engine.sync();
    await b.engine.pullAll();
    expect(await b.db.table('test_notes').get('n1')).toMatchObject({ text: 'new', color: 'green' });
  });

  /** Counts the records of `table` read by key (what the full merge does before writing). */
  function countKeyReads(laptop: Laptop, table: string) {
    const counter = { reads: 0 };
    laptop.db.use({
      stack: 'dbcore',
      name: 'count-key-reads',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          if (name !== table) return t;
          return {
            ...t,
            get: (req) => {
              counter.reads++;
              return t.get(req);
            },
            getMany: (req) => {
              counter.reads += req.keys.length;
              return t.getMany(req);
            },
          };
        },
      }),
    });
    return counter;
  }

  it('an incremental pull with nothing unsent writes without reading; with a local edit waiting it merges', async () => {
    const a = await laptop('a');
    await a.db
      .table('test_notes')
      .bulkAdd([1, 2, 3].map((i) => ({ id: `n${i}`, officeId: 'tokyo', text: 't', color: 'red' })));
    await a.engine.sync();
    const b = await laptop('b');
    const keyReads = countKeyReads(b, 'test_notes');
    await b.engine.sync();

    a.clock.now += 1000;
    await a.db.table('test_notes').update('n1', { text: 'from a' });
    await a.engine.sync();
    keyReads.reads = 0;
    await b.engine.pullAll();
    expect(keyReads.reads).toBe(0);
    expect(await b.db.table('test_notes').get('n1')).toMatchObject({ text: 'from a' });

    // A local edit waits in b's outbox: the next pull reads and merges, keeping it.
    b.clock.now += 5000;
    await b.db.table('test_notes').update('n2', { color: 'green' });
    a.clock.now += 1000;
    await a.db.table('test_notes').update('n2', { text: 'again from a' });
    await a.engine.sync();
    keyReads.reads = 0;
    await b.engine.pullAll();
    expect(keyReads.reads).toBeGreaterThan(0);
    expect(await b.db.table('test_notes').get('n2')).toMatchObject({
      text: 'again from a',
      color: 'green',
    });
  });

  it('a change HQ refused stays on the laptop through later pulls (merge, not overwrite)', async () => {
    const { a, b } = await twoLaptopsSharing({ text: 't', color: 'red' });
    // b's edit is newer than a's, but HQ refused it: it left the outbox for the refused list.
    b.clock.now += 60_000;
    await b.db.table('test_notes').update('n1', { color: 'green' });
    await b.db.transaction('rw', [OUTBOX, REJECTED], async () => {
      const [row] = await b.db.table(OUTBOX).toArray();
      await b.db
        .table(REJECTED)
        .add({ mutation: row, code: 'validation_failed', message: '', at: 0 });
      await b.db.table(OUTBOX).clear();
    });
    a.clock.now += 1000;
    await a.db.table('test_notes').update('n1', { color: 'blue', text: 'from a' });
    await a.engine.sync();
    await b.engine.pullAll();
    expect(await b.db.table('test_notes').get('n1')).toMatchObject({
      text: 'from a',
      color: 'green',
    });
  });

  it('drops a page asked with cursors another engine moved meanwhile, and pulls on from theirs', async () => {
    const a = await laptop('a');
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'v1' });
    await a.engine.sync();
    // b's database has two engines (the page's and the pull worker's, in the app).
    let beforeAnswer: (() => Promise<void>) | null = null;
    const asked: PullRequest[] = [];
    const b = await laptop('b', {
      wrapTransport: (t) => ({
        push: (r) => t.push(r),
        pull: async (r) => {
          asked.push(r);
          const res = await t.pull(r);
          const hook = beforeAnswer;
          beforeAnswer = null;
          await hook?.();
          return res;
        },
      }),
    });
    const other = new SyncEngine({
      db: b.db,
      registry: CLIENT_REGISTRY,
      transport: b.transport,
      now: () => b.clock.now,
    });
    await b.engine.pullAll();
    expect((await b.db.table('test_notes').get('n1')).text).toBe('v1');

    a.clock.now += 1000;
    await a.db.table('test_notes').update('n1', { text: 'v2' });
    await a.engine.sync();
    // b's engine is answered v2; before that answer lands, v3 is made and the other engine
    // stores it (and moves the cursors).
    beforeAnswer = async () => {
      a.clock.now += 1000;
      await a.db.table('test_notes').update('n1', { text: 'v3' });
      await a.engine.sync();
      await other.pullAll();
    };
    asked.length = 0;
    await b.engine.pullAll();
    const n1 = await b.db.table('test_notes').get('n1');
    expect(n1.text).toBe('v3');
    // The stale page was dropped; the engine asked again from the stored cursors.
    const seqs = asked.map((r) => r.cursors.tokyo?.seq ?? 0);
    expect(seqs.length).toBeGreaterThanOrEqual(3);
    expect(seqs.at(-1)).toBeGreaterThan(seqs[0]!);
    await a.engine.sync();
    expect(await visibleRows(b.db, 'test_notes')).toEqual(await visibleRows(a.db, 'test_notes'));
  });

  it('names the records a page wrote to storagemutated (a page of 50+ rows is not "the whole table")', async () => {
    const a = await laptop('a');
    await a.db
      .table('test_notes')
      .bulkAdd(
        Array.from({ length: 120 }, (_, i) => ({ id: `n${i}`, officeId: 'tokyo', text: 't' })),
      );
    await a.engine.sync();
    const b = await laptop('b');
    await b.db.open(); // (opening reports every table as changed)
    const prefix = `idb://${b.db.name}/test_notes/`;
    const named = new Set<string>();
    let wholeTable = false;
    type Tree = { from?: unknown; to?: unknown; l?: Tree; r?: Tree };
    const walk = (t: Tree) => {
      if (!('from' in t)) return;
      if (t.from === t.to && typeof t.from === 'string') named.add(t.from);
      else wholeTable = true;
      if (t.l) walk(t.l);
      if (t.r) walk(t.r);
    };
    const listener = (parts: ObservabilitySet) => {
      for (const [part, tree] of Object.entries(parts)) if (part === prefix) walk(tree as Tree);
    };
    Dexie.on('storagemutated', listener);
    try {
      await b.engine.pullAll();
      // The first download (fresh table) and an incremental pull (written over) alike.
      a.clock.now += 1000;
      await a.db
        .table('test_notes')
        .bulkPut(
          Array.from({ length: 60 }, (_, i) => ({ id: `n${i}`, officeId: 'tokyo', text: 'again' })),
        );
      await a.engine.sync();
      await b.engine.pullAll();
    } finally {
      Dexie.on.storagemutated.unsubscribe(listener);
    }
    expect(wholeTable).toBe(false);
    expect(named.size).toBe(120);
    expect((await b.db.table('test_notes').get('n59')).text).toBe('again');
  });
});
