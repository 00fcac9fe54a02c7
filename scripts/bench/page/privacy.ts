/**
 * Encryption at rest (issue 14): the CRM index's start over a sealed database against the same
 * buyers stored plain, in the same run, interleaved (the plain handle has no encryption layer;
 * the search worker's handle follows it). Medians over the repeats.
 */
import { seed } from './crm-data';
import { startIndexOnce } from './crm-index';
import { median, round2, sleep, type PageResult } from './util';

export async function privacyCrmIndexRatio(opts: {
  buyers: number;
  repeats: number;
  suffix: string;
}): Promise<PageResult[]> {
  const sealed = await seed(opts.buyers);
  const plain = await seed(opts.buyers, { sealed: false });
  const first = sealed.data.buyers.reduce((a, b) => (b.id < a.id ? b : a));
  const query = first.nameLatin || first.nameNative;
  // Warm-up of each (code, JIT), saving the snapshot an earlier session of the app left.
  await startIndexOnce(sealed.name, query, false, true, true);
  await startIndexOnce(plain.name, query, false, true, false);
  const runs = { sealed: [] as number[], plain: [] as number[] };
  const built = { sealed: [] as number[], plain: [] as number[] };
  for (let i = 0; i < opts.repeats; i++) {
    for (const isSealed of i % 2 ? [false, true] : [true, false]) {
      const db = isSealed ? sealed.name : plain.name;
      const key = isSealed ? 'sealed' : 'plain';
      runs[key].push((await startIndexOnce(db, query, false, false, isSealed)).settled);
      await sleep(300);
      // Built from the data (no snapshot): every buyer and contact opened.
      built[key].push((await startIndexOnce(db, query, true, false, isSealed)).settled);
      await sleep(300);
    }
  }
  const ratio = (r: { sealed: number[]; plain: number[] }) =>
    round2(median(r.sealed) / median(r.plain));
  const list = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
  return [
    {
      name: `privacy.crm_index_load_ratio_${opts.suffix}`,
      value: ratio(runs),
      unit: 'ratio',
      target: '<= 1.25',
      note: `CRM index start until search covers every buyer (from the saved snapshot, as the app starts), ${opts.buyers} buyers x 2 contacts sealed / the same stored plain, same run, interleaved, medians of ${opts.repeats}: sealed ${list(runs.sealed)} ms vs plain ${list(runs.plain)} ms. Built from the data (no snapshot): ratio ${ratio(built)} (sealed ${list(built.sealed)} ms vs plain ${list(built.plain)} ms)`,
    },
  ];
}
