import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Language } from '../i18n/languages';
import { displayName, type PeopleDirectory } from './people';
import { seriesEnd, toRRuleString } from './recurrence';
import type { Booking, BookingStatus } from './schemas';
import { buildVTimezone } from './vtimezone';
import { instantMs, instantToWallTime, toZoned } from './wall-time';

export interface IcsOptions {
  /** Office IANA zone: DTSTART/DTEND carry TZID=zone (recurring ones use their rule's zone). */
  readonly zone: string;
  readonly calendarName: string;
  /** Reader's language: picks the script of names in summaries. */
  readonly language?: Language;
  /** Names and vehicles for summaries; ids are used when absent. */
  readonly people?: PeopleDirectory;
  /**
   * Summary text, e.g. built with i18next in the UI ("통역 예약 · 김민지").
   * Default: resource names and the purpose code.
   */
  readonly summary?: (booking: Booking) => string;
  /** DTSTAMP (default: now). Fixed in tests for byte-stable output. */
  readonly stamp?: number | string;
  /** UID domain; UID = `<booking id>@<domain>`, stable across exports. */
  readonly uidDomain?: string;
  /** Open-ended series: VTIMEZONE covers until this instant (default: 5 years after the last start). */
  readonly coverUntil?: number | string;
}

const STATUS: Record<BookingStatus, ICalEventStatus> = {
  tentative: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

const YEAR = 366 * 86_400_000;

/**
 * RFC 5545 calendar of bookings: DTSTART/DTEND with TZID and a VTIMEZONE per
 * zone used, RRULE (UNTIL in UTC) and EXDATE (TZID) for series, STATUS, and a
 * UID stable per booking. Built with ical-generator from luxon DateTimes
 * (a native Date would be formatted in the host zone).
 */
export function toIcs(bookings: readonly Booking[], options: IcsOptions): string {
  const uidDomain = options.uidDomain ?? 'bridgehead';
  const zones = new Set<string>([options.zone]);
  let minStart = Number.POSITIVE_INFINITY;
  let maxEnd = Number.NEGATIVE_INFINITY;
  for (const b of bookings) {
    const zone = eventZone(b, options.zone);
    zones.add(zone);
    minStart = Math.min(minStart, instantMs(b.start));
    const end = seriesEnd(b);
    maxEnd = Math.max(maxEnd, Number.isFinite(end) ? end : instantMs(b.start) + 5 * YEAR);
  }
  if (!Number.isFinite(minStart)) {
    minStart = instantMs(options.stamp ?? Date.now());
    maxEnd = minStart;
  }
  const range = {
    from: minStart - YEAR,
    to:
      Math.max(maxEnd, options.coverUntil !== undefined ? instantMs(options.coverUntil) : 0) + YEAR,
  };

  const calendar = ical({
    name: options.calendarName,
    prodId: {
      company: 'Gyeongsangnam-do',
      product: 'Bridgehead',
      language: langTag(options.language),
    },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-level zone name: events without TZID then fall back to UTC
    // (see ambiguous times below), and each event's TZID gets its VTIMEZONE.
    timezone: { name: null, generator: (zone) => buildVTimezone(zone, range) },
  });
  calendar.x('X-WR-TIMEZONE', options.zone);
  const stamp = DateTime.fromMillis(instantMs(options.stamp ?? Date.now()), { zone: 'UTC' });

  for (const booking of bookings) {
    const zone = eventZone(booking, options.zone);
    // A wall time in the repeated fall-back hour is ambiguous with a TZID
    // (RFC 5545 says "first occurrence"; ical.js reads the second), so a
    // single booking there is written in UTC, which is exact.
    const inUtc =
      !booking.recurrence &&
      (instantToWallTime(booking.start, zone).ambiguous ||
        instantToWallTime(booking.end, zone).ambiguous);
    const event = calendar.createEvent({
      id: `${booking.id}@${uidDomain}`,
      start: toZoned(booking.start, inUtc ? 'UTC' : zone),
      end: toZoned(booking.end, inUtc ? 'UTC' : zone),
      timezone: inUtc ? null : zone,
      stamp,
      summary: options.summary ? options.summary(booking) : defaultSummary(booking, options),
      status: STATUS[booking.status],
      location: locationOf(booking),
      description: descriptionOf(booking),
    });
    const rule = booking.recurrence;
    if (rule) {
      // Passed as text: ical-generator would print UNTIL as local time in the
      // calendar zone, but RFC 5545 wants UTC when DTSTART has a TZID.
      const lines = [`RRULE:${toRRuleString(rule)}`];
      for (const ex of [...rule.exdates].sort()) {
        lines.push(`EXDATE;TZID=${zone}:${toZoned(ex, zone).toFormat("yyyyMMdd'T'HHmmss")}`);
      }
      event.repeating(lines.join('\n'));
    }
    if (booking.detachedFrom) {
      event.x('X-BRIDGEHEAD-SERIES', `${booking.detachedFrom.seriesId}@${uidDomain}`);
    }
  }
  return calendar.toString();
}

function eventZone(b: Booking, fallback: string): string {
  return b.recurrence?.timeZone ?? fallback;
}

function langTag(language: Language | undefined): string {
  return (language ?? 'en').toUpperCase();
}

function locationOf(b: Booking): string | null {
  if (b.kind === 'interpreter') return b.location ?? null;
  return `${b.pickUp.address} → ${b.dropOff.address}`;
}

function descriptionOf(b: Booking): string | null {
  const parts: string[] = [];
  if (b.kind === 'vehicle' && b.passengerNames.length > 0) parts.push(b.passengerNames.join(', '));
  if (b.notes) parts.push(b.notes);
  return parts.length > 0 ? parts.join('\n') : null;
}

function defaultSummary(b: Booking, options: IcsOptions): string {
  const language = options.language ?? 'en';
  const people = options.people;
  if (b.kind === 'interpreter') {
    const person = people?.interpreters?.get(b.interpreterId);
    return `${person ? displayName(person.name, language).primary : b.interpreterId} · ${b.purpose}`;
  }
  const vehicle = people?.vehicles?.get(b.vehicleId);
  const driver = b.driverId ? people?.drivers?.get(b.driverId) : undefined;
  const who = driver ? ` · ${displayName(driver.name, language).primary}` : '';
  return `${vehicle ? vehicle.plate : b.vehicleId}${who} · ${b.purpose}`;
}
