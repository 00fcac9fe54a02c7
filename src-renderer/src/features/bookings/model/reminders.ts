import { expandOccurrences, isActive, type Booking } from '@shared/bookings';

/**
 * Reminders the day before (24 h) and an hour before each active booking
 * occurrence. Pure and clock-driven so it works offline; the renderer polls
 * it once a minute and remembers what it already announced.
 */

export type ReminderLead = 'day' | 'hour';

export interface Reminder {
  /** `${bookingId}@${occurrenceStart}:${lead}`, stable across restarts. */
  readonly key: string;
  readonly bookingId: string;
  readonly start: number;
  readonly end: number;
  readonly lead: ReminderLead;
}

const HOUR = 3_600_000;
const LEADS: ReadonlyArray<{ lead: ReminderLead; ms: number; until: number }> = [
  // The day-before note still helps until an hour before; after that the hour note takes over.
  { lead: 'day', ms: 24 * HOUR, until: HOUR },
  { lead: 'hour', ms: HOUR, until: 0 },
];

export function dueReminders(
  bookings: Iterable<Booking>,
  now: number,
  alreadySent: ReadonlySet<string>,
): Reminder[] {
  const due: Reminder[] = [];
  for (const booking of bookings) {
    if (!isActive(booking)) continue;
    for (const occ of expandOccurrences(booking, { from: now, to: now + 24 * HOUR + 1 })) {
      for (const { lead, ms, until } of LEADS) {
        const key = `${booking.id}@${occ.start}:${lead}`;
        if (alreadySent.has(key)) continue;
        if (now >= occ.start - ms && now < occ.start - until) {
          due.push({ key, bookingId: booking.id, start: occ.start, end: occ.end, lead });
        }
      }
    }
  }
  return due.sort((a, b) => a.start - b.start);
}

const SENT_KEY = 'bridgehead.bookings.remindersSent';

/** Keys already shown on this device (localStorage; pruned to the last 2,000). */
export function loadSent(): Set<string> {
  try {
    const raw = localStorage.getItem(SENT_KEY);
    return new Set(raw ? (JSON.parse(raw) as string[]) : []);
  } catch {
    return new Set();
  }
}

export function saveSent(sent: ReadonlySet<string>): void {
  try {
    localStorage.setItem(SENT_KEY, JSON.stringify([...sent].slice(-2000)));
  } catch {
    // Storage full or unavailable: a reminder may repeat, nothing is lost.
  }
}
