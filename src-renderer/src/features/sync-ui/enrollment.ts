/**
 * This laptop's enrollment with HQ, kept in the device-local `settings` table
 * (never synced). Validated on read too: an older build or a crash may have left anything.
 *
 * The credential is a bearer secret. In Electron it lives in the OS keychain (safeStorage)
 * through the preload's `window.bridgehead.credentials`; the settings row then holds only
 * `credentialIn: 'keychain'`. In a plain browser (no preload bridge, or a bridge without
 * credentials, or a keychain that refuses) it can only live in the settings row, in IndexedDB.
 * A credential found in the row while a keychain is available is moved there on load.
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
  /**
   * The staff member HQ linked this laptop for (issue 14): a stable id and their name.
   * Absent or null: linked before laptops were named, or with an unnamed code ("not named";
   * HQ links it again for a person).
   */
  staff: z
    .object({ id: z.string().min(1), name: z.string().min(1) })
    .nullable()
    .optional(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

/** The stored row: the credential itself, or a note that the keychain holds it. */
const storedEnrollmentSchema = z.union([
  enrollmentSchema.extend({ credentialIn: z.literal('settings').optional() }),
  enrollmentSchema.omit({ credential: true }).extend({ credentialIn: z.literal('keychain') }),
]);

/** The preload's credential store (Electron safeStorage), when the shell provides one. */
export interface CredentialVault {
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  clear(): Promise<void>;
}

/** `window.bridgehead.credentials` if present and complete (feature-detected), else null. */
export function platformCredentialVault(): CredentialVault | null {
  if (typeof window === 'undefined') return null;
  const bridge = (window as unknown as { bridgehead?: { credentials?: Partial<CredentialVault> } })
    .bridgehead;
  const c = bridge?.credentials;
  if (
    c &&
    typeof c.get === 'function' &&
    typeof c.set === 'function' &&
    typeof c.clear === 'function'
  ) {
    return c as CredentialVault;
  }
  return null;
}

export async function loadEnrollment(
  db: BridgeheadDatabase,
  vault: CredentialVault | null = platformCredentialVault(),
): Promise<Enrollment | null> {
  const row = await db.settings.get(ENROLLMENT_SETTING_KEY);
  if (!row) return null;
  const parsed = storedEnrollmentSchema.safeParse(row.value);
  if (!parsed.success) {
    console.warn('[sync] ignoring an invalid stored enrollment');
    return null;
  }
  const { credentialIn, ...stored } = parsed.data;
  if (credentialIn === 'keychain') {
    if (!vault) {
      console.warn('[sync] the credential is in the keychain, which is not available here');
      return null;
    }
    const credential = await vault.get().catch((error: unknown) => {
      console.warn('[sync] could not read the credential from the keychain', error);
      return null;
    });
    if (!credential) return null;
    return { ...stored, credential } as Enrollment;
  }
  const enrollment = stored as Enrollment;
  // An older build (or a keychain that failed once) left the secret in IndexedDB: move it.
  if (vault) await saveEnrollment(db, enrollment, vault);
  return enrollment;
}

export async function saveEnrollment(
  db: BridgeheadDatabase,
  value: Enrollment,
  vault: CredentialVault | null = platformCredentialVault(),
): Promise<void> {
  const enrollment = enrollmentSchema.parse(value);
  if (vault) {
    try {
      await vault.set(enrollment.credential);
      const { credential: _secret, ...rest } = enrollment;
      await db.settings.put({
        key: ENROLLMENT_SETTING_KEY,
        value: { ...rest, credentialIn: 'keychain' },
      });
      return;
    } catch (error) {
      // No usable keychain (e.g. Linux without a secret service): the browser fallback.
      console.warn('[sync] keychain refused the credential; keeping it in local storage', error);
    }
  }
  await db.settings.put({ key: ENROLLMENT_SETTING_KEY, value: enrollment });
}

export async function clearEnrollment(
  db: BridgeheadDatabase,
  vault: CredentialVault | null = platformCredentialVault(),
): Promise<void> {
  await db.settings.delete(ENROLLMENT_SETTING_KEY);
  if (vault) {
    await vault.clear().catch((error: unknown) => {
      console.warn('[sync] could not clear the credential from the keychain', error);
    });
  }
}

/** Device-local setting holding an offline unlink's dropped link (never synced). */
export const UNREVOKED_LINK_SETTING_KEY = 'syncUnrevokedLink';

/** A link an offline unlink dropped while HQ still lists it as active: HQ should revoke it. */
const unrevokedLinkSchema = enrollmentSchema.pick({ deviceId: true, hqUrl: true });
export type UnrevokedLink = z.infer<typeof unrevokedLinkSchema>;

/** The notice "HQ should revoke this laptop", kept across restarts until a new link. */
export async function loadUnrevokedLink(db: BridgeheadDatabase): Promise<UnrevokedLink | null> {
  const row = await db.settings.get(UNREVOKED_LINK_SETTING_KEY).catch(() => undefined);
  const parsed = unrevokedLinkSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/**
 * Keeps the notice for the link an offline unlink drops (before the link is forgotten, so it
 * outlives a restart, issue 14); returns what it keeps.
 */
export async function keepUnrevokedLink(
  db: BridgeheadDatabase,
  link: UnrevokedLink,
): Promise<UnrevokedLink> {
  const kept = { deviceId: link.deviceId, hqUrl: link.hqUrl };
  await db.settings.put({ key: UNREVOKED_LINK_SETTING_KEY, value: kept });
  return kept;
}

/** The laptop is linked again: the notice goes. */
export async function forgetUnrevokedLink(db: BridgeheadDatabase): Promise<void> {
  await db.settings.delete(UNREVOKED_LINK_SETTING_KEY);
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
