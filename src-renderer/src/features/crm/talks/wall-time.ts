import dayjs, { type Dayjs } from 'dayjs';
import { DateTime } from 'luxon';
import { fail, ok, wallTimeToInstant, type Result } from '@shared/bookings';

/**
 * Date and time pickers hold WALL time in the office's zone (dayjs values are only carriers
 * of the fields). Converts to the UTC instant stored, by the shared rule (the bookings use it
 * too): a time the clocks skip (DST gap) is refused with `bookings.wall_time_nonexistent`
 * rather than silently moved; a time that occurs twice is read as its first occurrence.
 */
export function wallToUtc(date: Dayjs, time: Dayjs, timeZone: string): Result<string> {
  if (!date.isValid() || !time.isValid()) {
    return fail('bookings.wall_time_invalid', { date: String(date), time: String(time) });
  }
  const res = wallTimeToInstant(
    { date: date.format('YYYY-MM-DD'), time: time.format('HH:mm') },
    timeZone,
    'earlier',
  );
  if (!res.ok) return res;
  // Stored as before: whole seconds without milliseconds.
  return ok(res.value.instant.replace(/\.000Z$/, 'Z'));
}

/** The current wall time in a zone, as a dayjs carrier for the pickers (rounded to 5 minutes). */
export function nowInZone(timeZone: string): Dayjs {
  const now = DateTime.now().setZone(timeZone);
  const minute = Math.floor(now.minute / 5) * 5;
  return dayjs(new Date(now.year, now.month - 1, now.day, now.hour, minute));
}

/** The stored UTC instant as wall time in its zone, as a dayjs carrier (editing a talk). */
export function utcToWall(iso: string, timeZone: string): Dayjs {
  const wall = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
  return dayjs(new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
}

/** Today's date (YYYY-MM-DD) in the office's calendar: follow-ups are due on office days. */
export function todayInZone(timeZone: string): string {
  return DateTime.now().setZone(timeZone).toISODate() ?? new Date().toISOString().slice(0, 10);
}
