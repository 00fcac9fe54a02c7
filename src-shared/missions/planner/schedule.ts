import {
  candidateStarts,
  dayIndexOf,
  overlapsAny,
  type PlacedMeeting,
  type PlanInterpreter,
  type PlannedLeg,
  type PlanParticipant,
  type PlanProblem,
  type PlanRequest,
  type PlanSolution,
  type PlanVehicle,
  type Unplaced,
  type UnplacedReason,
} from './problem';

/**
 * A schedule being built, one meeting at a time. `tryPlace` checks every hard
 * constraint for one more meeting against what is already placed (the firm,
 * the buyer and the interpreter are never in two places at once and have the
 * travel time between consecutive places; the firm's van legs each get a van
 * with the seats, free for the leg plus its turnaround buffer and able to
 * drive empty from its previous drop-off) and commits it only when all hold.
 *
 * Legs: a firm that rides the vans goes hotel -> first meeting -> ... -> last
 * meeting -> hotel each day; a leg between two places arrives just in time
 * for the meeting (starts `travel` minutes before it), the return leg leaves
 * when the last meeting ends. No leg between two meetings at the same place.
 * A van with no earlier leg that day starts where it is needed.
 */

type SeqVerdict = 'ok' | 'overlap' | 'travel';

interface SeqItem {
  readonly start: number;
  readonly end: number;
  readonly placeId: string;
}

/** The placed items before and after [s, e) must leave room for the travel on both sides. */
export function sequenceVerdict(
  list: readonly SeqItem[],
  s: number,
  e: number,
  placeId: string,
  travel: (a: string, b: string) => number,
): SeqVerdict {
  let prev: SeqItem | null = null;
  let next: SeqItem | null = null;
  for (const m of list) {
    if (m.start < e && s < m.end) return 'overlap';
    if (m.end <= s) {
      if (!prev || m.end > prev.end) prev = m;
    } else if (!next || m.start < next.start) next = m;
  }
  if (prev && prev.end + travel(prev.placeId, placeId) > s) return 'travel';
  if (next && e + travel(placeId, next.placeId) > next.start) return 'travel';
  return 'ok';
}

function insertSorted<T extends { start: number }>(list: T[], item: T): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.start > item.start) i -= 1;
  list.splice(i, 0, item);
}

function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

const legKey = (l: Omit<PlannedLeg, 'vehicleId' | 'driverId'>) =>
  `${l.kind}|${l.requestId}|${l.from}|${l.to}|${l.start}|${l.end}`;

type LegDraft = Omit<PlannedLeg, 'vehicleId' | 'driverId'>;

export type PlaceResult = { ok: true } | { ok: false; reason: UnplacedReason };

export class Schedule {
  readonly requests = new Map<string, PlanRequest>();
  readonly participants = new Map<string, PlanParticipant>();
  private readonly interpretersByLanguage = new Map<string, PlanInterpreter[]>();
  private readonly vehicles: readonly PlanVehicle[];
  private readonly maxSeats: number;

  readonly placed = new Map<string, PlacedMeeting>();
  private readonly byParticipant = new Map<string, PlacedMeeting[]>();
  private readonly byBuyer = new Map<string, PlacedMeeting[]>();
  private readonly byInterpreter = new Map<string, PlacedMeeting[]>();
  private readonly legsByVehicle = new Map<string, PlannedLeg[]>();
  /** Legs of one firm on one day, key `participantId|dayIndex`. */
  private readonly legsByParticipantDay = new Map<string, PlannedLeg[]>();
  private readonly interpreterBusy = new Map<string, readonly { start: number; end: number }[]>();

  constructor(readonly problem: PlanProblem) {
    for (const r of problem.requests) this.requests.set(r.id, r);
    for (const p of problem.participants) this.participants.set(p.id, p);
    for (const i of problem.interpreters) {
      this.interpreterBusy.set(i.id, i.busy);
      for (const lang of i.languages) {
        const list = this.interpretersByLanguage.get(lang) ?? [];
        list.push(i);
        this.interpretersByLanguage.set(lang, list);
      }
    }
    this.vehicles = problem.vehicles;
    this.maxSeats = Math.max(0, ...problem.vehicles.map((v) => v.seats));
  }

  private listOf<K>(map: Map<K, PlacedMeeting[]>, key: K): PlacedMeeting[] {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
  }

