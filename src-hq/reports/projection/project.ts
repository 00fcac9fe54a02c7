/** The projector of a batch of changed records: each fact kind to its own read models. */
import { sql } from 'kysely';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { ChangedRecord } from '../../sync/projectors';
import { officeZones, type DB } from './common';
import { projectBookings, projectResources } from './bookings';
import { projectFirms } from './firms';
import { projectMissionMeetings, projectMissions } from './missions';
import { projectBuyersAndTalks } from './talks';
import { upsertRows } from './upsert';

/** A changed record as the projections see it (what the push hands its projectors). */
export type ProjectionChange = ChangedRecord;

/** Tables the projections read. */
export const PROJECTED_TABLES = [
  'smeFirms',
  'buyers',
  'tradeTalks',
  'interpreters',
  'vehicles',
  'interpreterBookings',
  'vehicleTrips',
  'missions',
  'missionMeetings',
] as const;

export interface ProjectOptions {
  now: number;
  /** Record the office's last change time (false during a rebuild). */
  touchOffices?: boolean;
  /** Cached office zones (rebuild passes one map for every batch). */
  zones?: Map<string, string>;
}

function byTable(changes: readonly ProjectionChange[]) {
  const out = new Map<string, ProjectionChange[]>();
  for (const c of changes) {
    const list = out.get(c.tbl);
    if (list) list.push(c);
    else out.set(c.tbl, [c]);
  }
  return out;
}

/** Applies changed records to the read models. Run inside the write transaction. */
export async function projectChanges(
  db: DB,
  changes: readonly ProjectionChange[],
  opts: ProjectOptions,
): Promise<void> {
  const tables = byTable(changes);
  const of = (...names: string[]) => names.flatMap((n) => tables.get(n) ?? []);
  if ([...tables.keys()].some((t) => (PROJECTED_TABLES as readonly string[]).includes(t))) {
    const zones = opts.zones ?? (await officeZones(db));
    await projectFirms(db, of('smeFirms'));
    await projectResources(db, of('interpreters', 'vehicles'));
    await projectBookings(db, of('interpreterBookings', 'vehicleTrips'), zones);
    await projectBuyersAndTalks(db, of('buyers'), of('tradeTalks'), zones);
    await projectMissions(db, of('missions'));
    await projectMissionMeetings(db, of('missionMeetings'));
  }
  if (opts.touchOffices !== false) await touchOffices(db, changes, opts.now);
}

/**
 * `projectChanges` inside a SAVEPOINT: a failure of the read models (a bug, a corrupt table)
 * must never refuse a push — sync comes first. On failure the projection is rolled back, the
 * push still commits, the error is logged and the reports may lag until
 * `npm run hq -- reports:rebuild`. Returns false on such a failure.
 */
export async function projectChangesSafely(
  db: DB,
  changes: readonly ProjectionChange[],
  opts: ProjectOptions & { log?: (message: string) => void },
): Promise<boolean> {
  if (changes.length === 0) return true;
  await sql`savepoint report_projection`.execute(db);
  try {
    await projectChanges(db, changes, opts);
    await sql`release savepoint report_projection`.execute(db);
    return true;
  } catch (e) {
    await sql`rollback to savepoint report_projection`.execute(db);
    await sql`release savepoint report_projection`.execute(db);
    (opts.log ?? console.error)(
      `HQ reports: projection failed, the push is kept; run \`npm run hq -- reports:rebuild\`: ${String(e)}`,
    );
    return false;
  }
}

/** report_office_status: the latest change per office (freshness). */
async function touchOffices(db: DB, changes: readonly ProjectionChange[], now: number) {
  const offices = [...new Set(changes.map((c) => c.partition))]
    .filter((p) => p !== SHARED_PARTITION)
    .sort();
  await upsertRows(
    db,
    'report_office_status',
    offices.map((office_id) => ({ office_id, last_change_at: now })),
    ['office_id'],
    ['last_change_at'],
  );
}
