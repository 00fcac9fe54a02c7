/** Demo sizes and progress (no generator code: the card imports this eagerly, the loader lazily). */
export const DEMO_SIZES = [300, 1_000, 10_000, 100_000] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

export interface DemoProgress {
  done: number;
  total: number;
}
