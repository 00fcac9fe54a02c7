import { candidateStarts, type PlanProblem, type PlanRequest, type Span } from './problem';
import { Schedule } from './schedule';

/**
 * The capacity model HiGHS solves: one binary y[r] per request that can be
 * placed at all, maximising the weight, subject to rows that every feasible
 * plan satisfies (so its optimum is an UPPER BOUND on the weight any plan can
 * place, and its choice is a good guess of which requests to schedule):
 *
 * - for each firm, each buyer, and each run of consecutive meeting windows
 *   (a half-day, a day, two days, …): the minutes of the requests that can
 *   only happen inside that run fit in the minutes of that run the firm
 *   (buyer) is free;
 * - the same per set of needed languages against the free minutes of the
 *   interpreters who speak one of them (Hall's condition, in minutes);
 * - the van legs' shortest possible minutes fit in the vans' free minutes.
 *
 * A time-indexed model (a column per request and start time, rows per
 * instant) was tried first; see docs/decisions.md (Missions) for why this one
 * replaced it.
 */

export interface MipModel {
  readonly requestIds: readonly string[];
  readonly cost: Float64Array;
  /** CSR rows of `sum(coef * y) <= upper`. */
  readonly rowStarts: Int32Array;
  readonly rowIndices: Int32Array;
  readonly rowValues: Float64Array;
  readonly rowUpper: Float64Array;
}

export interface MipSolveOptions {
  readonly timeLimitSeconds: number;
  /** Solve the LP relaxation only (no integrality). */
  readonly relax?: boolean;
}

export interface MipSolveResult {
  readonly status: 'optimal' | 'time-limit' | 'infeasible' | 'error';
  readonly x: Float64Array | null;
  readonly objective: number;
  /** Proven upper bound of the objective (equals it when optimal). */
  readonly bound: number;
}

export interface MipSolver {
  solve(model: MipModel, options: MipSolveOptions): MipSolveResult;
}

interface Row {
  readonly cols: number[];
  readonly coefs: number[];
  readonly upper: number;
}

