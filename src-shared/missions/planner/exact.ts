import { candidateStarts, type PlanProblem, type PlanRequest } from './problem';
import { Schedule } from './schedule';

/**
 * Exact schedulability of a SET of requests (which ones, not when), for the
 * ones of one firm or one buyer: a complete backtracking search over their
 * start times (the times each can have on its own, with the kept meetings)
 * with no two of them overlapping and the travel between their places.
 * Interpreters and vans are left out, so this is a relaxation of the
 * planner's rules: `infeasible` is a proof that no plan places the whole
 * set (benders.ts turns it into a cut of the bound), `unknown` means the node
 * limit was reached.
 *
 * Travel between two meetings uses the shortest path through other places,
 * so the pairwise check holds for every pair, not only consecutive ones, even
 * where staff's overrides break the triangle inequality (the search is then
 * looser, never stricter than Schedule).
 */

export interface ExactContext {
  readonly problem: PlanProblem;
  readonly requests: ReadonlyMap<string, PlanRequest>;
  /** Start times each request can have on its own (with the kept meetings). */
  readonly starts: ReadonlyMap<string, readonly number[]>;
  /** Shortest-path travel minutes between place indices. */
  readonly sp: (a: string, b: string) => number;
  readonly fixed: readonly Assigned[];
}

export interface Assigned {
  readonly requestId: string;
  readonly start: number;
}

export type ExactResult =
  | { readonly status: 'feasible'; readonly assignment: readonly Assigned[] }
  | { readonly status: 'infeasible' }
  | { readonly status: 'unknown' };

export function exactContext(problem: PlanProblem): ExactContext {
  const probe = new Schedule(problem);
  for (const f of problem.fixed) probe.forcePlace(f.requestId, f.start, f.interpreterId);
  const participants = new Map(problem.participants.map((p) => [p.id, p]));
  const fixedIds = new Set(problem.fixed.map((f) => f.requestId));
  const starts = new Map<string, number[]>();
  for (const r of problem.requests) {
    if (fixedIds.has(r.id)) continue;
    starts.set(
      r.id,
      candidateStarts(problem, r, participants.get(r.participantId)!).filter(
        (a) => probe.probe(r.id, a).ok,
      ),
    );
  }
  // Floyd-Warshall over the places the requests and hotels use.
  const places = [
    ...new Set([
      ...problem.requests.map((r) => r.placeId),
      ...problem.participants.map((p) => p.hotelPlaceId),
    ]),
  ];
  const index = new Map(places.map((p, i) => [p, i]));
  const n = places.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1)
    for (let j = 0; j < n; j += 1) d[i * n + j] = problem.travel(places[i]!, places[j]!);
  for (let k = 0; k < n; k += 1)
    for (let i = 0; i < n; i += 1) {
      const ik = d[i * n + k]!;
      for (let j = 0; j < n; j += 1)
        if (ik + d[k * n + j]! < d[i * n + j]!) d[i * n + j] = ik + d[k * n + j]!;
    }
  return {
    problem,
    requests: new Map(problem.requests.map((r) => [r.id, r])),
    starts,
    sp: (a, b) => {
      const i = index.get(a);
      const j = index.get(b);
      return i === undefined || j === undefined ? problem.travel(a, b) : d[i * n + j]!;
    },
    fixed: problem.fixed.map((f) => ({ requestId: f.requestId, start: f.start })),
  };
}

interface Var {
  readonly r: PlanRequest;
  readonly starts: readonly number[];
  /** 0 = still in the domain, else the depth that removed it. */
  readonly removed: Int32Array;
  size: number;
  assigned: number | null;
  /** Variables sharing the firm or the buyer. */
  readonly neighbours: Var[];
}

export function exactCheck(
  ctx: ExactContext,
  requestIds: readonly string[],
  nodeLimit: number,
): ExactResult {
  const { sp } = ctx;
  const fixedById = new Map(ctx.fixed.map((f) => [f.requestId, f]));
  const vars: Var[] = requestIds.map((id) => {
    const f = fixedById.get(id);
    const starts = f ? [f.start] : (ctx.starts.get(id) ?? []);
    return {
      r: ctx.requests.get(id)!,
      starts,
      removed: new Int32Array(starts.length),
      size: starts.length,
      assigned: null,
      neighbours: [],
    };
  });
  for (const v of vars) if (v.size === 0) return { status: 'infeasible' };
  for (const a of vars) {
    for (const b of vars) {
      if (a !== b && (a.r.participantId === b.r.participantId || a.r.buyerId === b.r.buyerId))
        a.neighbours.push(b);
    }
  }
  const apart = (x: PlanRequest, xa: number, y: PlanRequest, ya: number) =>
    xa + x.duration + sp(x.placeId, y.placeId) <= ya ||
    ya + y.duration + sp(y.placeId, x.placeId) <= xa;

  // Forward checking: remove the neighbours' start times that clash with `v` at `start`.
  const trail: { v: Var; k: number }[] = [];
  const prune = (v: Var, start: number, depth: number): boolean => {
    for (const u of v.neighbours) {
      if (u.assigned !== null) continue;
      for (let k = 0; k < u.starts.length; k += 1) {
        if (u.removed[k] || apart(v.r, start, u.r, u.starts[k]!)) continue;
        u.removed[k] = depth;
        u.size -= 1;
        trail.push({ v: u, k });
      }
      if (u.size === 0) return false;
    }
    return true;
  };
  const undo = (mark: number) => {
    while (trail.length > mark) {
      const { v, k } = trail.pop()!;
      v.removed[k] = 0;
      v.size += 1;
    }
  };

  let nodes = 0;
  let aborted = false;
  const search = (depth: number): boolean => {
    // Fewest start times left first.
    let pick: Var | null = null;
    for (const v of vars) if (v.assigned === null && (!pick || v.size < pick.size)) pick = v;
    if (!pick) return true;
    for (let k = 0; k < pick.starts.length; k += 1) {
      if (pick.removed[k]) continue;
      nodes += 1;
      if (nodes > nodeLimit) {
        aborted = true;
        return false;
      }
      const start = pick.starts[k]!;
      const mark = trail.length;
      pick.assigned = start;
      if (prune(pick, start, depth + 1) && search(depth + 1)) return true;
      pick.assigned = null;
      undo(mark);
      if (aborted) return false;
    }
    return false;
  };
  if (search(0)) {
    return {
      status: 'feasible',
      assignment: vars.map((v) => ({ requestId: v.r.id, start: v.assigned! })),
    };
  }
  return aborted ? { status: 'unknown' } : { status: 'infeasible' };
}
