/** One row of bench-results.json. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done by a reference implementation in the same run. */
  baseline?: number;
  /** value / baseline (or the ratio the benchmark defines). */
  ratio?: number;
  /** The target from the issue, for the printed table. */
  target?: string;
  /** How it was measured (sizes, phases); printed and kept in bench-results.json. */
  note?: string;
}

export interface BenchOptions {
  quick: boolean;
}

export type Bench = (options: BenchOptions) => Promise<BenchResult[]>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
