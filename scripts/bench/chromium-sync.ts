/**
 * The Chromium sync download benchmark (`sync.initial.*`, `sync.incremental.*`): a real HQ
 * on SQLite seeded with ~1 KB buyers, a new laptop downloads them (pull worker, as in the
 * app) against raw Dexie bulkPut of the same rows; then incremental pulls of 10 changes.
 */
import { loadavg } from 'node:os';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import type { Call } from './chromium';
import { RemoteEditor, seedRecords, startBenchHq, type SeedRecord } from './hq';
import { asOwnData } from './own-data';
import type { BenchPageApi } from './page/main';
import { median, type BenchResult } from './types';

const OFFICE = 'tokyo';
const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

export interface SyncStepDeps {
  step: (name: string, fn: () => Promise<void>) => Promise<void>;
  call: Call;
  add: (...r: BenchResult[]) => void;
  closers: Array<() => Promise<void>>;
  /** CPU ms of every bench process between two marks the page set. */
  cpuBetween: (from: string, to: string) => number;
  sizes: { syncRecords: number; incrementalRounds: number };
}

/** ~1 KB buyer records (demo buyers as the office's own, notes padded) for the sync benchmarks. */
export function syncRecords(n: number): SeedRecord[] {
  const office = SEED_OFFICES.find((o) => o.id === OFFICE)!;
  const { buyers } = asOwnData(
    generateDemoData({ seed: 31, office, buyers: n, talks: 0, smeFirms: 1 }),
  );
  return buyers.map(({ id, ...data }) => {
    const size = JSON.stringify(data).length;
    const notes = `${data.notes ?? ''} ${'商談メモ follow-up '.repeat(40)}`.slice(
      0,
      Math.max(0, 1000 - size),
    );
    return { id, data: { ...data, notes } };
  });
}

