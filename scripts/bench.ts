// `npm run bench [-- --quick]`: runs every benchmark, prints a table and
// writes bench-results.json at the repo root. Medians over repeats; ratios
// against a baseline measured in the same run (machines here are noisy).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Bench, BenchResult } from './bench/types';
import { benches } from './bench/registry';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const results: BenchResult[] = [];
for (const [name, bench] of Object.entries(benches) as [string, Bench][]) {
  if (only && !name.includes(only)) continue;
  process.stdout.write(`running ${name}${quick ? ' (quick)' : ''} …\n`);
  results.push(...(await bench({ quick })));
}

const round = (n: number | undefined) =>
  n === undefined ? '' : Number(n.toPrecision(4)).toString();
console.table(
  results.map((r) => ({
    name: r.name,
    value: round(r.value),
    unit: r.unit,
    baseline: round(r.baseline),
    ratio: round(r.ratio),
    target: r.target ?? '',
  })),
);
const file = resolve(import.meta.dirname, '..', 'bench-results.json');
writeFileSync(
  file,
  JSON.stringify(
    results.map(({ target: _t, ...r }) => r),
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${file}${quick ? ' (quick sizes: not comparable with the targets)' : ''}`);
