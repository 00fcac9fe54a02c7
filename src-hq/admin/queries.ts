/**
 * Read models of the administration API. Offices and devices come from the shared
 * repositories; what only the admin screens need (counts, freshness, code list) is here.
 */
import type { Kysely } from 'kysely';
import type { AdminOffice, EnrollmentCodeInfo, OfficesResponse } from '@shared/admin/api';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { HqSchema } from '../db/schema';
import { listDevices } from '../repositories/devices';
import { listOffices } from '../repositories/offices';

function parseNames(json: string): AdminOffice['names'] {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as AdminOffice['names']) : {};
  } catch {
    return {};
  }
}

/**
 * Every office with its live record counts per table, when HQ last stored one of its
 * changes and when its devices last synced. Counts are one grouped query over the
 * records' primary key (office_id, tbl, id); the last change is the row with the highest
 * seq of each partition (seq and updated_at grow together under the partition lock),
 * read through the (office_id, seq) index.
 */
export async function officeOverview(db: Kysely<HqSchema>, now: number): Promise<OfficesResponse> {
  const offices = await listOffices(db);
  const counts = await db
    .selectFrom('records')
    .select(['office_id', 'tbl', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted', '=', 0)
    .groupBy(['office_id', 'tbl'])
    .execute();
  const lastChanges = await db
    .selectFrom('offices as o')
    .select([
      'o.id',
      (eb) =>
        eb
          .selectFrom('records as r')
          .select('r.updated_at')
          .whereRef('r.office_id', '=', 'o.id')
          .orderBy('r.seq', 'desc')
          .limit(1)
          .as('last_change_at'),
    ])
    .execute();
  const devices = await listDevices(db);

  const countsBy = new Map<string, Record<string, number>>();
  for (const c of counts) {
    const row = countsBy.get(c.office_id) ?? {};
    row[c.tbl] = Number(c.n);
    countsBy.set(c.office_id, row);
  }
  const lastChangeBy = new Map(
    lastChanges.map((r) => [r.id, r.last_change_at === null ? null : Number(r.last_change_at)]),
  );

  return {
    offices: offices.map((o) => {
      const mine = devices.filter((d) => d.officeId === o.id);
      const syncs = mine.map((d) => d.lastSyncAt).filter((t): t is number => t !== null);
      return {
        id: o.id,
        kind: o.kind,
        country: o.country,
        timeZone: o.time_zone,
        currency: o.currency,
        localLanguage: o.local_language,
        names: parseNames(o.names),
        counts: countsBy.get(o.id) ?? {},
        lastChangeAt: lastChangeBy.get(o.id) ?? null,
        lastDeviceSyncAt: syncs.length ? Math.max(...syncs) : null,
        devices: mine.length,
        activeDevices: mine.filter((d) => d.revokedAt === null).length,
      };
    }),
    sharedCounts: countsBy.get(SHARED_PARTITION) ?? {},
    serverTime: now,
  };
}

/** Issued codes, newest first, without their secrets (only hashes are stored anyway). */
export async function listEnrollmentCodes(
  db: Kysely<HqSchema>,
  limit = 200,
): Promise<EnrollmentCodeInfo[]> {
  const rows = await db
    .selectFrom('enrollment_codes')
    .select(['office_id', 'created_at', 'expires_at', 'used_at', 'device_id', 'person'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    officeId: r.office_id,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    usedAt: r.used_at === null ? null : Number(r.used_at),
    deviceId: r.device_id,
    staffName: r.person,
  }));
}
