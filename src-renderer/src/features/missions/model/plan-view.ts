import {
  buildProblem,
  checkPlan,
  minutesOf,
  Schedule,
  type Meeting,
  type MissionRecords,
  type PlanProblem,
  type PlanSolution,
  type Violation,
} from '@shared/missions';
import { instantMs as instantMsOf } from '@shared/bookings';

/** The mission's current meetings as a planner solution (what the checker reads). */
export function solutionOfMeetings(meetings: readonly Meeting[]): PlanSolution {
  const active = meetings.filter((m) => m.status !== 'cancelled');
  return {
    meetings: active.map((m) => ({
      requestId: m.requestId,
      start: minutesOf(instantMsOf(m.start)),
      end: minutesOf(instantMsOf(m.end)),
      placeId: m.placeId,
      interpreterId: m.interpreterId ?? null,
      fixed: m.pinned || m.status !== 'proposed',
    })),
    legs: active.flatMap((m) =>
      m.legs.map((l) => ({
        participantId: '',
        kind: l.kind,
        requestId: m.requestId,
        vehicleId: l.vehicleId,
        driverId: l.driverId ?? null,
        from: l.fromPlaceId,
        to: l.toPlaceId,
        start: minutesOf(instantMsOf(l.start)),
        end: minutesOf(instantMsOf(l.end)),
        passengers: l.passengers,
      })),
    ),
    unplaced: [],
  };
}

export interface MoveCheck {
  /** The plan with the meeting moved and every van leg re-derived. */
  readonly solution: PlanSolution;
  /** What the move breaks (only the violations that involve the moved meeting). */
  readonly violations: readonly Violation[];
}

/**
 * Live feedback for moving a meeting by hand: every meeting stays where it
 * is, the moved one goes to `start` (same interpreter if still possible),
 * the van legs are re-derived, and the checker says what clashes.
 */
export function checkMove(
  problem: PlanProblem,
  meetings: readonly Meeting[],
  meetingId: string,
  start: number,
): MoveCheck {
  const schedule = new Schedule({ ...problem, fixed: [] });
  const active = meetings.filter((m) => m.status !== 'cancelled');
  const moved = active.find((m) => m.id === meetingId);
  for (const m of active) {
    const at = m.id === meetingId ? start : minutesOf(instantMsOf(m.start));
    schedule.forcePlace(m.requestId, at, m.interpreterId ?? null);
  }
  const solution = schedule.solution();
  const violations = checkPlan(problem, solution, []).filter(
    (v) => moved !== undefined && v.requestIds.includes(moved.requestId),
  );
  return { solution, violations };
}

export function problemOf(records: MissionRecords): PlanProblem {
  return buildProblem(records);
}