  /** Places a request at `start` if every hard constraint holds. */
  tryPlace(
    requestId: string,
    start: number,
    preferredInterpreter?: string | null,
    dryRun = false,
  ): PlaceResult {
    const r = this.requests.get(requestId);
    if (!r || this.placed.has(requestId)) return { ok: false, reason: 'no-time-in-windows' };
    const p = this.participants.get(r.participantId)!;
    const end = start + r.duration;
    const travel = this.problem.travel;

    const own = sequenceVerdict(
      this.listOf(this.byParticipant, p.id),
      start,
      end,
      r.placeId,
      travel,
    );
    if (own !== 'ok')
      return { ok: false, reason: own === 'overlap' ? 'participant-busy' : 'travel' };
    const buyer = sequenceVerdict(
      this.listOf(this.byBuyer, r.buyerId),
      start,
      end,
      r.placeId,
      travel,
    );
    if (buyer !== 'ok') return { ok: false, reason: buyer === 'overlap' ? 'buyer-busy' : 'travel' };

    let interpreterId: string | null = null;
    if (r.language) {
      const found = this.findInterpreter(r, p, start, end, preferredInterpreter ?? null);
      if (!found.ok) return found;
      interpreterId = found.id;
    }
    const meeting: PlacedMeeting = {
      requestId,
      start,
      end,
      placeId: r.placeId,
      interpreterId,
      fixed: false,
    };
    if (!this.commitLegs(p, meeting, false, dryRun)) {
      return {
        ok: false,
        reason: p.partySize > this.maxSeats ? 'no-vehicle-seats' : 'vehicles-busy',
      };
    }
    if (!dryRun) this.addMeeting(r, meeting);
    return { ok: true };
  }

  /**
   * Keeps a pinned or accepted meeting where it is, whatever it clashes with
   * (the clash is shown to a person; the planner only plans around it). Legs
   * that find no van are kept with `vehicleId: null`.
   */
  forcePlace(requestId: string, start: number, interpreterId: string | null): boolean {
    const r = this.requests.get(requestId);
    if (!r || this.placed.has(requestId)) return false;
    const p = this.participants.get(r.participantId)!;
    const meeting: PlacedMeeting = {
      requestId,
      start,
      end: start + r.duration,
      placeId: r.placeId,
      interpreterId,
      fixed: true,
    };
    this.commitLegs(p, meeting, true, false);
    this.addMeeting(r, meeting);
    return true;
  }

  private addMeeting(r: PlanRequest, meeting: PlacedMeeting): void {
    this.placed.set(r.id, meeting);
    insertSorted(this.listOf(this.byParticipant, r.participantId), meeting);
    insertSorted(this.listOf(this.byBuyer, r.buyerId), meeting);
    if (meeting.interpreterId)
      insertSorted(this.listOf(this.byInterpreter, meeting.interpreterId), meeting);
  }

  private findInterpreter(
    r: PlanRequest,
    p: PlanParticipant,
    start: number,
    end: number,
    preferred: string | null,
  ): { ok: true; id: string } | { ok: false; reason: UnplacedReason } {
    const speakers = this.interpretersByLanguage.get(r.language!) ?? [];
    if (speakers.length === 0) return { ok: false, reason: 'no-interpreter-language' };
    // Prefer the one asked for, then one already with this firm (continuity), then the least booked.
    const withFirm = new Set(
      this.listOf(this.byParticipant, p.id)
        .map((m) => m.interpreterId)
        .filter((id): id is string => id !== null),
    );
    const ranked = [...speakers].sort((a, b) => {
      const score = (i: PlanInterpreter) =>
        (i.id === preferred ? -1000 : 0) +
        (withFirm.has(i.id) ? -100 : 0) +
        this.listOf(this.byInterpreter, i.id).length;
      return score(a) - score(b) || (a.id < b.id ? -1 : 1);
    });
    for (const i of ranked) {
      if (overlapsAny({ start, end }, this.interpreterBusy.get(i.id) ?? [])) continue;
      if (
        sequenceVerdict(
          this.listOf(this.byInterpreter, i.id),
          start,
          end,
          r.placeId,
          this.problem.travel,
        ) !== 'ok'
      ) {
        continue;
      }
      return { ok: true, id: i.id };
    }
    return { ok: false, reason: 'interpreters-busy' };
  }

  /** The legs a firm's day needs with `extra` added to its meetings. */
  private legsFor(p: PlanParticipant, day: number, extra: PlacedMeeting | null): LegDraft[] {
    if (!p.needsTransport) return [];
    const d = this.problem.days[day]!;
    const meetings = this.listOf(this.byParticipant, p.id).filter(
      (m) => m.start >= d.open && m.start < d.close,
    );
    if (extra) insertSorted(meetings, extra);
    const legs: LegDraft[] = [];
    let at = p.hotelPlaceId;
    for (const m of meetings) {
      const t = this.problem.travel(at, m.placeId);
      if (t > 0) {
        legs.push({
          participantId: p.id,
          kind: 'in',
          requestId: m.requestId,
          from: at,
          to: m.placeId,
          start: m.start - t,
          end: m.start,
          passengers: p.partySize,
        });
      }
      at = m.placeId;
    }
    const last = meetings.at(-1);
    if (last) {
      const t = this.problem.travel(at, p.hotelPlaceId);
      if (t > 0) {
        legs.push({
          participantId: p.id,
          kind: 'out',
          requestId: last.requestId,
          from: at,
          to: p.hotelPlaceId,
          start: last.end,
          end: last.end + t,
          passengers: p.partySize,
        });
      }
    }
    return legs;
  }

