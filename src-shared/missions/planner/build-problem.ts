import { DateTime } from 'luxon';
import { expandOccurrences } from '../../bookings/recurrence';
import type { Booking, Driver, Interpreter, Vehicle } from '../../bookings/schemas';
import { instantMs } from '../../bookings/wall-time';
import {
  PRIORITY_WEIGHT,
  type Meeting,
  type MeetingRequest,
  type Mission,
  type Participant,
  type Place,
  type TravelOverride,
} from '../schemas';
import { TravelMatrix } from '../travel';
import { minutesOf, type PlanDay, type PlanProblem, type Span } from './problem';

/**
 * Turns a mission's records, the office's interpreters and vehicles and their
 * other bookings into the planner's problem. Bookings the mission itself
 * wrote (requester = this mission) are not "busy": the meetings they belong to
 * come in as fixed meetings instead.
 */

export interface MissionRecords {
  readonly mission: Mission;
  readonly participants: readonly Participant[];
  readonly requests: readonly MeetingRequest[];
  readonly meetings: readonly Meeting[];
  readonly places: readonly Place[];
  readonly overrides: readonly TravelOverride[];
  readonly interpreters: readonly Interpreter[];
  readonly vehicles: readonly Vehicle[];
  readonly drivers: readonly Driver[];
  /** The office's bookings (any status; cancelled ones are ignored). */
  readonly bookings: readonly Booking[];
}

export const PLAN_SLOT_MINUTES = 15;
/** Stand-in place when a firm has no hotel and the mission none either. */
export const NO_HOTEL = '_hotel';

/** The local dates of the mission, arrival to departure inclusive. */
export function missionDates(mission: Pick<Mission, 'arrival' | 'departure'>): string[] {
  const out: string[] = [];
  let d = DateTime.fromISO(mission.arrival, { zone: 'UTC' });
  const last = DateTime.fromISO(mission.departure, { zone: 'UTC' });
  while (d <= last && out.length < 60) {
    out.push(d.toISODate()!);
    d = d.plus({ days: 1 });
  }
  return out;
}

/** A local wall time of the mission's zone as epoch minutes (a time in a DST gap moves forward). */
export function wallMinutes(date: string, time: string, zone: string): number {
  return minutesOf(DateTime.fromISO(`${date}T${time}`, { zone }).toMillis());
}

export function planDays(mission: Mission): PlanDay[] {
  return missionDates(mission).map((date) => {
    const open = wallMinutes(date, mission.dayStart, mission.timeZone);
    const close = wallMinutes(date, mission.dayEnd, mission.timeZone);
    const breaks = [...mission.breaks]
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .map((b) => ({
        start: wallMinutes(date, b.start, mission.timeZone),
        end: wallMinutes(date, b.end, mission.timeZone),
      }));
    const windows: Span[] = [];
    let at = open;
    for (const b of breaks) {
      if (b.start > at) windows.push({ start: at, end: Math.min(b.start, close) });
      at = Math.max(at, b.end);
    }
    if (close > at) windows.push({ start: at, end: close });
    return { date, open, close, windows };
  });
}

/** `ko-ja` -> ['ja']: the languages an interpreter works in with Korean. */
export function languagesWithKorean(pairs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const pair of pairs) {
    const langs = pair.split('-').filter((part) => /^[a-z]{2,3}$/.test(part));
    if (langs.length === 2 && langs.includes('ko')) {
      const other = langs[0] === 'ko' ? langs[1]! : langs[0]!;
      if (other !== 'ko') out.add(other);
    }
  }
  return [...out];
}

const spanOf = (w: { start: string; end: string }): Span => ({
  start: minutesOf(instantMs(w.start)),
  end: Math.ceil(instantMs(w.end) / 60_000),
});

export function isMissionBooking(booking: Booking, missionId: string): boolean {
  return booking.requester?.kind === 'delegation' && booking.requester.delegationId === missionId;
}

