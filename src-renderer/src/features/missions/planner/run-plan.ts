import {
  buildProblem,
  planMission,
  type MipSolver,
  type MissionRecords,
  type PlanReport,
} from '@shared/missions';

/** One planner run from the mission's records (worker and in-page fallback alike). */
export function runPlan(
  records: MissionRecords,
  solver: MipSolver | null,
  options: { budgetMs?: number; seed?: number } = {},
): PlanReport {
  return planMission(buildProblem(records), {
    solver,
    ...(options.budgetMs !== undefined ? { budgetMs: options.budgetMs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
}