  /**
   * Re-derives the firm's legs for the meeting's day and gives every new leg a
   * van. Unchanged legs keep theirs. On failure, or on a dry run, nothing
   * changes (`force` keeps van-less legs instead of failing).
   */
  private commitLegs(
    p: PlanParticipant,
    meeting: PlacedMeeting,
    force: boolean,
    dryRun: boolean,
  ): boolean {
    const day = dayIndexOf(this.problem.days, meeting.start);
    if (day < 0 || !p.needsTransport) return true;
    const key = `${p.id}|${day}`;
    const current = this.legsByParticipantDay.get(key) ?? [];
    const wanted = this.legsFor(p, day, meeting);
    const currentByKey = new Map(current.map((l) => [legKey(l), l]));
    const wantedKeys = new Set(wanted.map(legKey));
    const dropped = current.filter((l) => !wantedKeys.has(legKey(l)));
    const legsByVehicle = this.legsByVehicle;
    for (const l of dropped) if (l.vehicleId) removeItem(this.legsByVehicle.get(l.vehicleId)!, l);
    const vehiclesOfDay = new Set(
      current.map((l) => l.vehicleId).filter((v): v is string => v !== null),
    );
    const next: PlannedLeg[] = [];
    const added: PlannedLeg[] = [];
    for (const draft of wanted) {
      const kept = currentByKey.get(legKey(draft));
      if (kept) {
        next.push(kept);
        continue;
      }
      const vehicle = this.findVehicle(draft, vehiclesOfDay);
      if (!vehicle && !force) {
        undo();
        return false;
      }
      const leg: PlannedLeg = {
        ...draft,
        vehicleId: vehicle?.id ?? null,
        driverId: vehicle?.driverId ?? null,
      };
      if (vehicle) {
        let list = this.legsByVehicle.get(vehicle.id);
        if (!list) this.legsByVehicle.set(vehicle.id, (list = []));
        insertSorted(list, leg);
        added.push(leg);
        vehiclesOfDay.add(vehicle.id);
      }
      next.push(leg);
    }
    if (dryRun) undo();
    else this.legsByParticipantDay.set(key, next);
    return true;

    function undo(): void {
      for (const l of added) removeItem(legsByVehicle.get(l.vehicleId!)!, l);
      for (const l of dropped) if (l.vehicleId) insertSorted(legsByVehicle.get(l.vehicleId)!, l);
    }
  }

  private findVehicle(leg: LegDraft, preferred: ReadonlySet<string>): PlanVehicle | null {
    const ranked = [...this.vehicles].sort(
      (a, b) =>
        (preferred.has(a.id) ? 0 : 1) - (preferred.has(b.id) ? 0 : 1) || (a.id < b.id ? -1 : 1),
    );
    for (const v of ranked) if (this.vehicleFits(v, leg)) return v;
    return null;
  }

  private vehicleFits(v: PlanVehicle, leg: LegDraft): boolean {
    if (leg.passengers > v.seats) return false;
    if (overlapsAny({ start: leg.start, end: leg.end + v.buffer }, v.busy)) return false;
    const travel = this.problem.travel;
    for (const l of this.legsByVehicle.get(v.id) ?? []) {
      if (l.end <= leg.start) {
        // Leg l first: the van drives empty from l's drop-off to this pick-up.
        if (l.end + v.buffer + travel(l.to, leg.from) > leg.start) return false;
      } else if (l.start >= leg.end) {
        if (leg.end + v.buffer + travel(leg.to, l.from) > l.start) return false;
      } else return false;
    }
    return true;
  }

  /** Counts, over every candidate start, the first constraint that rules it out. */
  explain(requestId: string): Unplaced {
    const r = this.requests.get(requestId)!;
    const p = this.participants.get(r.participantId)!;
    const counts: Partial<Record<UnplacedReason, number>> = {};
    const starts = candidateStarts(this.problem, r, p);
    for (const a of starts) {
      const verdict = this.probe(requestId, a);
      if (verdict.ok) continue;
      counts[verdict.reason] = (counts[verdict.reason] ?? 0) + 1;
    }
    if (starts.length === 0) counts['no-time-in-windows'] = 1;
    let reason: UnplacedReason = 'no-time-in-windows';
    let best = -1;
    for (const [k, n] of Object.entries(counts) as [UnplacedReason, number][]) {
      if (n > best) {
        best = n;
        reason = k;
      }
    }
    return { requestId, reason, counts };
  }

  /** tryPlace without committing. */
  probe(requestId: string, start: number): PlaceResult {
    return this.tryPlace(requestId, start, null, true);
  }

  totalWeight(): number {
    let w = 0;
    for (const id of this.placed.keys()) w += this.requests.get(id)!.weight;
    return w;
  }

  solution(unplaced: readonly Unplaced[] = []): PlanSolution {
    const meetings = [...this.placed.values()].sort(
      (a, b) => a.start - b.start || (a.requestId < b.requestId ? -1 : 1),
    );
    const legs = [...this.legsByParticipantDay.values()].flat().sort((a, b) => a.start - b.start);
    return { meetings, legs, unplaced };
  }
}
