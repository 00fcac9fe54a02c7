import {
  candidateStarts,
  type PlanProblem,
  type PlanRequest,
  type PlanSolution,
  type Unplaced,
} from './problem';
import { Schedule } from './schedule';

/**
 * The baseline a person with a spreadsheet follows: must-haves first, then
 * wanted, then nice-to-have, each at the earliest time that still works.
 * Also the fallback when no solver is available, and the fill-in pass after
 * the solver's plan is repaired.
 */

export function placeFixed(schedule: Schedule, problem: PlanProblem): void {
  for (const f of problem.fixed) schedule.forcePlace(f.requestId, f.start, f.interpreterId);
}

export function byPriority(problem: PlanProblem): PlanRequest[] {
  const order = new Map(problem.requests.map((r, i) => [r.id, i]));
  return [...problem.requests].sort(
    (a, b) => b.weight - a.weight || order.get(a.id)! - order.get(b.id)!,
  );
}

/** Tries each request (in the given order) at its candidate starts, earliest first. */
export function fillIn(schedule: Schedule, requests: readonly PlanRequest[]): void {
  const problem = schedule.problem;
  for (const r of requests) {
    if (schedule.placed.has(r.id)) continue;
    const p = schedule.participants.get(r.participantId)!;
    for (const a of candidateStarts(problem, r, p)) {
      if (schedule.tryPlace(r.id, a).ok) break;
    }
  }
}

export function explainUnplaced(schedule: Schedule): Unplaced[] {
  return schedule.problem.requests
    .filter((r) => !schedule.placed.has(r.id))
    .map((r) => schedule.explain(r.id));
}

export function greedyPlan(problem: PlanProblem): { solution: PlanSolution; weight: number } {
  const schedule = new Schedule(problem);
  placeFixed(schedule, problem);
  fillIn(schedule, byPriority(problem));
  return { solution: schedule.solution(explainUnplaced(schedule)), weight: schedule.totalWeight() };
}
