/**
 * Investigation, not part of `npm run bench`: CPU profiles of the CRM index's start from
 * the snapshot (page and search worker), with a summary of where the time went.
 *   BENCH_PAGE_OUT=/tmp/x npx vite build --config scripts/bench/page/vite.config.ts
 *   BENCH_PAGE_OUT=/tmp/x PROFILE_BUYERS=20000 tsx scripts/bench/profile-crm-start.ts
 * Writes the profiles to PROFILE_DIR (default test-results/bench-profiles/start-*).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { WorkerProfiler } from './worker-profiler';

const root = resolve(import.meta.dirname, '../..');
const pageDir = process.env.BENCH_PAGE_OUT ?? resolve(root, 'out/bench-page');
const buyers = Number(process.env.PROFILE_BUYERS ?? 20_000);
const runs = Number(process.env.PROFILE_RUNS ?? 2);
const oldPath = process.env.PROFILE_OLD === '1';
const outDir = process.env.PROFILE_DIR ?? resolve(root, 'test-results/bench-profiles');

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), the top `n`. */
function summary(p: Profile, n = 25): string {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [
    `total ${Math.round(total)} ms`,
    ...[...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`),
  ].join('\n');
}

const statics = await startStaticServer({ root: pageDir });
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bh-prof-')), {
  executablePath: findChromium()!,
  headless: true,
  args: CHROMIUM_FLAGS.filter((f: string) => f !== '--headless'),
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      console.log(`  page ${m.type()}: ${m.text()}`);
  });
  page.setDefaultTimeout(0);
  await page.goto(statics.url);
  await page.waitForFunction(() => document.title === 'bench ready');
  const once = (o: { buyers: number; oldPath?: boolean; save?: boolean }) =>
    page.evaluate(
      (a) =>
        (
          window as unknown as {
            bridgeheadBench: { crmIndexStartOnce: (x: unknown) => Promise<unknown> };
          }
        ).bridgeheadBench.crmIndexStartOnce(a),
      o,
    );
  console.log(`seed + save (${buyers}):`, await once({ buyers, save: true }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const workers = await WorkerProfiler.attach(cdp);
  mkdirSync(outDir, { recursive: true });
  let run = 0;
  const file = () => join(outDir, `start-${buyers}-${run}.cpuprofile`);
  let profiling = false;
  // Called by the page before the index (and its worker) is disposed.
  await page.exposeFunction('benchBeforeDispose', async () => {
    if (!profiling) return;
    for (const [w, { url, profile: wp }] of (await workers.stop()).entries()) {
      const wf = file().replace(/\.cpuprofile$/, `.worker-${w + 1}.cpuprofile`);
      writeFileSync(wf, JSON.stringify(wp));
      console.log(`worker ${url.split('/').pop()} ${wf}\n${summary(wp as Profile)}`);
    }
  });
  for (run = 1; run <= runs; run++) {
    await cdp.send('Profiler.start');
    await workers.start();
    profiling = true;
    const r = await once({ buyers, oldPath });
    profiling = false;
    const { profile } = await cdp.send('Profiler.stop');
    console.log(`run ${run} (load ${loadavg()[0]!.toFixed(1)}):`, r);
    writeFileSync(file(), JSON.stringify(profile));
    console.log(`page ${file()}\n${summary(profile as Profile)}`);
  }
} finally {
  await context.close();
  await statics.close();
}
