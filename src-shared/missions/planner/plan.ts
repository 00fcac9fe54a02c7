import { travelAwareBound } from './benders';
import { buildMipModel, type MipSolver } from './mip';
import { byPriority, explainUnplaced, fillIn, greedyPlan, placeFixed } from './greedy';
import { improve } from './improve';
import type { PlanProblem, PlanSolution } from './problem';
import { Schedule } from './schedule';

/**
 * The planner. HiGHS solves the capacity model (mip.ts), tightened by cuts
 * that firms' and buyers' travel and windows prove (benders.ts): its optimum
 * bounds what any plan can place and its choice of requests goes first; the
 * exact schedule is then built by Schedule (the choice first, the rest after)
 * and improved by large-neighbourhood search (improve.ts) for the rest of the
 * time budget.
 * The greedy baseline is computed too and the search starts from the better
 * of the two, so the planner never does worse than it. Pinned and accepted
 * meetings (problem.fixed) stay where they are. See docs/decisions.md.
 */

export interface PlanOptions {
  /** null: no solver available (no bound, no solver-guided start). */
  readonly solver: MipSolver | null;
  /** Milliseconds for the whole plan (bound, first plans, then search until it is spent). */
  readonly budgetMs?: number;
  /** Milliseconds the bound's rounds may take (default: 60 % of the budget, at least 0.5 s). */
  readonly boundMs?: number;
  readonly maxRounds?: number;
  readonly seed?: number;
  readonly now?: () => number;
}

export interface PlanReport {
  readonly solution: PlanSolution;
  readonly weight: number;
  readonly greedyWeight: number;
  /** No plan can place more weight than this (the solver's proven bound), when known. */
  readonly upperBound: number | null;
  readonly solverStatus: 'optimal' | 'time-limit' | 'infeasible' | 'error' | 'none';
  readonly solverMs: number;
  readonly requestsTotalWeight: number;
}

/** Default planning time: 40 ms per request, 1 to 12 s. */
export function defaultBudgetMs(problem: PlanProblem): number {
  return Math.min(12_000, Math.max(1_000, problem.requests.length * 40));
}

export function planMission(problem: PlanProblem, options: PlanOptions): PlanReport {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const budgetMs = options.budgetMs ?? defaultBudgetMs(problem);
  const greedy = greedyPlan(problem);
  const fixedWeight = problem.fixed.reduce(
    (w, f) => w + (problem.requests.find((r) => r.id === f.requestId)?.weight ?? 0),
    0,
  );

  let upperBound: number | null = null;
  let solverStatus: PlanReport['solverStatus'] = 'none';
  let solverMs = 0;
  const preferred = new Set<string>();
  if (options.solver) {
    const t0 = now();
    const bound = travelAwareBound(problem, buildMipModel(problem), options.solver, {
      timeLimitMs: options.boundMs ?? Math.max(500, budgetMs * 0.6),
      now,
    });
    solverMs = now() - t0;
    solverStatus = bound.status;
    if (bound.status === 'optimal' || bound.status === 'time-limit') {
      upperBound = Math.floor(bound.bound + 1e-6) + fixedWeight;
    }
    for (const id of bound.chosen) preferred.add(id);
  }

  const guided = new Schedule(problem);
  placeFixed(guided, problem);
  const order = byPriority(problem);
  fillIn(guided, [
    ...order.filter((r) => preferred.has(r.id)),
    ...order.filter((r) => !preferred.has(r.id)),
  ]);
  const start = guided.totalWeight() >= greedy.weight ? guided : greedyScheduleOf(problem);
  const best = improve(problem, start, {
    budgetMs: Math.max(0, budgetMs - (now() - started)),
    ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}),
    seed: options.seed ?? 1,
    now,
    preferred,
  });
  return {
    solution: best.solution(explainUnplaced(best)),
    weight: best.totalWeight(),
    greedyWeight: greedy.weight,
    upperBound,
    solverStatus,
    solverMs,
    requestsTotalWeight: problem.requests.reduce((w, r) => w + r.weight, 0),
  };
}

function greedyScheduleOf(problem: PlanProblem): Schedule {
  const schedule = new Schedule(problem);
  placeFixed(schedule, problem);
  fillIn(schedule, byPriority(problem));
  return schedule;
}
