import { exactCheck, exactContext, type ExactContext } from './exact';
import type { MipModel, MipSolver } from './mip';
import type { PlanProblem } from './problem';

/**
 * The travel-aware bound (row generation, a logic-based Benders
 * decomposition). The master is the capacity model of mip.ts (which requests,
 * not when); its optimum bounds every plan. Each round, the requests the
 * master chose are grouped by firm and by buyer and each group is checked
 * exactly (exact.ts: start times, no overlap, the travel between places).
 * When no plan can hold a group, a smaller subset still proven so (S) becomes
 * the cut `sum(y[r], r in S) <= |S| - 1`: every plan satisfies it, so the
 * master's next optimum is still an upper bound, and lower. It stops when
 * every group of the chosen set is schedulable on its own (the bound is then
 * as tight as firms, buyers and travel make it), when a check runs out of
 * nodes, or when the time is up. The last master optimum is the bound;
 * interpreters and vans enter it only through the capacity rows.
 */

export interface BoundResult {
  /** Proven upper bound of the weight of the requests not kept (fixed ones excluded). */
  readonly bound: number;
  readonly status: 'optimal' | 'time-limit' | 'infeasible' | 'error';
  readonly rounds: number;
  readonly cuts: number;
  /** The requests of the last master solution (a good guess of what to schedule). */
  readonly chosen: readonly string[];
  readonly stopped: 'converged' | 'unknown' | 'time' | 'rounds' | 'solver';
}

export interface BoundOptions {
  readonly timeLimitMs: number;
  readonly maxRounds?: number;
  readonly nodeLimit?: number;
  readonly now?: () => number;
}

export function withCuts(model: MipModel, cuts: readonly (readonly number[])[]): MipModel {
  if (cuts.length === 0) return model;
  const extra = cuts.reduce((n, c) => n + c.length, 0);
  const m = model.rowUpper.length;
  const nnz = model.rowIndices.length;
  const rowStarts = new Int32Array(m + cuts.length + 1);
  rowStarts.set(model.rowStarts);
  const rowIndices = new Int32Array(nnz + extra);
  rowIndices.set(model.rowIndices);
  const rowValues = new Float64Array(nnz + extra);
  rowValues.set(model.rowValues);
  const rowUpper = new Float64Array(m + cuts.length);
  rowUpper.set(model.rowUpper);
  let k = nnz;
  cuts.forEach((cut, i) => {
    for (const c of cut) {
      rowIndices[k] = c;
      rowValues[k] = 1;
      k += 1;
    }
    rowStarts[m + i + 1] = k;
    rowUpper[m + i] = cut.length - 1;
  });
  return { ...model, rowStarts, rowIndices, rowValues, rowUpper };
}

/**
 * Shrinks a set proven unschedulable to a smaller one still proven so
 * (deletion filter: drop a request when the rest is still proven
 * unschedulable; keep it when the rest is schedulable or unknown).
 */
function shrink(
  ctx: ExactContext,
  ids: readonly string[],
  fixed: readonly string[],
  nodeLimit: number,
): string[] {
  let set = [...ids];
  for (const id of ids) {
    const without = set.filter((x) => x !== id);
    if (without.length === 0) continue;
    if (exactCheck(ctx, [...fixed, ...without], nodeLimit).status === 'infeasible') set = without;
  }
  return set;
}

/** The chosen requests of each firm and of each buyer (two or more), each proven unschedulable shrunk to a core. */
function cores(
  ctx: ExactContext,
  chosen: readonly string[],
  fixed: readonly string[],
  nodeLimit: number,
): { cores: string[][]; unknown: boolean } {
  const groups = new Map<string, string[]>();
  for (const id of chosen) {
    const r = ctx.requests.get(id)!;
    for (const key of [`f|${r.participantId}`, `b|${r.buyerId}`]) {
      const list = groups.get(key) ?? [];
      list.push(id);
      groups.set(key, list);
    }
  }
  const found: string[][] = [];
  let unknown = false;
  for (const [key, ids] of groups) {
    if (ids.length < 2) continue;
    // The kept meetings of the same firm or buyer take part (they cannot move).
    const entity = key.slice(2);
    const kept = fixed.filter((id) => {
      const r = ctx.requests.get(id)!;
      return key.startsWith('f|') ? r.participantId === entity : r.buyerId === entity;
    });
    const check = exactCheck(ctx, [...kept, ...ids], nodeLimit);
    if (check.status === 'unknown') unknown = true;
    if (check.status !== 'infeasible') continue;
    found.push(shrink(ctx, ids, kept, nodeLimit));
  }
  return { cores: found, unknown };
}

export function travelAwareBound(
  problem: PlanProblem,
  model: MipModel,
  solver: MipSolver,
  options: BoundOptions,
): BoundResult {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const nodeLimit = options.nodeLimit ?? 20_000;
  const maxRounds = options.maxRounds ?? 200;
  const ctx = exactContext(problem);
  const fixed = problem.fixed.map((f) => f.requestId);
  const colOf = new Map(model.requestIds.map((id, i) => [id, i]));
  // Kept meetings that clash among themselves: no plan is clash-free, so no cut would be valid.
  const keptClash = cores(ctx, fixed, [], nodeLimit);
  const cutsAllowed = keptClash.cores.length === 0 && !keptClash.unknown;
  const cuts: number[][] = [];
  let bound = Infinity;
  let status: BoundResult['status'] = 'error';
  let chosen: string[] = [];
  let stopped: BoundResult['stopped'] = 'rounds';
  let rounds = 0;
  for (; rounds < maxRounds; rounds += 1) {
    const left = Math.max(0.2, (options.timeLimitMs - (now() - started)) / 1000);
    const result = solver.solve(withCuts(model, cuts), { timeLimitSeconds: left });
    if (result.status === 'infeasible' || result.status === 'error' || !result.x) {
      status = result.status === 'infeasible' ? 'infeasible' : 'error';
      stopped = 'solver';
      break;
    }
    // A master stopped by its time limit still proves its dual bound.
    bound = Math.min(bound, result.bound);
    status = result.status;
    chosen = model.requestIds.filter((_, i) => result.x![i]! > 0.5);
    if (result.status !== 'optimal' || now() - started > options.timeLimitMs) {
      stopped = 'time';
      break;
    }
    if (!cutsAllowed) {
      stopped = 'unknown';
      break;
    }
    const found = cores(ctx, chosen, fixed, nodeLimit);
    if (found.cores.length === 0) {
      stopped = found.unknown ? 'unknown' : 'converged';
      break;
    }
    for (const core of found.cores) cuts.push(core.map((id) => colOf.get(id)!));
  }
  return {
    bound: Number.isFinite(bound) ? bound : 0,
    status,
    rounds,
    cuts: cuts.length,
    chosen,
    stopped,
  };
}
