/**
 * Sync benchmarks in Chromium: the app's real sync engine (src-renderer/src/sync)
 * over HTTP to a real HQ server on loopback, writing into the app's database
 * (BridgeheadDatabase, with its sync middleware), against raw Dexie bulkPut of
 * the same rows; and PouchDB replication of the same records for comparison.
 */
import PouchDB from 'pouchdb-browser';
import Dexie from 'dexie';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { generateDemoData } from '@shared/crm/demo';
import { asOwnData } from '../own-data';
import { SEED_OFFICES } from '@shared/offices/seed';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { setAppSchema } from '../../../src-renderer/src/data/schema';
import { SCHEMA_VERSIONS } from '../../../src-renderer/src/app-schema';
import {
  SyncEngine,
  createHttpTransport,
  emptySyncStats,
  type SyncStats,
  type SyncTransport,
} from '../../../src-renderer/src/sync';
import { eachPendingMutation } from '../../../src-renderer/src/sync/outbox';
import {
  bulkWriteBuyers,
  type BuyerWithContacts,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { openRawDatabase } from './crm-data';
import { deleteDatabase, median, round2, sleep, watchLongTasks } from './util';

// What bootstrap.tsx does before the app opens its database.
setAppSchema(SCHEMA_VERSIONS);

interface Counted {
  requests: number;
  requestBytes: number;
  responseBytes: number;
}

/** fetch that counts requests and body bytes (HQ does not compress responses). */
function countingFetch(counter: Counted) {
  return async (url: string, init: RequestInit) => {
    counter.requests++;
    const body = init.body;
    counter.requestBytes +=
      typeof body === 'string'
        ? new TextEncoder().encode(body).length
        : body instanceof Uint8Array
          ? body.length
          : 0;
    const res = await fetch(url, init);
    const buf = await res.arrayBuffer();
    counter.responseBytes += buf.byteLength;
    return new Response(buf, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

let laptop: {
  db: BridgeheadDatabase;
  engine: SyncEngine;
  transport: SyncTransport;
  stats: SyncStats;
} | null = null;

function openLaptop(
  name: string,
  baseUrl: string,
  credential: string,
  opts: {
    counter?: Counted;
    pullIn?: 'auto' | 'thread';
    pullPutRows?: number;
    /** false: no encryption layer (the privacy bench's plain baseline; the worker follows). */
    sealed?: boolean;
  } = {},
) {
  const db = new BridgeheadDatabase(name, undefined, { sealed: opts.sealed ?? true });
  // Without an injected fetch, as in the app: pulls run in the pull worker.
  const transport = createHttpTransport({
    baseUrl,
    credential,
    ...(opts.counter ? { fetch: countingFetch(opts.counter) } : {}),
  });
  const engine = new SyncEngine({
    db,
    registry: DEFAULT_TABLE_REGISTRY,
    transport,
    ...(opts.pullIn ? { pullIn: opts.pullIn } : {}),
    ...(opts.pullPutRows ? { pullPutRows: opts.pullPutRows } : {}),
  });
  return { db, engine, transport };
}

/**
 * A new laptop downloads everything (engine.pullAll, in the pull worker as in the app unless
 * `pullIn: 'thread'`), then the same rows are bulkPut raw into a fresh database with the same
 * schema, in pages of the same size, on the page's thread.
 */
export async function syncInitial(opts: {
  baseUrl: string;
  credential: string;
  pullIn?: 'auto' | 'thread';
  /** A/B of the old path: put requests of this many rows (< 50: Dexie names their keys). */
  pullPutRows?: number;
  /** false: the laptop's database without the encryption layer (privacy.initial_sync_ratio). */
  sealed?: boolean;
}) {
  const name = 'bench-sync-laptop';
  await deleteDatabase(name);
  laptop?.db.close();
  const { db, engine, transport } = openLaptop(name, opts.baseUrl, opts.credential, {
    ...(opts.pullIn ? { pullIn: opts.pullIn } : {}),
    ...(opts.pullPutRows ? { pullPutRows: opts.pullPutRows } : {}),
    ...(opts.sealed === false ? { sealed: false } : {}),
  });
  const stats = emptySyncStats();
  laptop = { db, engine, transport, stats };
  await db.open();
  // The page must hear of every pulled page (Dexie's BroadcastChannel when the worker pulls):
  // liveQueries and the CRM index depend on it.
  // And which buyers: each commit names its keys (change-set.ts), or the CRM index reloads all.
  let heard = 0;
  let wholeTable = 0;
  const keysHeard = new Set<string>();
  type Tree = { from?: unknown; to?: unknown; l?: Tree; r?: Tree };
  const walk = (t: Tree): boolean => {
    if (!('from' in t)) return true;
    if (t.from !== t.to || typeof t.from !== 'string') return false;
    keysHeard.add(t.from);
    return (!t.l || walk(t.l)) && (!t.r || walk(t.r));
  };
  const onMutated = (parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((k) => k.startsWith(`idb://${name}/buyers/`))) return;
    heard++;
    const named = [`idb://${name}/buyers/`, `idb://${name}/buyers/:dels`].every(
      (p) => !parts[p] || walk(parts[p] as Tree),
    );
    if (!named) wholeTable++;
  };
  // The bench's Node side notes the CPU time of every process at these marks (process-cpu.ts).
  const mark = (label: string) =>
    (window as unknown as { benchCpuMark?: (l: string) => Promise<void> }).benchCpuMark?.(label);
  await mark('sync');
  Dexie.on('storagemutated', onMutated);
  const watched = await watchLongTasks(async () => {
    const t0 = performance.now();
    await engine.pullAll(stats);
    return performance.now() - t0;
  });
  await mark('sync-end');
  await sleep(200);
  Dexie.on.storagemutated.unsubscribe(onMutated);
  const syncMs = watched.result;
  const buyers = await db.table('buyers').toArray();
  const pageSize = Math.ceil(stats.pulledRows / Math.max(1, stats.pullRequests));

  // Baseline: the same stored rows (with their sync metadata), raw bulkPut, same page size.
  const rawName = 'bench-sync-raw';
  await deleteDatabase(rawName);
  const raw = openRawDatabase(rawName);
  await raw.open();
  await mark('raw');
  const t1 = performance.now();
  for (let i = 0; i < buyers.length; i += pageSize) {
    await raw.table('buyers').bulkPut(buyers.slice(i, i + pageSize));
  }
  const rawMs = performance.now() - t1;
  await mark('raw-end');
  raw.close();
  await deleteDatabase(rawName);
  return {
    rows: stats.pulledRows,
    stored: buyers.length,
    requests: stats.pullRequests,
    syncMs,
    rawMs,
    pageSize,
    avgRowBytes: Math.round(
      JSON.stringify(buyers.slice(0, 200)).length / Math.min(200, buyers.length),
    ),
    longTasks: watched.count,
    longTaskMaxMs: round2(watched.maxMs),
    longTaskSupported: watched.supported,
    pullIn: opts.pullIn ?? 'auto',
    pagesHeardByPage: heard,
    wholeTableCommits: wholeTable,
    keysHeardByPage: keysHeard.size,
  };
}

/** One incremental pull by the laptop that holds everything (after HQ got a few changes). */
export async function syncIncremental() {
  if (!laptop) throw new Error('run syncInitial first');
  const { engine } = laptop;
  const stats = emptySyncStats();
  const t0 = performance.now();
  await engine.pullAll(stats);
  const ms = performance.now() - t0;
  return { ms, rows: stats.pulledRows, requests: stats.pullRequests };
}

/** Diagnostic: the next pull request alone (HQ, loopback, parse), nothing applied. */
export async function syncPullRequestOnly() {
  if (!laptop) throw new Error('run syncInitial first');
  const { engine, transport } = laptop;
  const [clientId, cursors] = [await engine.clientId(), await engine.readCursors()];
  const t0 = performance.now();
  const res = await transport.pull({ clientId, cursors, limit: 500 });
  return {
    ms: performance.now() - t0,
    rows: res.partitions.reduce((n, p) => n + p.rows.length, 0),
  };
}

export async function closeLaptop() {
  laptop?.db.close();
  laptop = null;
  await deleteDatabase('bench-sync-laptop');
}

/**
 * sync.push: buyers written through the repository (recorded by the middleware),
 * then engine.pushAll() to HQ; counts field changes (one per pushed field).
 */
export async function syncPush(opts: {
  baseUrl: string;
  credential: string;
  officeId: string;
  buyers: number;
  tag: string;
}) {
  const name = `bench-push-${opts.tag}`;
  await deleteDatabase(name);
  const office = SEED_OFFICES.find((o) => o.id === opts.officeId)!;
  const demo = asOwnData(
    generateDemoData({ seed: 23, office, buyers: opts.buyers, talks: 0, smeFirms: 1 }),
  );
  const byBuyer = new Map<string, BuyerWithContacts>();
  for (const b of demo.buyers) byBuyer.set(b.id, { buyer: b, contacts: [] });
  for (const c of demo.contacts) byBuyer.get(c.buyerId)!.contacts.push(c);
  const { db, engine } = openLaptop(name, opts.baseUrl, opts.credential, {
    counter: { requests: 0, requestBytes: 0, responseBytes: 0 },
  });
  await db.open();
  await bulkWriteBuyers(db, [...byBuyer.values()]);
  let mutations = 0;
  let fields = 0;
  await eachPendingMutation(db, (m) => {
    mutations++;
    fields += Object.keys(m.fields).length;
    return true;
  });
  await sleep(100);
  const stats = emptySyncStats();
  const t0 = performance.now();
  await engine.pushAll(stats);
  const ms = performance.now() - t0;
  const left = await engine.pendingCount();
  db.close();
  await deleteDatabase(name);
  return { ms, mutations, fields, requests: stats.pushRequests, left, rejected: stats.rejected };
}

/** PouchDB (IndexedDB adapter) pulling the same records from a PouchDB server on loopback. */
export async function pouchReplicate(opts: { url: string; expected: number; batchSize: number }) {
  const name = 'bench-pouch';
  await deleteDatabase(`_pouch_${name}`);
  const db = new PouchDB(name);
  const t0 = performance.now();
  const result = await db.replicate.from(opts.url, { batch_size: opts.batchSize });
  const ms = performance.now() - t0;
  const info = await db.info();
  await db.destroy();
  return { ms, docs: result.docs_written, stored: info.doc_count, ok: result.ok };
}

export { median };
