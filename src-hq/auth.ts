/**
 * Device credentials and enrollment codes. Secrets are random and stored only as
 * SHA-256 hashes, so a leaked database does not let anyone sync.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { HqDatabase } from './db/connect';
import { withWriteTransaction } from './db/transaction';
import { HttpError } from './errors';
import {
  consumeEnrollmentCode,
  findDeviceByCredentialHash,
  insertDevice,
  insertEnrollmentCode,
  type Device,
} from './repositories/devices';
import { officeExists } from './repositories/offices';

export const ENROLLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;
// Crockford base32: no I, L, O, U, so codes read aloud over the phone survive.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** 16 symbols = 80 bits, shown as XXXX-XXXX-XXXX-XXXX. */
export function generateEnrollmentCode(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += CODE_ALPHABET[bytes[i]! % 32];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  return out;
}

export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export async function createEnrollmentCode(
  hq: HqDatabase,
  officeId: string | null,
  now = Date.now(),
  ttlMs = ENROLLMENT_CODE_TTL_MS,
  person: string | null = null,
): Promise<string> {
  if (officeId !== null && !(await officeExists(hq.db, officeId))) {
    throw new HttpError(400, 'office_unknown', `No such office: ${officeId}`);
  }
  const code = generateEnrollmentCode();
  await insertEnrollmentCode(hq.db, {
    codeHash: sha256Hex(normalizeEnrollmentCode(code)),
    officeId,
    now,
    expiresAt: now + ttlMs,
    person,
  });
  return code;
}

export async function enrollDevice(
  hq: HqDatabase,
  code: string,
  deviceName: string,
  now = Date.now(),
): Promise<{ deviceId: string; credential: string; officeId: string | null }> {
  const deviceId = randomUUID();
  const credential = generateCredential();
  const result = await withWriteTransaction(hq, async (trx) => {
    const used = await consumeEnrollmentCode(
      trx,
      sha256Hex(normalizeEnrollmentCode(code)),
      deviceId,
      now,
    );
    if (!used) return undefined;
    await insertDevice(trx, {
      id: deviceId,
      name: deviceName,
      officeId: used.officeId,
      credentialHash: sha256Hex(credential),
      now,
    });
    return used;
  });
  if (!result) {
    throw new HttpError(401, 'enrollment_code_invalid', 'Unknown, used or expired enrollment code');
  }
  return { deviceId, credential, officeId: result.officeId };
}

/** Resolves the `Authorization: Bearer <credential>` header to a live device. */
export async function authenticate(hq: HqDatabase, header: string | undefined): Promise<Device> {
  const m = header ? /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(header) : null;
  if (!m) throw new HttpError(401, 'unauthorized', 'Missing or malformed credential');
  const device = await findDeviceByCredentialHash(hq.db, sha256Hex(m[1]!));
  if (!device) throw new HttpError(401, 'unauthorized', 'Unknown credential');
  if (device.revokedAt !== null) throw new HttpError(401, 'device_revoked', 'Device revoked by HQ');
  return device;
}