/** Runs the step; returns the records (PouchDB replicates the same) and the download rate. */
export async function syncDownloadStep(
  d: SyncStepDeps,
): Promise<{ n: number; records: SeedRecord[]; bridgeheadRate: number }> {
  // BENCH_SYNC_RECORDS=20000 overrides the size (named in the results); BENCH_SYNC_REPEATS=3
  // downloads that many times (medians); BENCH_SYNC_AB=1 alternates each download with the
  // old path (put requests of < 50 rows) in the same run.
  const { step, call, add, closers, cpuBetween, sizes } = d;
  const n = Number(process.env.BENCH_SYNC_RECORDS) || sizes.syncRecords;
  const syncRepeats = Math.max(1, Number(process.env.BENCH_SYNC_REPEATS) || 1);
  const records = syncRecords(n);
  let bridgeheadRate = NaN;
  await step(`sync.initial + incremental (${k(n)} records)`, async () => {
    const hq = await startBenchHq({ kind: 'sqlite' });
    closers.push(() => hq.close());
    const t = performance.now();
    await seedRecords(hq.hq, OFFICE, 'buyers', records);
    console.log(`  seeded HQ (SQLite) with ${n} buyers in ${Math.round(performance.now() - t)} ms`);
    const credential = await hq.enroll(OFFICE, 'bench-laptop');
    // BENCH_SYNC_PULL_IN=thread: the in-page pull (the fallback without workers), to compare.
    const pullIn = process.env.BENCH_SYNC_PULL_IN === 'thread' ? 'thread' : 'auto';
    type Initial = Awaited<ReturnType<BenchPageApi['syncInitial']>> & {
      cpuRatio: number;
      syncCpuMs: number;
    };
    const runs: Initial[] = [];
    const oldRuns: Initial[] = [];
    const ratioOf = (r: Initial) => r.rawMs / r.syncMs;
    // CPU ms of all bench processes during raw bulkPut / during the download.
    const download = async (pullPutRows?: number): Promise<Initial> => {
      const r = await call('syncInitial', {
        baseUrl: hq.url,
        credential,
        pullIn,
        ...(pullPutRows ? { pullPutRows } : {}),
      });
      const syncCpuMs = cpuBetween('sync', 'sync-end');
      return { ...r, syncCpuMs, cpuRatio: cpuBetween('raw', 'raw-end') / syncCpuMs };
    };
    for (let rep = 0; rep < syncRepeats; rep++) {
      // The old path first: the laptop left by the last download serves the incremental pulls.
      if (process.env.BENCH_SYNC_AB === '1') {
        const o = await download(49);
        console.log(
          `    old path (49-row puts): ratio ${ratioOf(o).toFixed(2)}, CPU ratio ${o.cpuRatio.toFixed(2)}, download CPU ${Math.round(o.syncCpuMs)} ms (sync ${Math.round(o.syncMs)} ms, raw ${Math.round(o.rawMs)} ms)`,
        );
        oldRuns.push(o);
      }
      const c = await download();
      if (c.stored !== n) throw new Error(`laptop holds ${c.stored} buyers, HQ has ${n}`);
      console.log(
        `    one put per table per page: ratio ${ratioOf(c).toFixed(2)}, CPU ratio ${c.cpuRatio.toFixed(2)}, download CPU ${Math.round(c.syncCpuMs)} ms (sync ${Math.round(c.syncMs)} ms, raw ${Math.round(c.rawMs)} ms, load ${loadavg()[0]!.toFixed(1)})`,
      );
      runs.push(c);
    }
    const r = runs[runs.length - 1]!;
    const ratio = median(runs.map(ratioOf));
    bridgeheadRate = (r.rows / median(runs.map((x) => x.syncMs))) * 1000;
    const rawRate = (r.stored / median(runs.map((x) => x.rawMs))) * 1000;
    const sizeName = n === sizes.syncRecords ? '' : `_${k(n)}`;
    add(
      {
        name: `sync.initial.records_per_s${sizeName}`,
        value: Math.round(bridgeheadRate),
        unit: 'records/s',
        baseline: Math.round(rawRate),
        ratio: Math.round(ratio * 100) / 100,
        target: 'ratio >= 0.9',
        note: `${r.rows} buyer records (~${r.avgRowBytes} B stored) in ${r.requests} pulls of ${r.pageSize} (pull ${r.pullIn === 'thread' ? 'in the page' : 'in the pull worker where available'}), sync ${runs.map((x) => Math.round(x.syncMs)).join(', ')} ms; baseline raw Dexie bulkPut of the same rows in pages of ${r.pageSize} right after each: ${runs.map((x) => Math.round(x.rawMs)).join(', ')} ms; ratio = median of per-run ratios ${runs.map((x) => ratioOf(x).toFixed(2)).join(', ')}`,
      },
      {
        name: `sync.initial.cpu_ratio${sizeName}`,
        value: Math.round(median(runs.map((x) => x.cpuRatio)) * 100) / 100,
        unit: 'x raw',
        note: `CPU time (user+system) of all bench processes (Chromium's, and this one with HQ) during raw bulkPut / during the download, median of ${runs.map((x) => x.cpuRatio.toFixed(2)).join(', ')} (download CPU ${runs.map((x) => Math.round(x.syncCpuMs)).join(', ')} ms): the cost apart from the machine's load${oldRuns.length ? `; old path ${oldRuns.map((x) => x.cpuRatio.toFixed(2)).join(', ')} (${oldRuns.map((x) => Math.round(x.syncCpuMs)).join(', ')} ms)` : ''}`,
      },
      ...(oldRuns.length
        ? [
            {
              name: `sync.initial.old_path_ratio${sizeName}`,
              value: Math.round(median(oldRuns.map(ratioOf)) * 100) / 100,
              unit: 'x raw',
              note: `A/B: the old path (put requests of 49 rows, which Dexie names by key) alternating with the current one in this run: ratios ${oldRuns.map((x) => ratioOf(x).toFixed(2)).join(', ')} vs ${runs.map((x) => ratioOf(x).toFixed(2)).join(', ')}`,
            },
          ]
        : []),
      {
        name: 'sync.initial.long_tasks',
        value: r.longTasks,
        unit: 'tasks > 50 ms',
        target: '0',
        note: r.longTaskSupported
          ? `main-thread long tasks during the download; longest ${r.longTaskMaxMs} ms; the page heard ${r.pagesHeardByPage} buyer commits (Dexie storagemutated) of ${r.requests} pulls, naming ${r.keysHeardByPage} of ${r.rows} buyers (${r.wholeTableCommits} reported as the whole table)`
          : 'PerformanceObserver longtask unsupported in this browser',
      },
    );
    // Incremental: another laptop changes 10 fields at HQ, this one pulls once.
    const editor = new RemoteEditor(hq.url, await hq.enroll(OFFICE, 'bench-editor'));
    const times: number[] = [];
    const requestTimes: number[] = [];
    const wire: number[] = [];
    let requests = 0;
    let rows = 0;
    for (let round = 0; round < sizes.incrementalRounds; round++) {
      const ids = Array.from(
        { length: 10 },
        (_, i) => records[(round * 7919 + i * 104_729) % n]!.id,
      );
      await editor.changeFields('buyers', ids, 'city');
      requestTimes.push((await call('syncPullRequestOnly')).ms);
      const before = hq.wireBytes();
      const inc = await call('syncIncremental');
      wire.push(hq.wireBytes() - before);
      times.push(inc.ms);
      requests = Math.max(requests, inc.requests);
      rows = inc.rows;
      if (inc.rows !== 10) throw new Error(`incremental pull brought ${inc.rows} rows, not 10`);
    }
    // Issue 14: the same initial download into a sealed database / one without the
    // encryption layer (the pull worker's handle follows the page's), interleaved.
    const sealedMs: number[] = [];
    const plainMs: number[] = [];
    for (let i = 0; i < Math.max(3, syncRepeats); i++) {
      for (const sealed of i % 2 ? [false, true] : [true, false]) {
        const p = await call('syncInitial', { baseUrl: hq.url, credential, pullIn, sealed });
        if (p.stored !== n) throw new Error(`laptop holds ${p.stored} buyers, HQ has ${n}`);
        (sealed ? sealedMs : plainMs).push(p.syncMs);
      }
    }
    await call('closeLaptop');
    const runsOf = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
    add({
      name: 'privacy.initial_sync_ratio',
      value: Math.round((median(sealedMs) / median(plainMs)) * 100) / 100,
      unit: 'ratio',
      target: '<= 1.25',
      note: `initial download of ${n} buyers (notes sealed) into a sealed database / the same into one without the encryption layer, same run, interleaved, medians of ${sealedMs.length}: sealed ${runsOf(sealedMs)} ms vs plain ${runsOf(plainMs)} ms (load ${loadavg()[0]!.toFixed(1)})`,
    });
    add(
      {
        name: `sync.incremental.ms_10_changes_${k(n)}`,
        value: Math.round(median(times) * 100) / 100,
        unit: 'ms',
        target: '< 60 ms',
        note: `engine.pullAll by a laptop holding ${n} records: ${requests} request(s), ${rows} rows; runs ${times.map((x) => Math.round(x)).join(', ')} ms; the pull request alone (HQ, loopback, parse; nothing applied) median ${Math.round(median(requestTimes))} ms`,
      },
      {
        name: `sync.incremental.bytes_10_changes_${k(n)}`,
        value: median(wire),
        unit: 'bytes',
        target: '< 5000 bytes',
        note: `on the wire incl. HTTP headers (server socket counters), ${requests} request(s)`,
      },
    );
  });
  return { n, records, bridgeheadRate };
}
