import dayjs, { type Dayjs } from 'dayjs';
import { DateTime } from 'luxon';

/**
 * Date and time pickers hold WALL time in the office's zone (dayjs values
 * are only carriers of the fields). Converts to the UTC instant stored.
 */
export function wallToUtc(date: Dayjs, time: Dayjs, timeZone: string): string | null {
  const wall = DateTime.fromObject(
    {
      year: date.year(),
      month: date.month() + 1,
      day: date.date(),
      hour: time.hour(),
      minute: time.minute(),
    },
    { zone: timeZone },
  );
  if (!wall.isValid) return null;
  return wall.toUTC().toISO({ suppressMilliseconds: true });
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
