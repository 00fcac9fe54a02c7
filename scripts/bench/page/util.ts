/** Small helpers shared by the in-page benchmarks. */

export interface PageResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  note?: string;
  skipped?: string;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const nextFrame = () =>
  new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));

export async function deleteDatabase(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

/** Long tasks (> 50 ms on the main thread) seen while `fn` runs. */
export async function watchLongTasks<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; count: number; maxMs: number; supported: boolean }> {
  const entries: PerformanceEntry[] = [];
  const supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
  const observer = supported
    ? new PerformanceObserver((list) => entries.push(...list.getEntries()))
    : null;
  observer?.observe({ type: 'longtask' });
  try {
    const result = await fn();
    // Entries are delivered asynchronously: let the observer catch up.
    await sleep(50);
    entries.push(...(observer?.takeRecords() ?? []));
    return {
      result,
      count: entries.length,
      maxMs: entries.reduce((m, e) => Math.max(m, e.duration), 0),
      supported,
    };
  } finally {
    observer?.disconnect();
  }
}

/**
 * A fixed CPU workload (sort, JSON, string work): compare it across runs to
 * see how busy the machine was (the numbers of a loaded machine are slower).
 */
export function calibrate(): number {
  const t = performance.now();
  let seed = 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const xs = Array.from({ length: 200_000 }, rnd).sort((a, b) => a - b);
  const objs = Array.from({ length: 20_000 }, (_, i) => ({ i, s: `row ${i} ${xs[i]}` }));
  const back = JSON.parse(JSON.stringify(objs)) as { s: string }[];
  let n = 0;
  for (const o of back) n += o.s.normalize('NFKC').toLowerCase().length;
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t;
}
