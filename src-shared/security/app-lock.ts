/**
 * The app lock's HQ-set policy (issue 14): how long a laptop may sit unused before it locks.
 * HQ sets it (its Laptops screen, or `npm run hq -- policy:app-lock --idle-minutes N`) as one
 * record of the shared synced table `securityPolicies`, so it reaches every laptop with the
 * next pull and holds offline; only HQ may write it (src-hq/sync/policy.ts). Plain TypeScript:
 * shared by HQ and the app.
 */
import { z } from 'zod';

/** The shared synced table of HQ's security policies (one record per policy). */
export const SECURITY_POLICIES_TABLE = 'securityPolicies';
/** The record id of the app lock's policy. */
export const APP_LOCK_POLICY_ID = 'app-lock';

/** Default idle time before the app locks, when HQ has set none (issue 14: 10 minutes). */
export const DEFAULT_IDLE_MINUTES = 10;
export const MIN_IDLE_MINUTES = 1;
export const MAX_IDLE_MINUTES = 240;

export const idleMinutesSchema = z.number().int().min(MIN_IDLE_MINUTES).max(MAX_IDLE_MINUTES);

export const appLockPolicySchema = z.object({
  id: z.literal(APP_LOCK_POLICY_ID),
  idleMinutes: idleMinutesSchema,
});
export type AppLockPolicy = z.infer<typeof appLockPolicySchema>;

/** The idle time a stored policy row sets (the default when there is none or it is bad). */
export function idleMinutesOf(row: unknown): number {
  const minutes = (row as { idleMinutes?: unknown } | null | undefined)?.idleMinutes;
  return idleMinutesSchema.safeParse(minutes).success ? (minutes as number) : DEFAULT_IDLE_MINUTES;
}
