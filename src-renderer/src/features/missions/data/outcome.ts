import type { Dexie } from 'dexie';
import { MISSION_TABLES, parseMeeting } from '@shared/missions';
import type { TalkLink } from '../../crm';

/**
 * Recording a meeting's outcome: the trade talk is written by the CRM talk
 * repository and, in the same transaction, the meeting is marked done and
 * points at its talk. A meeting gone meanwhile (deleted by sync) aborts the
 * whole write, so no talk is left without its meeting.
 */
export function outcomeLink(db: Dexie, meetingId: string): TalkLink {
  return {
    tables: [MISSION_TABLES.meetings],
    write: async (talk) => {
      const parsed = parseMeeting(await db.table(MISSION_TABLES.meetings).get(meetingId));
      if (!parsed.ok)
        throw Object.assign(new Error('meeting gone'), { code: 'missions.unknown_record' });
      await db
        .table(MISSION_TABLES.meetings)
        .put({ ...parsed.value, status: 'done', tradeTalkId: talk.id });
    },
  };
}
