/**
 * Trade missions (issue 13): report_missions (name, kind, status, dates) and
 * report_mission_meetings (each meeting's status and the trade talk its outcome became).
 * The mission's bookings need nothing here: a plan's bookings carry the mission as
 * requester (`delegationId`), so report_delegations already keys them `id:<mission id>`.
 * Deleted missions and meetings lose their rows.
 */
import type { ChangedRecord } from '../../sync/projectors';
import { CHUNK, groupBy, str, type DB } from './common';
import { upsertRows } from './upsert';

async function deleteIds(
  db: DB,
  table: 'report_missions' | 'report_mission_meetings',
  column: 'id' | 'meeting_id',
  changes: readonly ChangedRecord[],
): Promise<void> {
  for (const [office, group] of groupBy(changes, (c) => c.partition)) {
    const ids = group.map((c) => c.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await db
        .deleteFrom(table)
        .where('office_id', '=', office)
        .where(column as 'id', 'in', ids.slice(i, i + CHUNK))
        .execute();
    }
  }
}

export async function projectMissions(db: DB, changes: readonly ChangedRecord[]): Promise<void> {
  await deleteIds(
    db,
    'report_missions',
    'id',
    changes.filter((c) => c.after.deleted),
  );
  const kept = changes.filter((c) => !c.after.deleted);
  await upsertRows(
    db,
    'report_missions',
    kept.map((c) => {
      const d = c.after.data;
      return {
        office_id: c.partition,
        id: c.id,
        name: str(d.name),
        kind: str(d.kind),
        status: str(d.status),
        arrival: str(d.arrival),
        departure: str(d.departure),
      };
    }),
    ['office_id', 'id'],
    ['name', 'kind', 'status', 'arrival', 'departure'],
  );
}

export async function projectMissionMeetings(
  db: DB,
  changes: readonly ChangedRecord[],
): Promise<void> {
  // A meeting without a mission cannot be reported under one: treated as gone.
  const gone = changes.filter((c) => c.after.deleted || !str(c.after.data.missionId));
  await deleteIds(db, 'report_mission_meetings', 'meeting_id', gone);
  const kept = changes.filter((c) => !gone.includes(c));
  await upsertRows(
    db,
    'report_mission_meetings',
    kept.map((c) => {
      const d = c.after.data;
      return {
        office_id: c.partition,
        meeting_id: c.id,
        mission_id: str(d.missionId),
        status: str(d.status),
        talk_id: str(d.tradeTalkId) || null,
      };
    }),
    ['office_id', 'meeting_id'],
    ['mission_id', 'status', 'talk_id'],
  );
}
