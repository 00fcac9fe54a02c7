import {
  dayIndexOf,
  insideAny,
  overlapsAny,
  type FixedMeeting,
  type PlacedMeeting,
  type PlannedLeg,
  type PlanProblem,
  type PlanSolution,
} from './problem';

/**
 * Checks a plan against every hard constraint, from scratch and independently
 * of the code that built it: the property tests use it as the oracle, and the
 * mission screen uses it for live feedback when a person moves a meeting.
 */

export type ViolationKind =
  | 'unknown-request'
  | 'duplicate'
  | 'wrong-duration'
  | 'outside-windows'
  | 'participant-busy'
  | 'participant-overlap'
  | 'participant-travel'
  | 'buyer-overlap'
  | 'buyer-travel'
  | 'interpreter-missing'
  | 'interpreter-language'
  | 'interpreter-busy'
  | 'interpreter-overlap'
  | 'interpreter-travel'
  | 'leg-missing'
  | 'leg-no-vehicle'
  | 'vehicle-seats'
  | 'vehicle-busy'
  | 'vehicle-overlap'
  | 'vehicle-travel'
  | 'fixed-moved';

export interface Violation {
  readonly kind: ViolationKind;
  /** The meetings involved (request ids). */
  readonly requestIds: readonly string[];
  /** The interpreter or vehicle involved, when there is one. */
  readonly resourceId?: string;
}

interface Item {
  readonly requestId: string;
  readonly start: number;
  readonly end: number;
  readonly placeId: string;
}

