/**
 * A stable merge sort that yields to the UI every few milliseconds: sorting
 * 100,000 names with Intl.Collator takes seconds on a busy laptop, and a
 * native sort would freeze the window for all of it.
 */
export async function sortInSlices<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
  yieldToUi: () => Promise<void>,
  sliceMs = 12,
): Promise<T[]> {
  const RUN = 1024;
  let a = items.slice();
  let started = performance.now();
  const breathe = async () => {
    if (performance.now() - started > sliceMs) {
      await yieldToUi();
      started = performance.now();
    }
  };
  for (let i = 0; i < a.length; i += RUN) {
    const run = a.slice(i, i + RUN).sort(compare);
    for (let j = 0; j < run.length; j++) a[i + j] = run[j]!;
    await breathe();
  }
  let b = new Array<T>(a.length);
  for (let width = RUN; width < a.length; width *= 2) {
    for (let lo = 0; lo < a.length; lo += 2 * width) {
      const mid = Math.min(lo + width, a.length);
      const hi = Math.min(lo + 2 * width, a.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // Take from the right only when strictly smaller: stable.
        b[k++] = compare(a[j]!, a[i]!) < 0 ? a[j++]! : a[i++]!;
        if ((k & 1023) === 0) await breathe();
      }
      while (i < mid) b[k++] = a[i++]!;
      while (j < hi) b[k++] = a[j++]!;
    }
    [a, b] = [b, a];
  }
  return a;
}
