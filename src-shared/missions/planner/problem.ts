/**
 * The planner's input and output, in plain numbers: times are whole minutes
 * since the Unix epoch (UTC), so every comparison is an integer comparison
 * and wall times never enter the solver. `build-problem.ts` makes one from
 * the mission's records; `to-meetings.ts` turns a solution back into records.
 */

/** Half-open [start, end) in epoch minutes. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface PlanDay {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** From the day's meeting window start to its end (breaks included). */
  readonly open: number;
  readonly close: number;
  /** The meeting window minus breaks: meetings fit inside one of these. */
  readonly windows: readonly Span[];
}

export interface PlanRequest {
  readonly id: string;
  readonly participantId: string;
  readonly buyerId: string;
  readonly weight: number;
  /** Minutes. */
  readonly duration: number;
  readonly placeId: string;
  /** The buyer's windows; null = any time in the meeting window. */
  readonly windows: readonly Span[] | null;
  /** Language an interpreter must speak with Korean; null = no interpreter. */
  readonly language: string | null;
}

export interface PlanParticipant {
  readonly id: string;
  readonly hotelPlaceId: string;
  /** Rides the office's vans (else travels on its own: travel time still counts). */
  readonly needsTransport: boolean;
  /** People travelling together: the seats a leg needs. */
  readonly partySize: number;
  readonly busy: readonly Span[];
}

export interface PlanInterpreter {
  readonly id: string;
  /** Languages the interpreter works in with Korean (from `ko-ja` style pairs). */
  readonly languages: readonly string[];
  /** Existing bookings of the interpreter outside this mission. */
  readonly busy: readonly Span[];
}

export interface PlanVehicle {
  readonly id: string;
  /** Passenger seats. */
  readonly seats: number;
  readonly driverId: string | null;
  /** Minutes blocked after each trip (the vehicle's turnaround buffer). */
  readonly buffer: number;
  /** Existing trips of the vehicle (buffer included) and of its driver. */
  readonly busy: readonly Span[];
}

/** A meeting the planner must keep: pinned or accepted. */
export interface FixedMeeting {
  readonly requestId: string;
  readonly start: number;
  readonly interpreterId: string | null;
}

export interface PlanProblem {
  /** Start-time grid, minutes (15). */
  readonly slot: number;
  readonly days: readonly PlanDay[];
  readonly requests: readonly PlanRequest[];
  readonly participants: readonly PlanParticipant[];
  readonly interpreters: readonly PlanInterpreter[];
  readonly vehicles: readonly PlanVehicle[];
  /** Symmetric travel minutes between two places (0 for the same place). */
  readonly travel: (from: string, to: string) => number;
  readonly fixed: readonly FixedMeeting[];
}

export interface PlacedMeeting {
  readonly requestId: string;
  readonly start: number;
  readonly end: number;
  readonly placeId: string;
  readonly interpreterId: string | null;
  readonly fixed: boolean;
}

export interface PlannedLeg {
  readonly participantId: string;
  /** `in`: to `requestId`'s meeting; `out`: from it back to the hotel. */
  readonly kind: 'in' | 'out';
  readonly requestId: string;
  /** null only for a kept (pinned) meeting whose leg found no free vehicle: a conflict. */
  readonly vehicleId: string | null;
  readonly driverId: string | null;
  readonly from: string;
  readonly to: string;
  readonly start: number;
  readonly end: number;
  readonly passengers: number;
}

/** Why a request could not be placed: the constraint that ruled out most candidate times. */
export const UNPLACED_REASONS = [
  'no-time-in-windows',
  'participant-busy',
  'buyer-busy',
  'travel',
  'no-interpreter-language',
  'interpreters-busy',
  'no-vehicle-seats',
  'vehicles-busy',
] as const;
export type UnplacedReason = (typeof UNPLACED_REASONS)[number];

export interface Unplaced {
  readonly requestId: string;
  readonly reason: UnplacedReason;
  /** How many candidate start times each constraint ruled out. */
  readonly counts: Readonly<Partial<Record<UnplacedReason, number>>>;
}

export interface PlanSolution {
  readonly meetings: readonly PlacedMeeting[];
  readonly legs: readonly PlannedLeg[];
  readonly unplaced: readonly Unplaced[];
}

export const minutesOf = (ms: number): number => Math.floor(ms / 60_000);
export const msOf = (minutes: number): number => minutes * 60_000;

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function overlapsAny(span: Span, list: readonly Span[]): boolean {
  for (const s of list) if (s.start < span.end && span.start < s.end) return true;
  return false;
}

export function insideAny(span: Span, list: readonly Span[]): boolean {
  for (const s of list) if (s.start <= span.start && span.end <= s.end) return true;
  return false;
}

/** The day whose meeting window holds minute `t`, or -1. */
export function dayIndexOf(days: readonly PlanDay[], t: number): number {
  for (let i = 0; i < days.length; i += 1) if (t >= days[i]!.open && t < days[i]!.close) return i;
  return -1;
}

/**
 * Start times of a request that the static constraints allow: inside a
 * meeting window (no break), inside one of the buyer's windows, not when the
 * firm is busy. On the problem's grid, aligned to each window's start.
 */
export function candidateStarts(
  problem: PlanProblem,
  request: PlanRequest,
  participant: PlanParticipant,
): number[] {
  const out: number[] = [];
  for (const day of problem.days) {
    for (const w of day.windows) {
      for (let a = w.start; a + request.duration <= w.end; a += problem.slot) {
        const span = { start: a, end: a + request.duration };
        if (request.windows && !insideAny(span, request.windows)) continue;
        if (overlapsAny(span, participant.busy)) continue;
        out.push(a);
      }
    }
  }
  return out;
}

export function weightOf(problem: PlanProblem, meetings: readonly PlacedMeeting[]): number {
  const byId = new Map(problem.requests.map((r) => [r.id, r.weight]));
  let total = 0;
  for (const m of meetings) total += byId.get(m.requestId) ?? 0;
  return total;
}
