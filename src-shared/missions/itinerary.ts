import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { buildVTimezone } from '../bookings/vtimezone';
import { instantMs, instantToWallTime, toZoned } from '../bookings/wall-time';
import type { MissionRecords } from './planner/build-problem';
import type { Leg, Meeting, MeetingRequest, Participant } from './schemas';

/**
 * Itineraries of a mission (issue 13, item 4): the planned meetings grouped by
 * the office's local day, for one SME, one buyer or the whole delegation (the
 * overview grid of days × SMEs), and an iCalendar file of them. Names,
 * addresses and phones are picked by the screen (it knows the reader's
 * language); this module only selects, orders and groups.
 */

export interface ItineraryStop {
  readonly meeting: Meeting;
  readonly request: MeetingRequest;
  readonly participant: Participant;
  /** The van legs of this meeting, in time order (to the meeting, then back to the hotel). */
  readonly legs: readonly Leg[];
}

export interface ItineraryDay {
  /** Local date in the mission's zone, `YYYY-MM-DD`. */
  readonly date: string;
  readonly stops: readonly ItineraryStop[];
}

export type ItinerarySubject =
  | { readonly kind: 'sme'; readonly participantId: string }
  | { readonly kind: 'buyer'; readonly buyerId: string }
  | { readonly kind: 'all' };

/** Meetings of the plan (not cancelled) for a subject, grouped by local day, in time order. */
export function itineraryDays(records: MissionRecords, subject: ItinerarySubject): ItineraryDay[] {
  const requests = new Map(records.requests.map((r) => [r.id, r]));
  const participants = new Map(records.participants.map((p) => [p.id, p]));
  const zone = records.mission.timeZone;
  const byDay = new Map<string, ItineraryStop[]>();
  for (const meeting of records.meetings) {
    if (meeting.status === 'cancelled') continue;
    const request = requests.get(meeting.requestId);
    const participant = request ? participants.get(request.participantId) : undefined;
    if (!request || !participant) continue;
    if (subject.kind === 'sme' && participant.id !== subject.participantId) continue;
    if (subject.kind === 'buyer' && request.buyerId !== subject.buyerId) continue;
    const date = localDate(meeting.start, zone);
    const legs = [...meeting.legs].sort((a, b) => instantMs(a.start) - instantMs(b.start));
    byDay.set(date, [...(byDay.get(date) ?? []), { meeting, request, participant, legs }]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, stops]) => ({
      date,
      stops: stops.sort((a, b) => instantMs(a.meeting.start) - instantMs(b.meeting.start)),
    }));
}

/** The mission's days (arrival to departure) as local dates. */
export function missionDays(records: MissionRecords): string[] {
  const out: string[] = [];
  let day = DateTime.fromISO(records.mission.arrival, { zone: 'UTC' });
  const last = DateTime.fromISO(records.mission.departure, { zone: 'UTC' });
  while (day <= last && out.length < 31) {
    out.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return out;
}

/** Days × firms: each cell the firm's meetings that day. Days with meetings outside the mission's dates are added. */
export function missionOverview(records: MissionRecords): {
  readonly dates: readonly string[];
  readonly rows: readonly {
    readonly participant: Participant;
    readonly cells: ReadonlyMap<string, readonly ItineraryStop[]>;
  }[];
} {
  const days = itineraryDays(records, { kind: 'all' });
  const dates = [...new Set([...missionDays(records), ...days.map((d) => d.date)])].sort();
  const rows = records.participants.map((participant) => {
    const cells = new Map<string, ItineraryStop[]>();
    for (const day of days) {
      const stops = day.stops.filter((s) => s.participant.id === participant.id);
      if (stops.length > 0) cells.set(day.date, stops);
    }
    return { participant, cells };
  });
  return { dates, rows };
}

export function localDate(instant: string, zone: string): string {
  return toZoned(instant, zone).toISODate()!;
}

export interface ItineraryIcsOptions {
  readonly zone: string;
  readonly calendarName: string;
  /** Upper-case language tag of the calendar (`KO`, `JA`…). */
  readonly language: string;
  readonly summary: (stop: ItineraryStop) => string;
  readonly location: (stop: ItineraryStop) => string | null;
  readonly description: (stop: ItineraryStop) => string | null;
  /** DTSTAMP (default: now); fixed in tests. */
  readonly stamp?: number | string;
  readonly uidDomain?: string;
}

/**
 * An RFC 5545 calendar of an itinerary's meetings (ical-generator, as the
 * bookings' ICS): DTSTART/DTEND with the mission's TZID and its VTIMEZONE,
 * UID per meeting (stable across exports, so a re-import updates), STATUS
 * tentative while proposed. A meeting starting or ending in the repeated
 * fall-back hour is written in UTC (with a TZID that wall time is ambiguous:
 * RFC 5545 says "first occurrence", ical.js reads the second), as the
 * bookings' ICS does.
 */
export function itineraryIcs(days: readonly ItineraryDay[], options: ItineraryIcsOptions): string {
  const stops = days.flatMap((d) => d.stops);
  const starts = stops.map((s) => instantMs(s.meeting.start));
  const from = starts.length ? Math.min(...starts) : instantMs(options.stamp ?? Date.now());
  const YEAR = 366 * 86_400_000;
  const calendar = ical({
    name: options.calendarName,
    prodId: { company: 'Gyeongsangnam-do', product: 'Bridgehead', language: options.language },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-level zone: an event written in UTC (ambiguous wall time) stays UTC.
    timezone: {
      name: null,
      generator: (zone) => buildVTimezone(zone, { from: from - YEAR, to: from + YEAR }),
    },
  });
  calendar.x('X-WR-TIMEZONE', options.zone);
  const stamp = DateTime.fromMillis(instantMs(options.stamp ?? Date.now()), { zone: 'UTC' });
  const uidDomain = options.uidDomain ?? 'bridgehead';
  for (const stop of stops) {
    const inUtc =
      instantToWallTime(stop.meeting.start, options.zone).ambiguous ||
      instantToWallTime(stop.meeting.end, options.zone).ambiguous;
    calendar.createEvent({
      id: `${stop.meeting.id}@${uidDomain}`,
      start: toZoned(stop.meeting.start, inUtc ? 'UTC' : options.zone),
      end: toZoned(stop.meeting.end, inUtc ? 'UTC' : options.zone),
      timezone: inUtc ? null : options.zone,
      stamp,
      summary: options.summary(stop),
      status:
        stop.meeting.status === 'proposed' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      location: options.location(stop),
      description: options.description(stop),
    });
  }
  return calendar.toString();
}
