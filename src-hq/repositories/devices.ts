import type { Kysely } from 'kysely';
import type { Dialect } from '../db/connect';
import type { HqSchema } from '../db/schema';

export interface Device {
  id: string;
  name: string;
  officeId: string | null;
  createdAt: number;
  lastSyncAt: number | null;
  revokedAt: number | null;
  /** Who revoked it (null: not revoked, or revoked before HQ recorded who). */
  revokedBy: DeviceRevokedBy | null;
  /** App version reported with the last sync (null: never reported). */
  appVersion: string | null;
  /** The staff member the laptop is linked for (null: linked before laptops were named). */
  staffId: string | null;
  staffName: string | null;
}

type DeviceRow = HqSchema['devices'];

/** `hq`: HQ's Laptops screen or CLI; `device`: the laptop itself (an unlink); `relink`: a new link replaced it. */
export type DeviceRevokedBy = 'hq' | 'device' | 'relink';

const REVOKED_BY: readonly string[] = ['hq', 'device', 'relink'] satisfies DeviceRevokedBy[];

function toDevice(
  r: Pick<DeviceRow, Exclude<keyof DeviceRow, 'credential_hash'>> & { staff_name: string | null },
): Device {
  return {
    id: r.id,
    name: r.name,
    officeId: r.office_id,
    createdAt: r.created_at,
    lastSyncAt: r.last_sync_at,
    revokedAt: r.revoked_at,
    revokedBy:
      r.revoked_at !== null && r.revoked_by !== null && REVOKED_BY.includes(r.revoked_by)
        ? (r.revoked_by as DeviceRevokedBy)
        : null,
    appVersion: r.app_version,
    staffId: r.staff_id,
    staffName: r.staff_name,
  };
}

const DEVICE_COLUMNS = [
  'devices.id',
  'devices.name',
  'devices.office_id',
  'devices.created_at',
  'devices.last_sync_at',
  'devices.revoked_at',
  'devices.revoked_by',
  'devices.app_version',
  'devices.staff_id',
  'staff.name as staff_name',
] as const;

/** Devices with the name of the staff member each is linked for. */
const devicesWithStaff = (db: Kysely<HqSchema>) =>
  db.selectFrom('devices').leftJoin('staff', 'staff.id', 'devices.staff_id');

export async function insertDevice(
  db: Kysely<HqSchema>,
  d: {
    id: string;
    name: string;
    officeId: string | null;
    credentialHash: string;
    now: number;
    staffId?: string | null;
  },
) {
  await db
    .insertInto('devices')
    .values({
      id: d.id,
      name: d.name,
      office_id: d.officeId,
      credential_hash: d.credentialHash,
      created_at: d.now,
      last_sync_at: null,
      revoked_at: null,
      revoked_by: null,
      app_version: null,
      staff_id: d.staffId ?? null,
    })
    .execute();
}

export async function findDeviceByCredentialHash(
  db: Kysely<HqSchema>,
  hash: string,
): Promise<Device | undefined> {
  const row = await devicesWithStaff(db)
    .select(DEVICE_COLUMNS)
    .where('devices.credential_hash', '=', hash)
    .executeTakeFirst();
  return row && toDevice(row);
}

export async function listDevices(db: Kysely<HqSchema>): Promise<Device[]> {
  const rows = await devicesWithStaff(db)
    .select(DEVICE_COLUMNS)
    .orderBy('devices.created_at')
    .execute();
  return rows.map(toDevice);
}

/**
 * Returns false if no such device. Revoking twice keeps the first revocation (its time and
 * who did it).
 */
export async function revokeDevice(
  db: Kysely<HqSchema>,
  id: string,
  now = Date.now(),
  by: DeviceRevokedBy = 'hq',
) {
  const exists = await db
    .selectFrom('devices')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exists) return false;
  await db
    .updateTable('devices')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

