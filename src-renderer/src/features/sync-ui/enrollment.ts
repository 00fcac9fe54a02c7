/**
 * This laptop's enrollment with HQ, kept in the device-local `settings` table
 * (never synced). Validated on read too: an older build or a crash may have left anything.
 *
 * The credential is a bearer secret. In a plain browser (no preload bridge) it can only live
 * here, in IndexedDB. In Electron it should move to the OS keychain (safeStorage) through a
 * preload API, which does not exist yet; until then Electron stores it here as well.
 */
import { z } from 'zod';
import type { BridgeheadDatabase } from '../../data/db';

export const ENROLLMENT_SETTING_KEY = 'syncEnrollment';

export const enrollmentSchema = z.object({
  hqUrl: z.url({ protocol: /^https?$/ }),
  deviceId: z.string().min(1),
  /** null = an HQ device (sees every office). */
  officeId: z.string().min(1).max(64).nullable(),
  credential: z.string().min(1),
  /** Epoch milliseconds. */
  enrolledAt: z.number().int().nonnegative(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

export async function loadEnrollment(db: BridgeheadDatabase): Promise<Enrollment | null> {
  const row = await db.settings.get(ENROLLMENT_SETTING_KEY);
  if (!row) return null;
  const parsed = enrollmentSchema.safeParse(row.value);
  if (parsed.success) return parsed.data;
  console.warn('[sync] ignoring an invalid stored enrollment');
  return null;
}

export async function saveEnrollment(db: BridgeheadDatabase, value: Enrollment): Promise<void> {
  await db.settings.put({ key: ENROLLMENT_SETTING_KEY, value: enrollmentSchema.parse(value) });
}

export async function clearEnrollment(db: BridgeheadDatabase): Promise<void> {
  await db.settings.delete(ENROLLMENT_SETTING_KEY);
}

export type HqUrlErrorCode = 'hqUrlInvalid' | 'hqUrlInsecure';

/** A coded error for the enrollment form (`sync:enroll.errors.<code>`). */
export class EnrollmentInputError extends Error {
  override readonly name = 'EnrollmentInputError';
  constructor(readonly code: HqUrlErrorCode | 'codeMissing' | 'deviceNameMissing') {
    super(code);
  }
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The HQ address as a normalised base URL, or a coded error. Plain http only for this
 * machine itself: over a network the bearer credential would travel in clear text.
 */
export function parseHqUrl(input: string): { url: string } | { error: HqUrlErrorCode } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { error: 'hqUrlInvalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'hqUrlInvalid' };
  if (url.username || url.password || url.search || url.hash) return { error: 'hqUrlInvalid' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { error: 'hqUrlInsecure' };
  return { url: url.origin + url.pathname.replace(/\/+$/, '') };
}
