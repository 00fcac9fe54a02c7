/**
 * What the app lock keeps on the laptop, in the device-local `settings` table (never synced):
 * the PIN's salted hash with the link it was chosen for, and the count of wrong tries. Also
 * the HQ policy's idle time, read from the synced `securityPolicies` table. Validated on read:
 * a damaged row counts as none (a damaged PIN row asks for a new PIN only on a new link…
 * see lock-service.ts).
 */
import { z } from 'zod';
import {
  APP_LOCK_POLICY_ID,
  SECURITY_POLICIES_TABLE,
  idleMinutesOf,
} from '@shared/security/app-lock';
import type { BridgeheadDatabase } from '../../../data/db';
import { pinHashSchema } from '../model/pin-hash';
import { NO_FAILURES, throttleStateSchema, type ThrottleState } from '../model/throttle';

export const PIN_SETTING_KEY = 'appLockPin';
export const THROTTLE_SETTING_KEY = 'appLockThrottle';

export const storedPinSchema = pinHashSchema.extend({
  /** The link (HQ device id) the PIN was chosen for: a new link asks for a new PIN. */
  deviceId: z.string().min(1),
  setAt: z.number().int().nonnegative(),
});
export type StoredPin = z.infer<typeof storedPinSchema>;

export async function loadPin(db: BridgeheadDatabase): Promise<StoredPin | null> {
  const row = await db.settings.get(PIN_SETTING_KEY);
  const parsed = storedPinSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function savePin(db: BridgeheadDatabase, pin: StoredPin): Promise<void> {
  await db.settings.put({ key: PIN_SETTING_KEY, value: storedPinSchema.parse(pin) });
}

export async function loadThrottle(db: BridgeheadDatabase): Promise<ThrottleState> {
  const row = await db.settings.get(THROTTLE_SETTING_KEY);
  const parsed = throttleStateSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : NO_FAILURES;
}

export async function saveThrottle(db: BridgeheadDatabase, state: ThrottleState): Promise<void> {
  await db.settings.put({ key: THROTTLE_SETTING_KEY, value: state });
}

/** The idle time HQ set (minutes), or the default. */
export async function loadIdleMinutes(db: BridgeheadDatabase): Promise<number> {
  const row: unknown = await db.table(SECURITY_POLICIES_TABLE).get(APP_LOCK_POLICY_ID);
  return idleMinutesOf(row);
}