/** Records a sync (and the app version the laptop sent with it, when it sent one). */
export async function touchDeviceSync(
  trx: Kysely<HqSchema>,
  id: string,
  now: number,
  appVersion?: string | null,
) {
  await trx
    .updateTable('devices')
    .set(appVersion ? { last_sync_at: now, app_version: appVersion } : { last_sync_at: now })
    .where('id', '=', id)
    .execute();
}

/** Who each used enrollment code was for, by the device it enrolled. */
export async function devicePersons(db: Kysely<HqSchema>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('enrollment_codes')
    .select(['device_id', 'person'])
    .where('device_id', 'is not', null)
    .where('person', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.device_id!, r.person!]));
}

// ---- staff (the people laptops are linked for) ----

export interface StaffMember {
  id: string;
  name: string;
}

export async function insertStaff(db: Kysely<HqSchema>, s: StaffMember & { now: number }) {
  await db.insertInto('staff').values({ id: s.id, name: s.name, created_at: s.now }).execute();
}

export async function findStaff(
  db: Kysely<HqSchema>,
  id: string,
): Promise<StaffMember | undefined> {
  return db.selectFrom('staff').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Every staff member, by name (the enrollment form offers them for a new laptop). */
export async function listStaff(db: Kysely<HqSchema>): Promise<StaffMember[]> {
  const rows = await db.selectFrom('staff').select(['id', 'name']).execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

// ---- enrollment codes ----

export async function insertEnrollmentCode(
  db: Kysely<HqSchema>,
  c: {
    codeHash: string;
    officeId: string | null;
    now: number;
    expiresAt: number;
    person?: string | null;
    staffId?: string | null;
  },
) {
  await db
    .insertInto('enrollment_codes')
    .values({
      code_hash: c.codeHash,
      office_id: c.officeId,
      created_at: c.now,
      expires_at: c.expiresAt,
      used_at: null,
      device_id: null,
      person: c.person ?? null,
      staff_id: c.staffId ?? null,
    })
    .execute();
}

/**
 * Marks a code used (once, atomically) and returns its office; undefined if the code
 * is unknown, used or expired.
 */
export async function consumeEnrollmentCode(
  trx: Kysely<HqSchema>,
  codeHash: string,
  deviceId: string,
  now: number,
): Promise<{ officeId: string | null; staffId: string | null } | undefined> {
  const res = await trx
    .updateTable('enrollment_codes')
    .set({ used_at: now, device_id: deviceId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return undefined;
  const row = await trx
    .selectFrom('enrollment_codes')
    .select(['office_id', 'staff_id'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirstOrThrow();
  return { officeId: row.office_id, staffId: row.staff_id };
}

// ---- clients (one local database of a device; idempotency state) ----

/** Gets (creating if needed) and locks the client's row for this transaction. */
export async function lockClient(
  trx: Kysely<HqSchema>,
  dialect: Dialect,
  deviceId: string,
  clientId: string,
  now: number,
): Promise<{ lastMutationId: number }> {
  await trx
    .insertInto('clients')
    .values({ device_id: deviceId, client_id: clientId, last_mutation_id: 0, last_seen_at: now })
    .onConflict((oc) => oc.columns(['device_id', 'client_id']).doNothing())
    .execute();
  let q = trx
    .selectFrom('clients')
    .select('last_mutation_id')
    .where('device_id', '=', deviceId)
    .where('client_id', '=', clientId);
  if (dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirstOrThrow();
  return { lastMutationId: row.last_mutation_id };
}

export async function setClientProgress(
  trx: Kysely<HqSchema>,
  deviceId: string,
  clientId: string,
  lastMutationId: number,
  now: number,
) {
  await trx
    .updateTable('clients')
    .set({ last_mutation_id: lastMutationId, last_seen_at: now })
    .where('device_id', '=', deviceId)
    .where('client_id', '=', clientId)
    .execute();
}

export async function getClientLastMutationId(
  db: Kysely<HqSchema>,
  deviceId: string,
  clientId: string,
): Promise<number> {
  const row = await db
    .selectFrom('clients')
    .select('last_mutation_id')
    .where('device_id', '=', deviceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.last_mutation_id ?? 0;
}
