import { DateTime } from 'luxon';

/**
 * How far away a booking is, as a reminder says it: minutes when under an
 * hour, "later today" on the same local day, "tomorrow" on the next one. Read
 * from the real distance and the local calendar day of the view zone, never
 * from which reminder (day before / hour before) fired: a booking made this
 * morning for this afternoon gets the day-before reminder at once, and it is
 * not "tomorrow"; one made six minutes ahead is not "in one hour".
 */
export type RelativeWhen =
  | { readonly kind: 'now' }
  | { readonly kind: 'minutes'; readonly count: number }
  | { readonly kind: 'laterToday' }
  | { readonly kind: 'tomorrow' }
  | { readonly kind: 'days'; readonly count: number };

const MINUTE = 60_000;

export function relativeWhen(start: number, now: number, zone: string): RelativeWhen {
  const ms = start - now;
  if (ms < MINUTE) return { kind: 'now' };
  if (ms < 60 * MINUTE) return { kind: 'minutes', count: Math.ceil(ms / MINUTE) };
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const day = DateTime.fromMillis(start, { zone }).startOf('day');
  const days = Math.round(day.diff(today, 'days').days);
  if (days <= 0) return { kind: 'laterToday' };
  if (days === 1) return { kind: 'tomorrow' };
  return { kind: 'days', count: days };
}

/** The i18n key and options of a reminder's title (namespace `bookings`). */
export function relativeWhenText(when: RelativeWhen): {
  key: string;
  options: Record<string, number>;
} {
  switch (when.kind) {
    case 'now':
      return { key: 'reminders.now', options: {} };
    case 'minutes':
      return { key: 'reminders.inMinutes', options: { count: when.count } };
    case 'laterToday':
      return { key: 'reminders.laterToday', options: {} };
    case 'tomorrow':
      return { key: 'reminders.tomorrow', options: {} };
    case 'days':
      return { key: 'reminders.inDays', options: { count: when.count } };
  }
}
