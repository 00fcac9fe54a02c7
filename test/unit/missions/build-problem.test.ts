import { describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import {
  buildProblem,
  checkPlan,
  greedyPlan,
  languagesWithKorean,
  planDays,
  planMission,
  parseMission,
} from '@shared/missions';
import { highsSolver } from '@shared/missions/planner/highs-solver';
import { generateMission } from '@shared/missions/planner/generate';

const iso = (minutes: number) => new Date(minutes * 60_000).toISOString();

describe('mission days in the office zone', () => {
  it('keeps 09:00-18:00 local across the Los Angeles DST change', () => {
    const parsed = parseMission({
      id: 'la',
      officeId: 'los-angeles',
      name: 'LA mission',
      kind: 'trade-mission',
      status: 'planning',
      arrival: '2025-03-08',
      departure: '2025-03-10',
      timeZone: 'America/Los_Angeles',
      dayStart: '09:00',
      dayEnd: '18:00',
      breaks: [{ start: '12:00', end: '13:00' }],
    });
    if (!parsed.ok) throw new Error(parsed.error.code);
    const days = planDays(parsed.value);
    expect(days.map((d) => [d.date, iso(d.open), iso(d.close)])).toEqual([
      ['2025-03-08', '2025-03-08T17:00:00.000Z', '2025-03-09T02:00:00.000Z'], // PST, UTC-8
      ['2025-03-09', '2025-03-09T16:00:00.000Z', '2025-03-10T01:00:00.000Z'], // PDT from 02:00
      ['2025-03-10', '2025-03-10T16:00:00.000Z', '2025-03-11T01:00:00.000Z'],
    ]);
    expect(days[1]!.windows.map((w) => [iso(w.start), iso(w.end)])).toEqual([
      ['2025-03-09T16:00:00.000Z', '2025-03-09T19:00:00.000Z'],
      ['2025-03-09T20:00:00.000Z', '2025-03-10T01:00:00.000Z'],
    ]);
  });

  it('reads interpreters language pairs with Korean in either order', () => {
    expect(languagesWithKorean(['ko-ja', 'en-ko', 'ja-en', 'ko-zh-CN'])).toEqual([
      'ja',
      'en',
      'zh',
    ]);
  });
});

describe('existing bookings and the mission own bookings', () => {
  it('counts other bookings as busy, not the bookings this mission wrote', () => {
    const records = generateMission({
      seed: 3,
      smes: 2,
      requests: 4,
      days: 1,
      interpreters: 1,
      vans: 1,
    });
    const base = {
      kind: 'interpreter' as const,
      officeId: records.mission.officeId,
      timeZone: records.mission.timeZone,
      start: '2025-06-10T00:00:00.000Z',
      end: '2025-06-10T02:00:00.000Z',
      purpose: 'delegation' as const,
      status: 'confirmed' as const,
      interpreterId: 'i-0',
    };
    const problem = buildProblem({
      ...records,
      bookings: [
        { ...base, id: 'other' },
        {
          ...base,
          id: 'mine',
          start: '2025-06-10T05:00:00.000Z',
          end: '2025-06-10T06:00:00.000Z',
          requester: { kind: 'delegation', delegationId: records.mission.id, label: 'x' },
        },
        {
          ...base,
          id: 'cancelled',
          status: 'cancelled',
          start: '2025-06-10T07:00:00.000Z',
          end: '2025-06-10T08:00:00.000Z',
        },
      ],
    });
    expect(problem.interpreters[0]!.busy).toEqual([
      {
        start: Date.parse('2025-06-10T00:00:00Z') / 60_000,
        end: Date.parse('2025-06-10T02:00:00Z') / 60_000,
      },
    ]);
  });
});

describe('planner with HiGHS', () => {
  it('bounds what any plan can place and never does worse than greedy', async () => {
    const solver = highsSolver(await loadHighs());
    for (const seed of [5, 6]) {
      const problem = buildProblem(
        generateMission({ seed, smes: 4, requests: 20, days: 2, interpreters: 2, vans: 1 }),
      );
      const greedy = greedyPlan(problem);
      const report = planMission(problem, { solver, maxRounds: 40, budgetMs: 20_000 });
      expect(checkPlan(problem, report.solution)).toEqual([]);
      expect(report.solverStatus).toBe('optimal');
      expect(report.weight).toBeGreaterThanOrEqual(greedy.weight);
      expect(report.upperBound).not.toBeNull();
      expect(report.upperBound!).toBeGreaterThanOrEqual(report.weight);
      expect(report.upperBound!).toBeLessThanOrEqual(report.requestsTotalWeight);
    }
  });
});
