import type { Dexie } from 'dexie';
import {
  bookingsForPlan,
  MISSION_TABLES,
  type Meeting,
  type MissionRecords,
} from '@shared/missions';
import type { BookingsRepository, SaveResult } from '../../bookings';
import type { Booking } from '@shared/bookings';

/**
 * Accepting a plan: the mission's meetings become `accepted` and their
 * interpreter bookings and van trips are written through the bookings
 * module (its validation and double-booking check), all in one transaction.
 * A refusal (someone booked the interpreter meanwhile) writes nothing.
 */
export async function acceptPlan(
  db: Dexie,
  bookings: BookingsRepository,
  records: MissionRecords,
  names: { firms: ReadonlyMap<string, string>; buyers: ReadonlyMap<string, string> },
): Promise<SaveResult<Booking[]>> {
  const meetings: Meeting[] = records.meetings
    .filter((m) => m.status !== 'cancelled')
    .map((m) => (m.status === 'proposed' ? { ...m, status: 'accepted' as const } : m));
  const wanted = bookingsForPlan(
    {
      mission: records.mission,
      participants: records.participants,
      requests: records.requests,
      places: records.places,
      firmNames: names.firms,
      buyerNames: names.buyers,
      bookings: records.bookings,
    },
    meetings,
  );
  return bookings.saveBookings(wanted, {
    tables: [MISSION_TABLES.meetings],
    write: async () => {
      await db.table(MISSION_TABLES.meetings).bulkPut(meetings);
    },
  });
}

/** Cancels one meeting and its bookings together. */
export async function cancelMeeting(
  db: Dexie,
  bookings: BookingsRepository,
  records: MissionRecords,
  meetingId: string,
  names: { firms: ReadonlyMap<string, string>; buyers: ReadonlyMap<string, string> },
): Promise<SaveResult<Booking[]>> {
  const meeting = records.meetings.find((m) => m.id === meetingId);
  if (!meeting)
    return {
      ok: false,
      error: { code: 'bookings.unknown_resource', params: { resourceId: meetingId } },
    };
  const cancelled = { ...meeting, status: 'cancelled' as const };
  const others = records.meetings.filter((m) => m.id !== meetingId && m.status !== 'proposed');
  const wanted = bookingsForPlan(
    {
      mission: records.mission,
      participants: records.participants,
      requests: records.requests,
      places: records.places,
      firmNames: names.firms,
      buyerNames: names.buyers,
      bookings: records.bookings,
    },
    others,
  );
  // Only this meeting's bookings change. Re-saving the others would re-check them, and after two
  // laptops accepted different plans offline they clash with each other: cancelling one of the
  // duplicates, the way out of that clash, would be refused.
  const own = wanted.filter((b) => b.id.startsWith(`${meetingId}:`));
  return bookings.saveBookings(own, {
    tables: [MISSION_TABLES.meetings],
    write: async () => {
      await db.table(MISSION_TABLES.meetings).put(cancelled);
    },
  });
}