function freeMinutes(within: Span, busy: readonly Span[]): number {
  // Busy spans may overlap one another: merge the parts inside `within`.
  const parts = busy
    .map((b) => ({ start: Math.max(b.start, within.start), end: Math.min(b.end, within.end) }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  let covered = 0;
  let at = within.start;
  for (const p of parts) {
    if (p.end <= at) continue;
    covered += p.end - Math.max(p.start, at);
    at = p.end;
  }
  return within.end - within.start - covered;
}

export function buildMipModel(problem: PlanProblem): MipModel {
  const fixedIds = new Set(problem.fixed.map((f) => f.requestId));
  const probe = new Schedule(problem);
  for (const f of problem.fixed) probe.forcePlace(f.requestId, f.start, f.interpreterId);
  const travel = problem.travel;
  const participants = new Map(problem.participants.map((p) => [p.id, p]));
  const requestById = new Map(problem.requests.map((r) => [r.id, r]));

  // Chronological meeting windows ("segments") of the whole mission.
  const segments = problem.days.flatMap((d) => d.windows).sort((a, b) => a.start - b.start);
  const segmentOf = (t: number) => segments.findIndex((s) => t >= s.start && t < s.end);

  interface Item {
    readonly col: number;
    readonly r: PlanRequest;
    /** First and last segment it can start in. */
    readonly first: number;
    readonly last: number;
    readonly legMin: number;
  }
  const items: Item[] = [];
  const requestIds: string[] = [];
  const cost: number[] = [];
  for (const r of problem.requests) {
    if (fixedIds.has(r.id)) continue;
    const p = participants.get(r.participantId)!;
    const starts = candidateStarts(problem, r, p).filter((a) => probe.probe(r.id, a).ok);
    if (starts.length === 0) continue;
    let legMin = 0;
    if (p.needsTransport) {
      legMin = travel(p.hotelPlaceId, r.placeId);
      for (const o of problem.requests) {
        if (o.participantId === r.participantId && o.id !== r.id)
          legMin = Math.min(legMin, travel(o.placeId, r.placeId));
      }
    }
    const col = requestIds.length;
    requestIds.push(r.id);
    cost.push(r.weight);
    items.push({ col, r, first: segmentOf(starts[0]!), last: segmentOf(starts.at(-1)!), legMin });
  }

  // Minutes already taken by kept meetings, per firm / buyer / interpreter.
  const fixedSpans = (pred: (r: PlanRequest, interpreterId: string | null) => boolean): Span[] =>
    problem.fixed.flatMap((f) => {
      const r = requestById.get(f.requestId);
      return r && pred(r, f.interpreterId) ? [{ start: f.start, end: f.start + r.duration }] : [];
    });

  const rows: Row[] = [];
  const runs: {
    first: number;
    last: number;
    span: Span;
    minutes: (busy: readonly Span[]) => number;
  }[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    for (let j = i; j < segments.length; j += 1) {
      const inRun = segments.slice(i, j + 1);
      runs.push({
        first: i,
        last: j,
        span: { start: inRun[0]!.start, end: inRun.at(-1)!.end },
        minutes: (busy) => inRun.reduce((sum, s) => sum + freeMinutes(s, busy), 0),
      });
    }
  }
  const addRuns = (group: Item[], busy: readonly Span[]) => {
    for (const run of runs) {
      const inside = group.filter((it) => it.first >= run.first && it.last <= run.last);
      if (inside.length < 2) continue;
      const cap = run.minutes(busy);
      const total = inside.reduce((s, it) => s + it.r.duration, 0);
      if (total <= cap) continue;
      rows.push({
        cols: inside.map((it) => it.col),
        coefs: inside.map((it) => it.r.duration),
        upper: cap,
      });
    }
  };

  for (const p of problem.participants) {
    addRuns(
      items.filter((it) => it.r.participantId === p.id),
      [...p.busy, ...fixedSpans((r) => r.participantId === p.id)],
    );
  }
  const buyers = new Set(items.map((it) => it.r.buyerId));
  for (const b of buyers) {
    addRuns(
      items.filter((it) => it.r.buyerId === b),
      fixedSpans((r) => r.buyerId === b),
    );
  }

  // Interpreters: per set of needed languages, per run, minutes needed <= free minutes of the able.
  const languages = [
    ...new Set(items.flatMap((it) => (it.r.language ? [it.r.language] : []))),
  ].sort();
  const subsets = languages.length <= 6 ? allSubsets(languages) : languages.map((l) => [l]);
  for (const subset of subsets) {
    const set = new Set(subset);
    const group = items.filter((it) => it.r.language !== null && set.has(it.r.language));
    const able = problem.interpreters.filter((i) => i.languages.some((l) => set.has(l)));
    for (const run of runs) {
      const inside = group.filter((it) => it.first >= run.first && it.last <= run.last);
      if (inside.length === 0) continue;
      const cap = able.reduce(
        (sum, i) => sum + run.minutes([...i.busy, ...fixedSpans((_, id) => id === i.id)]),
        0,
      );
      const total = inside.reduce((s, it) => s + it.r.duration, 0);
      if (total <= cap) continue;
      rows.push({
        cols: inside.map((it) => it.col),
        coefs: inside.map((it) => it.r.duration),
        upper: cap,
      });
    }
  }

  // Vans: each day, the shortest leg into each meeting, within the day +/- 3 hours.
  const vanItems = items.filter((it) => it.legMin > 0);
  if (vanItems.length > 0) {
    for (const day of problem.days) {
      const first = segments.findIndex((s) => s.start >= day.open);
      const last = segments.findLastIndex((s) => s.end <= day.close);
      const inside = vanItems.filter((it) => it.first >= first && it.last <= last);
      if (inside.length === 0) continue;
      const span = { start: day.open - 180, end: day.close + 180 };
      const cap = problem.vehicles.reduce((sum, v) => sum + freeMinutes(span, v.busy), 0);
      rows.push({
        cols: inside.map((it) => it.col),
        coefs: inside.map((it) => it.legMin),
        upper: cap,
      });
    }
  }

  let nnz = 0;
  for (const r of rows) nnz += r.cols.length;
  const rowStarts = new Int32Array(rows.length + 1);
  const rowIndices = new Int32Array(nnz);
  const rowValues = new Float64Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    rowStarts[i] = k;
    r.cols.forEach((c, n) => {
      rowIndices[k] = c;
      rowValues[k] = r.coefs[n]!;
      k += 1;
    });
  });
  rowStarts[rows.length] = k;
  return {
    requestIds,
    cost: Float64Array.from(cost),
    rowStarts,
    rowIndices,
    rowValues,
    rowUpper: Float64Array.from(rows.map((r) => r.upper)),
  };
}

function allSubsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask += 1) {
    out.push(items.filter((_, i) => mask & (1 << i)));
  }
  return out;
}
