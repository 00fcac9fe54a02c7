/**
 * The planner's hard constraints, property-based: for random missions (firms,
 * buyers' windows, interpreters' languages and existing bookings, vans'
 * seats and trips, random pins) every plan the greedy baseline and the
 * planner produce passes the independent checker (no firm, buyer,
 * interpreter or van in two places at once; travel between consecutive
 * places; every van leg with a van with the seats; pinned meetings where they
 * were), and re-planning keeps what was pinned.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildProblem,
  checkPlan,
  greedyPlan,
  planMission,
  type Booking,
  type MissionRecords,
} from './imports';
import { generateMission } from '@shared/missions/planner/generate';

const RUNS = Number(process.env.MISSIONS_PROPERTY_RUNS ?? 25);

const arbMission = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  smes: fc.integer({ min: 1, max: 5 }),
  requests: fc.integer({ min: 1, max: 18 }),
  days: fc.integer({ min: 1, max: 3 }),
  interpreters: fc.integer({ min: 0, max: 3 }),
  vans: fc.integer({ min: 0, max: 2 }),
  windowShare: fc.double({ min: 0, max: 1, noNaN: true }),
  /** Existing bookings: which interpreter/van is busy on the first morning. */
  busyInterpreter: fc.boolean(),
  busyVan: fc.boolean(),
});

function withExistingBookings(
  records: MissionRecords,
  busyInterpreter: boolean,
  busyVan: boolean,
): MissionRecords {
  const day = records.mission.arrival;
  const bookings: Booking[] = [];
  const interpreter = records.interpreters[0];
  if (busyInterpreter && interpreter) {
    bookings.push({
      kind: 'interpreter',
      id: 'other-i',
      officeId: records.mission.officeId,
      timeZone: records.mission.timeZone,
      start: `${day}T01:00:00.000Z`,
      end: `${day}T03:00:00.000Z`,
      purpose: 'trade-talk',
      status: 'confirmed',
      interpreterId: interpreter.id,
    });
  }
  const van = records.vehicles[0];
  if (busyVan && van) {
    bookings.push({
      kind: 'vehicle',
      id: 'other-v',
      officeId: records.mission.officeId,
      timeZone: records.mission.timeZone,
      start: `${day}T00:30:00.000Z`,
      end: `${day}T02:00:00.000Z`,
      purpose: 'other',
      status: 'tentative',
      vehicleId: van.id,
      driverId: van.defaultDriverId ?? null,
      pickUp: { address: 'A' },
      dropOff: { address: 'B' },
      passengers: 1,
      passengerNames: [],
    });
  }
  return { ...records, bookings };
}

