import type { Booking, BookingStatus, InterpreterBooking, VehicleTrip } from '../bookings/schemas';
import { isMissionBooking } from './planner/build-problem';
import type { Meeting, MeetingRequest, Mission, Participant, Place } from './schemas';

/**
 * The bookings an accepted plan writes in the bookings module: one
 * interpreter booking per meeting with an interpreter, one vehicle trip per
 * van leg, all with the mission as requester (`delegation`, id = mission id),
 * so the timeline, conflict inbox, day sheets, reminders, ICS and HQ's
 * utilization see them with no special case. Ids derive from the meeting's
 * (`<meeting>:interpreter`, `<meeting>:in`, `<meeting>:out`): accepting again
 * updates the same bookings, and two laptops accepting the same synced plan
 * write the same records instead of double bookings. A mission booking whose
 * meeting is gone or changed shape is cancelled, never deleted.
 */

export interface AcceptContext {
  readonly mission: Mission;
  readonly participants: readonly Participant[];
  readonly requests: readonly MeetingRequest[];
  readonly places: readonly Place[];
  /** Label per SME firm and buyer, for the bookings' notes (data, not UI text). */
  readonly firmNames: ReadonlyMap<string, string>;
  readonly buyerNames: ReadonlyMap<string, string>;
  /** The office's bookings (the mission's own among them). */
  readonly bookings: readonly Booking[];
}

export const interpreterBookingId = (meetingId: string) => `${meetingId}:interpreter`;
export const legTripId = (meetingId: string, kind: 'in' | 'out') => `${meetingId}:${kind}`;

/** Tentative while the mission is being planned; confirmed once it is confirmed or under way. */
export function bookingStatusFor(mission: Mission): BookingStatus {
  return mission.status === 'planning'
    ? 'tentative'
    : mission.status === 'cancelled'
      ? 'cancelled'
      : 'confirmed';
}

export function bookingsForPlan(context: AcceptContext, meetings: readonly Meeting[]): Booking[] {
  const { mission } = context;
  const requests = new Map(context.requests.map((r) => [r.id, r]));
  const participants = new Map(context.participants.map((p) => [p.id, p]));
  const places = new Map(context.places.map((p) => [p.id, p]));
  const requester = { kind: 'delegation' as const, delegationId: mission.id, label: mission.name };
  const status = bookingStatusFor(mission);
  const address = (placeId: string) => {
    const place = places.get(placeId);
    return place ? { address: place.address, label: place.name } : { address: placeId };
  };

  const wanted: Booking[] = [];
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    const r = requests.get(m.requestId);
    const p = r ? participants.get(r.participantId) : undefined;
    if (!r || !p) continue;
    const notes = `${context.firmNames.get(p.smeFirmId) ?? p.smeFirmId} × ${context.buyerNames.get(r.buyerId) ?? r.buyerId}`;
    const base = {
      officeId: mission.officeId,
      timeZone: mission.timeZone,
      purpose: 'delegation' as const,
      status,
      requester,
      notes,
      ...(m.tradeTalkId ? { tradeTalkId: m.tradeTalkId } : {}),
    };
    const interpreterId = m.interpreterId;
    if (interpreterId) {
      const booking: InterpreterBooking = {
        ...base,
        kind: 'interpreter',
        id: interpreterBookingId(m.id),
        start: m.start,
        end: m.end,
        interpreterId,
        location: address(m.placeId).address,
      };
      wanted.push(booking);
    }
    for (const leg of m.legs) {
      const trip: VehicleTrip = {
        ...base,
        kind: 'vehicle',
        id: legTripId(m.id, leg.kind),
        start: leg.start,
        end: leg.end,
        vehicleId: leg.vehicleId,
        driverId: leg.driverId ?? null,
        pickUp: address(leg.fromPlaceId),
        dropOff: address(leg.toPlaceId),
        passengers: leg.passengers,
        passengerNames: p.people.slice(0, leg.passengers).map((x) => x.nameLatin || x.nameKo),
        ...(interpreterId && leg.kind === 'in'
          ? { interpreterBookingId: interpreterBookingId(m.id) }
          : {}),
      };
      wanted.push(trip);
    }
  }
  // The mission's earlier bookings that this plan no longer has: cancelled (kept for the record).
  const wantedIds = new Set(wanted.map((b) => b.id));
  const stale = context.bookings
    .filter(
      (b) => isMissionBooking(b, mission.id) && b.status !== 'cancelled' && !wantedIds.has(b.id),
    )
    .map((b) => ({ ...b, status: 'cancelled' as const }));
  return [...wanted, ...stale];
}
