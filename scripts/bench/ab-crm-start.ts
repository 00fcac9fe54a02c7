/**
 * Investigation, not part of `npm run bench`: the CRM index's start from its snapshot
 * in two builds of the bench page (e.g. main's and a branch's), alternated in one
 * Chromium, each on its own origin (own IndexedDB), medians per build.
 *   AB_PAGES=/tmp/a,/tmp/b AB_BUYERS=20000 AB_RUNS=5 tsx scripts/bench/ab-crm-start.ts
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { median } from './types';

const dirs = (process.env.AB_PAGES ?? '').split(',').filter(Boolean);
const buyers = Number(process.env.AB_BUYERS ?? 20_000);
const runs = Number(process.env.AB_RUNS ?? 5);
type Run = Record<
  'searchable' | 'ready' | 'sorted' | 'settled' | 'longTasks' | 'maxTaskMs',
  number
>;

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bh-ab-')), {
  executablePath: findChromium()!,
  headless: true,
  args: CHROMIUM_FLAGS.filter((f: string) => f !== '--headless'),
});
const servers = await Promise.all(dirs.map((root) => startStaticServer({ root })));
try {
  const pages: Page[] = [];
  for (const s of servers) {
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`  page error: ${m.text()}`);
    });
    await page.goto(s.url);
    await page.waitForFunction(() => document.title === 'bench ready');
    pages.push(page);
  }
  const once = (page: Page, o: object) =>
    page.evaluate(
      (a) =>
        (
          window as unknown as {
            bridgeheadBench: { crmIndexStartOnce: (x: unknown) => Promise<Run> };
          }
        ).bridgeheadBench.crmIndexStartOnce(a),
      o,
    );
  for (const [i, page] of pages.entries()) {
    const r = await once(page, { buyers, save: true });
    console.log(
      `${dirs[i]}: seeded ${buyers}, saved (build from data: settled ${Math.round(r.settled)} ms)`,
    );
  }
  const all: Run[][] = pages.map(() => []);
  const loads: number[] = [];
  for (let k = 0; k < runs; k++) {
    const order = k % 2 ? [...pages.keys()].reverse() : [...pages.keys()];
    for (const i of order) {
      loads.push(loadavg()[0]!);
      const r = await once(pages[i]!, { buyers });
      all[i]!.push(r);
      console.log(
        `run ${k + 1} ${dirs[i]}: ${Object.entries(r)
          .map(([n, v]) => `${n} ${Math.round(v)}`)
          .join(', ')}`,
      );
    }
  }
  console.log(
    `\nmedians of ${runs} (${buyers} buyers), load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}:`,
  );
  for (const key of [
    'searchable',
    'ready',
    'sorted',
    'settled',
    'longTasks',
    'maxTaskMs',
  ] as const) {
    const m = all.map((rs) => median(rs.map((r) => r[key])));
    console.log(
      `  ${key.padEnd(11)} ${m.map((v) => String(Math.round(v)).padStart(7)).join(' ')}` +
        (m.length === 2 && m[0] ? `   ratio ${(m[1]! / m[0]).toFixed(2)}` : ''),
    );
  }
} finally {
  await context.close();
  await Promise.all(servers.map((s) => s.close()));
}