export function buildProblem(records: MissionRecords): PlanProblem {
  const { mission } = records;
  const days = planDays(mission);
  const from = (days[0]?.open ?? 0) * 60_000 - 86_400_000;
  const to = (days.at(-1)?.close ?? 0) * 60_000 + 86_400_000;
  const others = records.bookings.filter(
    (b) => b.status !== 'cancelled' && !isMissionBooking(b, mission.id),
  );
  const busyOf = (
    pick: (b: Booking) => boolean,
    padMinutes: (b: Booking) => number = () => 0,
  ): Span[] =>
    others.filter(pick).flatMap((b) =>
      expandOccurrences(b, { from, to }).map((o) => ({
        start: minutesOf(o.start),
        end: Math.ceil(o.end / 60_000) + padMinutes(b),
      })),
    );

  const hotelOf = (p: Participant) =>
    p.hotelPlaceId ?? mission.hotelPlaceId ?? mission.officePlaceId ?? NO_HOTEL;
  const participants = records.participants.filter((p) => p.missionId === mission.id);
  const participantIds = new Set(participants.map((p) => p.id));
  const requests = records.requests.filter(
    (r) => r.missionId === mission.id && participantIds.has(r.participantId),
  );
  const requestIds = new Set(requests.map((r) => r.id));
  const buffers = new Map(records.vehicles.map((v) => [v.id, v.turnaroundBufferMinutes]));

  const travel = new TravelMatrix(
    records.places,
    { citySpeedKmh: mission.citySpeedKmh, bufferMinutes: mission.travelBufferMinutes },
    records.overrides,
  );

  return {
    slot: PLAN_SLOT_MINUTES,
    days,
    requests: requests.map((r) => ({
      id: r.id,
      participantId: r.participantId,
      buyerId: r.buyerId,
      weight: PRIORITY_WEIGHT[r.priority],
      duration: r.durationMinutes,
      placeId: r.placeId,
      windows: r.windows.length > 0 ? r.windows.map(spanOf) : null,
      language: r.language ?? null,
    })),
    participants: participants.map((p) => ({
      id: p.id,
      hotelPlaceId: hotelOf(p),
      needsTransport: p.needsTransport,
      partySize: p.people.length,
      busy: p.busy.map(spanOf),
    })),
    interpreters: records.interpreters
      .filter((i) => i.active)
      .map((i) => ({
        id: i.id,
        languages: languagesWithKorean(i.languagePairs),
        busy: busyOf((b) => b.kind === 'interpreter' && b.interpreterId === i.id),
      })),
    vehicles: records.vehicles
      .filter((v) => v.active)
      .map((v) => ({
        id: v.id,
        seats: v.seats,
        driverId: v.defaultDriverId ?? null,
        buffer: v.turnaroundBufferMinutes,
        busy: [
          ...busyOf(
            (b) => b.kind === 'vehicle' && b.vehicleId === v.id,
            () => v.turnaroundBufferMinutes,
          ),
          // The driver driving another vehicle is busy too.
          ...(v.defaultDriverId
            ? busyOf(
                (b) =>
                  b.kind === 'vehicle' && b.vehicleId !== v.id && b.driverId === v.defaultDriverId,
                (b) => (b.kind === 'vehicle' ? (buffers.get(b.vehicleId) ?? 0) : 0),
              )
            : []),
        ],
      })),
    travel: (a, b) => travel.minutes(a, b),
    fixed: records.meetings
      .filter(
        (m) =>
          m.missionId === mission.id &&
          requestIds.has(m.requestId) &&
          m.status !== 'cancelled' &&
          (m.pinned || m.status === 'accepted' || m.status === 'done'),
      )
      .map((m) => ({
        requestId: m.requestId,
        start: minutesOf(instantMs(m.start)),
        interpreterId: m.interpreterId ?? null,
      })),
  };
}
