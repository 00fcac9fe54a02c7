/**
 * Sync measurements (not a test): `npx tsx --tsconfig tsconfig.test.json test/unit/sync/bench.ts`
 * Env: BENCH_RECORDS (default 5000). PostgreSQL part runs when the test database is reachable.
 * Numbers are for Node + fake-indexeddb on the build machine; only ratios transfer to Chromium.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { BACKENDS, startServer } from '../hq/harness';
import { TEST_STORES, createLaptop, openLaptopDb } from './laptop';

const N = Number(process.env.BENCH_RECORDS ?? 5000);
const T0 = Date.now();
const rec = (i: number, office = 'tokyo') => ({
  id: `rec-${String(i).padStart(6, '0')}`,
  officeId: office,
  text: `Buyer note ${i} `.repeat(20),
  color: ['red', 'blue', 'green'][i % 3],
});

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function outboxOverhead() {
  const rows = Array.from({ length: N }, (_, i) => rec(i));
  const bulk = async (db: Dexie) => {
    const [ms] = await time(async () => {
      for (let i = 0; i < rows.length; i += 500)
        await db.table('test_notes').bulkAdd(rows.slice(i, i + 500));
    });
    return ms;
  };
  const updates = async (db: Dexie) => {
    const [ms] = await time(async () => {
      for (let i = 0; i < 1000; i++)
        await db.table('test_notes').update(rows[i]!.id, { color: `c${i}` });
    });
    return ms;
  };
  // Alternate plain and synced, three rounds, keep the best of each (the machine is shared).
  const best = { plainAdd: Infinity, syncAdd: Infinity, plainUpd: Infinity, syncUpd: Infinity };
  for (let round = 0; round < 3; round++) {
    const plain = new Dexie(`plain${round}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    plain.version(1).stores(TEST_STORES);
    const synced = openLaptopDb(`synced${round}`);
    best.plainAdd = Math.min(best.plainAdd, await bulk(plain));
    best.syncAdd = Math.min(best.syncAdd, await bulk(synced));
    best.plainUpd = Math.min(best.plainUpd, await updates(plain));
    best.syncUpd = Math.min(best.syncUpd, await updates(synced));
    plain.close();
    synced.close();
  }
  const r = (a: number, b: number) =>
    `${b.toFixed(0)} vs ${a.toFixed(0)} ms (${(b / a).toFixed(2)}x)`;
  console.log(
    `outbox: bulkAdd ${N} in chunks of 500, with outbox vs plain: ${r(best.plainAdd, best.syncAdd)}`,
  );
  console.log(
    `outbox: 1000 single update(), with outbox vs plain: ${r(best.plainUpd, best.syncUpd)}`,
  );
}

async function serverAndClient(backend: (typeof BACKENDS)[number]) {
  const env = await backend.open();
  const server = await startServer(env.hq);
  try {
    const { auth } = await server.enroll('tokyo');
    const a = createLaptop('bench-a', auth.slice(7), () => server.app, { startMs: T0 });
    a.clock.now = Date.now();
    const rows = Array.from({ length: N }, (_, i) => rec(i));
    for (let i = 0; i < rows.length; i += 500)
      await a.db.table('test_notes').bulkAdd(rows.slice(i, i + 500));
    const stats = { pushed: 0, pushRequests: 0, pulledRows: 0, pullRequests: 0, rejected: 0 };
    const [pushMs] = await time(() => a.engine.pushAll(stats));
    const fields = N * 3;
    console.log(
      `${backend.name}: push ${N} records (${fields} field changes) in ${stats.pushRequests} requests: ${pushMs.toFixed(0)} ms = ` +
        `${((fields / pushMs) * 1000).toFixed(0)} field changes/s, ${((stats.pushRequests / pushMs) * 1000).toFixed(1)} pushes/s of 500`,
    );
    // Small pushes: one record each (the interactive case).
    const [smallMs] = await time(async () => {
      for (let i = 0; i < 200; i++) {
        await a.db.table('test_notes').update(rows[i]!.id, { color: `x${i}` });
        await a.engine.pushAll();
      }
    });
    console.log(
      `${backend.name}: 200 single-change pushes: ${((200 / smallMs) * 1000).toFixed(0)} pushes/s (incl. client outbox)`,
    );
    const { auth: authB } = await server.enroll('tokyo');
    const b = createLaptop('bench-b', authB.slice(7), () => server.app, { startMs: Date.now() });
    const pullStats = { pushed: 0, pushRequests: 0, pulledRows: 0, pullRequests: 0, rejected: 0 };
    const [pullMs] = await time(() => b.engine.pullAll(pullStats));
    console.log(
      `${backend.name}: bootstrap pull+apply ${pullStats.pulledRows} rows in ${pullStats.pullRequests} pages: ${pullMs.toFixed(0)} ms = ` +
        `${((pullStats.pulledRows / pullMs) * 1000).toFixed(0)} rows/s`,
    );
    a.db.close();
    b.db.close();
  } finally {
    await server.app.close();
    await env.cleanup();
  }
}

await outboxOverhead();
for (const backend of BACKENDS) await serverAndClient(backend);
