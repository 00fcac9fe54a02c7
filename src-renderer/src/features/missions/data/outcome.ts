import type { Dexie } from 'dexie';
import { interpreterBookingId, legTripId, MISSION_TABLES, parseMeeting } from '@shared/missions';
import type { TalkLink } from '../../crm';

const BOOKING_TABLES = { interpreter: 'interpreterBookings', vehicle: 'vehicleTrips' } as const;

/**
 * Recording a meeting's outcome: the trade talk is written by the CRM talk
 * repository and, in the same transaction, the meeting is marked done and
 * points at its talk, and so do the meeting's existing bookings (interpreter
 * booking and van legs; the ids derive from the meeting's), so HQ and the
 * booking screens see the talk without a re-accept. A meeting gone meanwhile
 * (deleted by sync) aborts the whole write, so no talk is left without its meeting.
 */
export function outcomeLink(db: Dexie, meetingId: string): TalkLink {
  return {
    tables: [MISSION_TABLES.meetings, BOOKING_TABLES.interpreter, BOOKING_TABLES.vehicle],
    write: async (talk) => {
      const parsed = parseMeeting(await db.table(MISSION_TABLES.meetings).get(meetingId));
      if (!parsed.ok)
        throw Object.assign(new Error('meeting gone'), { code: 'missions.unknown_record' });
      await db
        .table(MISSION_TABLES.meetings)
        .put({ ...parsed.value, status: 'done', tradeTalkId: talk.id });
      const linked: Array<[string, string]> = [
        [BOOKING_TABLES.interpreter, interpreterBookingId(meetingId)],
        [BOOKING_TABLES.vehicle, legTripId(meetingId, 'in')],
        [BOOKING_TABLES.vehicle, legTripId(meetingId, 'out')],
      ];
      for (const [table, id] of linked) {
        // update(): a meeting without an interpreter or van has no such booking; nothing is created.
        await db.table(table).update(id, { tradeTalkId: talk.id });
      }
    },
  };
}