describe('planner hard constraints (property)', () => {
  it('greedy and planned schedules pass the checker', () => {
    fc.assert(
      fc.property(arbMission, (m) => {
        const records = withExistingBookings(generateMission(m), m.busyInterpreter, m.busyVan);
        const problem = buildProblem(records);
        const greedy = greedyPlan(problem);
        expect(checkPlan(problem, greedy.solution)).toEqual([]);
        const report = planMission(problem, { solver: null, maxRounds: 15, budgetMs: 10_000 });
        expect(checkPlan(problem, report.solution)).toEqual([]);
        expect(report.weight).toBeGreaterThanOrEqual(greedy.weight);
        // Every request is placed once or explained once.
        const placed = report.solution.meetings.map((x) => x.requestId);
        const unplaced = report.solution.unplaced.map((u) => u.requestId);
        expect(new Set([...placed, ...unplaced]).size).toBe(problem.requests.length);
        expect(placed.length + unplaced.length).toBe(problem.requests.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('re-planning keeps pinned and accepted (confirmed) meetings untouched and plans around them', () => {
    fc.assert(
      fc.property(arbMission, fc.integer({ min: 0, max: 1000 }), fc.boolean(), (m, pick, byPin) => {
        const records = generateMission(m);
        const first = planMission(buildProblem(records), {
          solver: null,
          maxRounds: 5,
          budgetMs: 10_000,
        });
        if (first.solution.meetings.length === 0) return;
        const pinned = first.solution.meetings[pick % first.solution.meetings.length]!;
        const meetings = [
          {
            id: `meeting-${pinned.requestId}`,
            officeId: records.mission.officeId,
            missionId: records.mission.id,
            requestId: pinned.requestId,
            // Kept either because a person pinned it or because it was accepted (bookings written).
            status: byPin ? ('proposed' as const) : ('accepted' as const),
            pinned: byPin,
            start: new Date(pinned.start * 60_000).toISOString(),
            end: new Date(pinned.end * 60_000).toISOString(),
            timeZone: records.mission.timeZone,
            placeId: pinned.placeId,
            ...(pinned.interpreterId ? { interpreterId: pinned.interpreterId } : {}),
            legs: [],
          },
        ];
        const problem = buildProblem({ ...records, meetings });
        expect(problem.fixed).toEqual([
          { requestId: pinned.requestId, start: pinned.start, interpreterId: pinned.interpreterId },
        ]);
        const again = planMission(problem, {
          solver: null,
          maxRounds: 5,
          budgetMs: 10_000,
          seed: 7,
        });
        expect(checkPlan(problem, again.solution)).toEqual([]);
        const kept = again.solution.meetings.find((x) => x.requestId === pinned.requestId);
        expect(kept).toMatchObject({
          start: pinned.start,
          interpreterId: pinned.interpreterId,
          fixed: true,
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the checker finds what is wrong', () => {
  const records = generateMission({
    seed: 11,
    smes: 3,
    requests: 12,
    days: 2,
    interpreters: 2,
    vans: 1,
  });
  const problem = buildProblem(records);
  const plan = greedyPlan(problem).solution;

  it('accepts the plan as built', () => {
    expect(plan.meetings.length).toBeGreaterThan(3);
    expect(checkPlan(problem, plan)).toEqual([]);
  });

  it('sees a firm in two places at once', () => {
    const requests = new Map(problem.requests.map((r) => [r.id, r]));
    const [a, b] = plan.meetings.filter(
      (m, _, all) =>
        all.filter(
          (o) =>
            requests.get(o.requestId)!.participantId === requests.get(m.requestId)!.participantId,
        ).length > 1,
    );
    const sameFirm = plan.meetings.filter(
      (m) =>
        requests.get(m.requestId)!.participantId === requests.get(a!.requestId)!.participantId &&
        m !== a,
    );
    const moved = {
      ...sameFirm[0]!,
      start: a!.start,
      end: a!.start + (sameFirm[0]!.end - sameFirm[0]!.start),
    };
    const kinds = checkPlan(problem, {
      meetings: plan.meetings.map((m) => (m === sameFirm[0] ? moved : m)),
      legs: plan.legs,
    }).map((v) => v.kind);
    expect(b).toBeDefined();
    expect(kinds).toContain('participant-overlap');
  });

  it('sees a missing van leg and a meeting outside the windows', () => {
    const withLegs = plan.legs.length > 0;
    const kinds = checkPlan(problem, { meetings: plan.meetings, legs: plan.legs.slice(1) }).map(
      (v) => v.kind,
    );
    if (withLegs) expect(kinds).toContain('leg-missing');
    const night = {
      ...plan.meetings[0]!,
      start: problem.days[0]!.close + 60,
      end: problem.days[0]!.close + 120,
    };
    const kinds2 = checkPlan(problem, { meetings: [night], legs: [] }).map((v) => v.kind);
    expect(kinds2).toContain('outside-windows');
  });

  it('sees a pinned meeting that moved', () => {
    const m = plan.meetings[0]!;
    const kinds = checkPlan(problem, plan, [
      { requestId: m.requestId, start: m.start + 15, interpreterId: m.interpreterId },
    ]).map((v) => v.kind);
    expect(kinds).toContain('fixed-moved');
  });
});
