/**
 * The travel-aware bound (planner/exact.ts, planner/benders.ts): the exact
 * check of one firm's or buyer's requests proves what travel and windows rule
 * out, and the bound it tightens stays an upper bound: no plan the planner
 * finds (with any pins) places more, and it is never above the capacity
 * model's optimum.
 */
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { generateMission } from '@shared/missions/planner/generate';
import { generateRealisticMission } from '@shared/missions/planner/generate-realistic';
import { highsSolver } from '@shared/missions/planner/highs-solver';
import {
  buildMipModel,
  exactCheck,
  exactContext,
  travelAwareBound,
  type PlanProblem,
  type PlanRequest,
} from '@shared/missions';
import { buildProblem, checkPlan, planMission, type MissionRecords } from './imports';

const DAY = 9 * 60; // 09:00 on day 0, in minutes
/** One firm, places 30 minutes apart, one day 09:00-12:00 with no break. */
function oneFirm(requests: Omit<PlanRequest, 'participantId' | 'weight' | 'language'>[]) {
  const problem: PlanProblem = {
    slot: 15,
    days: [
      {
        date: '2025-06-10',
        open: DAY,
        close: DAY + 180,
        windows: [{ start: DAY, end: DAY + 180 }],
      },
    ],
    requests: requests.map((r) => ({ ...r, participantId: 'p', weight: 10, language: null })),
    participants: [
      { id: 'p', hotelPlaceId: 'hotel', needsTransport: false, partySize: 1, busy: [] },
    ],
    interpreters: [],
    vehicles: [],
    travel: (a, b) => (a === b ? 0 : 30),
    fixed: [],
  };
  return problem;
}

/** Meeting a (place x, 09:00-10:00 only), then meeting b (60 minutes, its window from `bFrom`) at `bPlace`. */
function twoMeetings(bFrom: number, bPlace: string): PlanProblem {
  const meeting = (id: string, placeId: string, from: number) => ({
    id,
    buyerId: `buyer-${id}`,
    duration: 60,
    placeId,
    windows: [{ start: from, end: from + 60 }],
  });
  return oneFirm([meeting('a', 'x', DAY), meeting('b', bPlace, bFrom)]);
}

describe('exact check of one firm’s requests', () => {
  it('proves two meetings 30 minutes apart cannot share a window with no room to travel', () => {
    const problem = twoMeetings(DAY + 60, 'y');
    expect(exactCheck(exactContext(problem), ['a', 'b'], 1000).status).toBe('infeasible');
  });

  it('finds the times when travel fits, and needs none between meetings at one place', () => {
    const travelFits = twoMeetings(DAY + 90, 'y');
    const result = exactCheck(exactContext(travelFits), ['a', 'b'], 1000);
    expect(result).toEqual({
      status: 'feasible',
      assignment: [
        { requestId: 'a', start: DAY },
        { requestId: 'b', start: DAY + 90 },
      ],
    });
    const samePlace = twoMeetings(DAY + 60, 'x');
    expect(exactCheck(exactContext(samePlace), ['a', 'b'], 1000).status).toBe('feasible');
  });

  it('says unknown, not infeasible, when the node limit stops it', () => {
    const many = oneFirm(
      Array.from({ length: 6 }, (_, i) => ({
        id: `r${i}`,
        buyerId: `b${i}`,
        duration: 45,
        placeId: `place${i}`,
        windows: null,
      })),
    );
    expect(
      exactCheck(
        exactContext(many),
        many.requests.map((r) => r.id),
        3,
      ).status,
    ).toBe('unknown');
  });
});

describe('the travel-aware bound', () => {
  it('cuts what the capacity model allows and travel forbids', async () => {
    const solver = highsSolver(await loadHighs());
    const problem = twoMeetings(DAY + 60, 'y');
    const model = buildMipModel(problem);
    expect(solver.solve(model, { timeLimitSeconds: 5 }).bound).toBe(20);
    const bound = travelAwareBound(problem, model, solver, { timeLimitMs: 5_000 });
    expect(bound).toMatchObject({ bound: 10, cuts: 1, stopped: 'converged' });
  });

  it('is never below a plan and never above the capacity model, with and without pins', async () => {
    const solver = highsSolver(await loadHighs());
    for (let seed = 1; seed <= 12; seed += 1) {
      const generate = seed % 2 ? generateMission : generateRealisticMission;
      const records = generate({ seed, smes: 3, requests: 14, days: 2, interpreters: 2, vans: 1 });
      const problem = buildProblem(records);
      const report = planMission(problem, { solver, budgetMs: 300, seed });
      expect(checkPlan(problem, report.solution)).toEqual([]);
      const capacity = solver.solve(buildMipModel(problem), { timeLimitSeconds: 5 }).bound;
      expect(report.upperBound).not.toBeNull();
      expect(report.upperBound!).toBeGreaterThanOrEqual(report.weight);
      expect(report.upperBound!).toBeLessThanOrEqual(Math.floor(capacity + 1e-6));

      // Pin the first meeting; the bound counts it and still holds.
      const first = report.solution.meetings[0];
      if (!first) continue;
      const pinned: MissionRecords = {
        ...records,
        meetings: [
          {
            id: `m-${first.requestId}`,
            officeId: records.mission.officeId,
            missionId: records.mission.id,
            requestId: first.requestId,
            status: 'proposed',
            pinned: true,
            timeZone: records.mission.timeZone,
            start: new Date(first.start * 60_000).toISOString(),
            end: new Date(first.end * 60_000).toISOString(),
            placeId: first.placeId,
            ...(first.interpreterId ? { interpreterId: first.interpreterId } : {}),
            legs: [],
          },
        ],
      };
      const again = planMission(buildProblem(pinned), { solver, budgetMs: 300, seed });
      expect(again.upperBound!).toBeGreaterThanOrEqual(again.weight);
    }
  }, 120_000);
});
