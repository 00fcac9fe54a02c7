/**
 * Wrong PINs slow down (issue 14): three tries are free, then each wrong one doubles the wait
 * (2 s, 4 s, 8 s … at most 15 minutes). The state is stored on the laptop (IndexedDB), so a
 * reload or a restart does not reset it; a clock set back does not shorten a wait either.
 */
import { z } from 'zod';

export const FREE_TRIES = 3;
export const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 15 * 60_000;

export const throttleStateSchema = z.object({
  failures: z.number().int().nonnegative(),
  /** When the last wrong PIN was entered (epoch ms; 0: never). */
  lastFailureAt: z.number().nonnegative(),
});
export type ThrottleState = z.infer<typeof throttleStateSchema>;

export const NO_FAILURES: ThrottleState = { failures: 0, lastFailureAt: 0 };

/** The wait after `failures` wrong PINs in a row. */
export function delayAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_TRIES));
}

/** How long before the next try is allowed (0: now). */
export function waitMs(state: ThrottleState, now: number): number {
  const delay = delayAfter(state.failures);
  if (delay === 0) return 0;
  // A clock set back before the last failure waits the whole delay again.
  const since = now < state.lastFailureAt ? 0 : now - state.lastFailureAt;
  return Math.max(0, delay - since);
}

export function afterFailure(state: ThrottleState, now: number): ThrottleState {
  return { failures: state.failures + 1, lastFailureAt: now };
}
