/**
 * Device credentials and enrollment codes. Secrets are random and stored only as
 * SHA-256 hashes, so a leaked database does not let anyone sync.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HqDatabase } from './db/connect';
import type { HqSchema } from './db/schema';
import { withWriteTransaction } from './db/transaction';
import { HttpError } from './errors';
import {
  consumeEnrollmentCode,
  findDeviceByCredentialHash,
  findStaff,
  insertDevice,
  insertEnrollmentCode,
  insertStaff,
  revokeDevice,
  type Device,
  type StaffMember,
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

/**
 * Whom a code links a laptop for: a staff member HQ already knows (by id: their other
 * laptops share it), or a new one by name (a new id). Null: nobody named (older tooling).
 */
export type PersonChoice = { staffId: string } | { name: string };

export async function createEnrollmentCode(
  hq: HqDatabase,
  officeId: string | null,
  now = Date.now(),
  ttlMs = ENROLLMENT_CODE_TTL_MS,
  person: PersonChoice | null = null,
): Promise<string> {
  return (await issueEnrollmentCode(hq, officeId, now, ttlMs, person)).code;
}

/** A new one-time code, and the staff member it is for (created when named anew). */
export async function issueEnrollmentCode(
  hq: HqDatabase,
  officeId: string | null,
  now = Date.now(),
  ttlMs = ENROLLMENT_CODE_TTL_MS,
  person: PersonChoice | null = null,
): Promise<{ code: string; staff: StaffMember | null }> {
  if (officeId !== null && !(await officeExists(hq.db, officeId))) {
    throw new HttpError(400, 'office_unknown', `No such office: ${officeId}`);
  }
  const code = generateEnrollmentCode();
  const staff = await withWriteTransaction(hq, async (trx) => {
    let staff: StaffMember | null = null;
    if (person && 'staffId' in person) {
      staff = (await findStaff(trx, person.staffId)) ?? null;
      if (!staff) throw new HttpError(404, 'not_found', `No such staff member: ${person.staffId}`);
    } else if (person) {
      staff = { id: randomUUID(), name: person.name.trim() };
      await insertStaff(trx, { ...staff, now });
    }
    await insertEnrollmentCode(trx, {
      codeHash: sha256Hex(normalizeEnrollmentCode(code)),
      officeId,
      now,
      expiresAt: now + ttlMs,
      person: staff?.name ?? null,
      staffId: staff?.id ?? null,
    });
    return staff;
  });
  return { code, staff };
}

export async function enrollDevice(
  hq: HqDatabase,
  code: string,
  deviceName: string,
  now = Date.now(),
  replaces?: string,
): Promise<{
  deviceId: string;
  credential: string;
  officeId: string | null;
  staff: StaffMember | null;
  replaced?: { deviceId: string; accessLogSeq: number };
}> {
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
      staffId: used.staffId,
    });
    const staff = used.staffId === null ? null : ((await findStaff(trx, used.staffId)) ?? null);
    const replaced =
      replaces === undefined ? undefined : await replaceLink(trx, replaces, deviceId, now);
    return { officeId: used.officeId, staff, replaced };
  });
  if (!result) {
    throw new HttpError(401, 'enrollment_code_invalid', 'Unknown, used or expired enrollment code');
  }
  return {
    deviceId,
    credential,
    officeId: result.officeId,
    staff: result.staff,
    ...(result.replaced ? { replaced: result.replaced } : {}),
  };
}

/**
 * A relink (issue 14): the laptop proves it held `credential`. That device is revoked (one
 * laptop, one live link) and its access-record chain head becomes the new device's, so the
 * entries the laptop sends next continue the verified chain instead of starting a new one
 * (the laptop never sends again what HQ holds under the old device). An unknown credential
 * replaces nothing.
 */
async function replaceLink(
  trx: Kysely<HqSchema>,
  credential: string,
  deviceId: string,
  now: number,
): Promise<{ deviceId: string; accessLogSeq: number } | undefined> {
  const old = await findDeviceByCredentialHash(trx, sha256Hex(credential));
  if (!old || old.id === deviceId) return undefined;
  await revokeDevice(trx, old.id, now, 'relink');
  const chain = await trx
    .selectFrom('access_chains')
    .select(['head_seq', 'head_hash'])
    .where('device_id', '=', old.id)
    .executeTakeFirst();
  if (chain) {
    await trx
      .insertInto('access_chains')
      .values({ device_id: deviceId, head_seq: chain.head_seq, head_hash: chain.head_hash })
      .execute();
  }
  return { deviceId: old.id, accessLogSeq: chain ? Number(chain.head_seq) : 0 };
}

/** The device a bearer header names, revoked or not (401 `unauthorized` if none). */
async function deviceOfHeader(hq: HqDatabase, header: string | undefined): Promise<Device> {
  const m = header ? /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(header) : null;
  if (!m) throw new HttpError(401, 'unauthorized', 'Missing or malformed credential');
  const device = await findDeviceByCredentialHash(hq.db, sha256Hex(m[1]!));
  if (!device) throw new HttpError(401, 'unauthorized', 'Unknown credential');
  return device;
}

/** Resolves the `Authorization: Bearer <credential>` header to a live device. */
export async function authenticate(hq: HqDatabase, header: string | undefined): Promise<Device> {
  const device = await deviceOfHeader(hq, header);
  if (device.revokedAt !== null) throw new HttpError(401, 'device_revoked', 'Device revoked by HQ');
  return device;
}

/**
 * A laptop unlinking revokes its own link (issue 14): only the device whose credential the
 * header carries, never another. Idempotent: a credential already revoked answers its first
 * revocation (a lost answer is simply asked again); it still opens nothing else.
 */
export async function revokeSelf(
  hq: HqDatabase,
  header: string | undefined,
  now: number,
): Promise<{ device: Device; alreadyRevoked: boolean }> {
  const device = await deviceOfHeader(hq, header);
  if (device.revokedAt !== null) return { device, alreadyRevoked: true };
  await revokeDevice(hq.db, device.id, now, 'device');
  const after = await findDeviceByCredentialHash(hq.db, sha256Hex(header!.slice(7)));
  return { device: after!, alreadyRevoked: after!.revokedBy !== 'device' };
}