/** Consecutive items (by start) must not overlap and must leave the travel time between them. */
function checkSequence(
  items: readonly Item[],
  travel: (a: string, b: string) => number,
  overlapKind: ViolationKind,
  travelKind: ViolationKind,
  out: Violation[],
  resourceId?: string,
): void {
  const sorted = [...items].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i += 1) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const extra = resourceId ? { resourceId } : {};
    // Any earlier item still running overlaps b (not only the previous one).
    for (let j = i - 1; j >= 0; j -= 1) {
      if (sorted[j]!.end > b.start)
        out.push({ kind: overlapKind, requestIds: [sorted[j]!.requestId, b.requestId], ...extra });
    }
    if (a.end <= b.start && a.end + travel(a.placeId, b.placeId) > b.start) {
      out.push({ kind: travelKind, requestIds: [a.requestId, b.requestId], ...extra });
    }
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function checkPlan(
  problem: PlanProblem,
  plan: Pick<PlanSolution, 'meetings' | 'legs'>,
  fixed: readonly FixedMeeting[] = problem.fixed,
): Violation[] {
  const out: Violation[] = [];
  const requests = new Map(problem.requests.map((r) => [r.id, r]));
  const participants = new Map(problem.participants.map((p) => [p.id, p]));
  const interpreters = new Map(problem.interpreters.map((i) => [i.id, i]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const travel = problem.travel;
  const dayWindows = problem.days.flatMap((d) => d.windows);

  const seen = new Set<string>();
  const valid: PlacedMeeting[] = [];
  for (const m of plan.meetings) {
    const r = requests.get(m.requestId);
    if (!r) {
      out.push({ kind: 'unknown-request', requestIds: [m.requestId] });
      continue;
    }
    if (seen.has(m.requestId)) out.push({ kind: 'duplicate', requestIds: [m.requestId] });
    seen.add(m.requestId);
    valid.push(m);
    if (m.end - m.start !== r.duration || m.placeId !== r.placeId) {
      out.push({ kind: 'wrong-duration', requestIds: [m.requestId] });
    }
    const span = { start: m.start, end: m.end };
    if (!insideAny(span, dayWindows) || (r.windows && !insideAny(span, r.windows))) {
      out.push({ kind: 'outside-windows', requestIds: [m.requestId] });
    }
    if (overlapsAny(span, participants.get(r.participantId)?.busy ?? [])) {
      out.push({ kind: 'participant-busy', requestIds: [m.requestId] });
    }
    if (r.language) {
      const i = m.interpreterId ? interpreters.get(m.interpreterId) : undefined;
      if (!i) out.push({ kind: 'interpreter-missing', requestIds: [m.requestId] });
      else {
        if (!i.languages.includes(r.language)) {
          out.push({ kind: 'interpreter-language', requestIds: [m.requestId], resourceId: i.id });
        }
        if (overlapsAny(span, i.busy)) {
          out.push({ kind: 'interpreter-busy', requestIds: [m.requestId], resourceId: i.id });
        }
      }
    }
  }

  const item = (m: PlacedMeeting): Item => m;
  for (const list of groupBy(valid, (m) => requests.get(m.requestId)!.participantId).values()) {
    checkSequence(list.map(item), travel, 'participant-overlap', 'participant-travel', out);
  }
  for (const list of groupBy(valid, (m) => requests.get(m.requestId)!.buyerId).values()) {
    checkSequence(list.map(item), travel, 'buyer-overlap', 'buyer-travel', out);
  }
  for (const [id, list] of groupBy(valid, (m) =>
    requests.get(m.requestId)!.language ? m.interpreterId : null,
  )) {
    checkSequence(list.map(item), travel, 'interpreter-overlap', 'interpreter-travel', out, id);
  }

  checkLegs(problem, valid, plan.legs, out);

  // Vehicles: seats, existing trips, and the empty drive between consecutive legs.
  for (const [vehicleId, legs] of groupBy(plan.legs, (l) => l.vehicleId)) {
    const v = vehicles.get(vehicleId);
    if (!v) {
      for (const l of legs)
        out.push({ kind: 'leg-no-vehicle', requestIds: [l.requestId], resourceId: vehicleId });
      continue;
    }
    const sorted = [...legs].sort((a, b) => a.start - b.start);
    sorted.forEach((l, i) => {
      if (l.passengers > v.seats)
        out.push({ kind: 'vehicle-seats', requestIds: [l.requestId], resourceId: v.id });
      if (overlapsAny({ start: l.start, end: l.end + v.buffer }, v.busy)) {
        out.push({ kind: 'vehicle-busy', requestIds: [l.requestId], resourceId: v.id });
      }
      for (let j = i - 1; j >= 0; j -= 1) {
        const prev = sorted[j]!;
        if (prev.end + v.buffer > l.start) {
          out.push({
            kind: 'vehicle-overlap',
            requestIds: [prev.requestId, l.requestId],
            resourceId: v.id,
          });
        }
      }
      const prev = sorted[i - 1];
      if (
        prev &&
        prev.end + v.buffer <= l.start &&
        prev.end + v.buffer + travel(prev.to, l.from) > l.start
      ) {
        out.push({
          kind: 'vehicle-travel',
          requestIds: [prev.requestId, l.requestId],
          resourceId: v.id,
        });
      }
    });
  }

  const placed = new Map(valid.map((m) => [m.requestId, m]));
  for (const f of fixed) {
    const m = placed.get(f.requestId);
    if (!m || m.start !== f.start || m.interpreterId !== f.interpreterId) {
      out.push({ kind: 'fixed-moved', requestIds: [f.requestId] });
    }
  }
  return out;
}

/** Every firm riding the vans needs a leg, with a vehicle, into each meeting at a new place and home. */
function checkLegs(
  problem: PlanProblem,
  meetings: readonly PlacedMeeting[],
  legs: readonly PlannedLeg[],
  out: Violation[],
): void {
  const requests = new Map(problem.requests.map((r) => [r.id, r]));
  const have = new Map<string, PlannedLeg>();
  for (const l of legs) {
    have.set(`${l.kind}|${l.requestId}|${l.from}|${l.to}|${l.start}|${l.end}`, l);
    if (l.vehicleId === null) out.push({ kind: 'leg-no-vehicle', requestIds: [l.requestId] });
  }
  const participants = new Map(problem.participants.map((p) => [p.id, p]));
  const byDay = groupBy(meetings, (m) => {
    const r = requests.get(m.requestId)!;
    return `${r.participantId}|${dayIndexOf(problem.days, m.start)}`;
  });
  for (const [key, list] of byDay) {
    const p = participants.get(key.split('|')[0]!)!;
    if (!p.needsTransport) continue;
    const sorted = [...list].sort((a, b) => a.start - b.start);
    let at = p.hotelPlaceId;
    const expect = (
      kind: 'in' | 'out',
      m: PlacedMeeting,
      from: string,
      to: string,
      start: number,
      end: number,
    ) => {
      const leg = have.get(`${kind}|${m.requestId}|${from}|${to}|${start}|${end}`);
      if (!leg || leg.passengers < p.partySize)
        out.push({ kind: 'leg-missing', requestIds: [m.requestId] });
    };
    for (const m of sorted) {
      const t = problem.travel(at, m.placeId);
      if (t > 0) expect('in', m, at, m.placeId, m.start - t, m.start);
      at = m.placeId;
    }
    const last = sorted.at(-1)!;
    const t = problem.travel(at, p.hotelPlaceId);
    if (t > 0) expect('out', last, at, p.hotelPlaceId, last.end, last.end + t);
  }
}
