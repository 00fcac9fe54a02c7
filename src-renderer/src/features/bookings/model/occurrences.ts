import { expandOccurrences, type Booking, type Occurrence } from '@shared/bookings';
import type { AxisRange } from './time-axis';

// Parsed once per stored record (records are immutable snapshots).
const spans = new WeakMap<Booking, { start: number; end: number }>();

/**
 * Occurrences overlapping a range. Single bookings (nearly all of them) skip
 * the recurrence machinery: the week view tests 2,000 bookings per render.
 */
export function occurrencesIn(booking: Booking, range: AxisRange): Occurrence[] {
  if (booking.recurrence) return expandOccurrences(booking, range);
  let span = spans.get(booking);
  if (!span) {
    span = { start: Date.parse(booking.start), end: Date.parse(booking.end) };
    spans.set(booking, span);
  }
  return span.start < range.to && span.end > range.from
    ? [{ bookingId: booking.id, start: span.start, end: span.end, index: 0 }]
    : [];
}
