import { seededRandom, type Random } from '../../random/seeded';
import { placeFixed } from './greedy';
import { candidateStarts, dayIndexOf, type PlanProblem, type PlanRequest } from './problem';
import { Schedule } from './schedule';

/**
 * Large-neighbourhood search over exact schedules: take some meetings out (a
 * firm's day, an interpreter's day, a stretch of time, or a random few), put
 * the unplaced requests back in a shuffled priority order, keep the result
 * when it places at least as much weight. Every schedule it looks at is built
 * by Schedule, so every one is feasible; only the weight is optimised.
 */

export interface Placement {
  readonly requestId: string;
  readonly start: number;
  readonly interpreterId: string | null;
}

export interface ImproveOptions {
  readonly seed?: number;
  /** Stops after this long (ms, by `now`)… */
  readonly budgetMs: number;
  /** …or after this many rounds, whichever comes first. */
  readonly maxRounds?: number;
  readonly now?: () => number;
  /** Requests to try first when putting back (the solver's choice). */
  readonly preferred?: ReadonlySet<string>;
}

export function placementsOf(schedule: Schedule): Placement[] {
  return [...schedule.placed.values()]
    .filter((m) => !m.fixed)
    .map((m) => ({ requestId: m.requestId, start: m.start, interpreterId: m.interpreterId }));
}

/** A schedule with the kept meetings, then the given placements in time order (any that no longer fit are left out). */
export function rebuild(problem: PlanProblem, placements: readonly Placement[]): Schedule {
  const schedule = new Schedule(problem);
  placeFixed(schedule, problem);
  for (const p of [...placements].sort((a, b) => a.start - b.start)) {
    schedule.tryPlace(p.requestId, p.start, p.interpreterId);
  }
  return schedule;
}

function recreate(schedule: Schedule, order: readonly PlanRequest[], random: Random): void {
  const problem = schedule.problem;
  for (const r of order) {
    if (schedule.placed.has(r.id)) continue;
    const starts = candidateStarts(problem, r, schedule.participants.get(r.participantId)!);
    if (starts.length === 0) continue;
    // Mostly earliest-first; sometimes from a random point, so the search moves.
    const offset = random() < 0.5 ? 0 : Math.floor(random() * starts.length);
    for (let k = 0; k < starts.length; k += 1) {
      if (schedule.tryPlace(r.id, starts[(k + offset) % starts.length]!).ok) break;
    }
  }
}

function ruin(problem: PlanProblem, placements: readonly Placement[], random: Random): Placement[] {
  if (placements.length === 0) return [];
  const requests = new Map(problem.requests.map((r) => [r.id, r]));
  const day = (p: Placement) => dayIndexOf(problem.days, p.start);
  const anchor = placements[Math.floor(random() * placements.length)]!;
  const kind = random();
  let out: (p: Placement) => boolean;
  if (kind < 0.3) {
    const firm = requests.get(anchor.requestId)!.participantId;
    out = (p) => requests.get(p.requestId)!.participantId === firm && day(p) === day(anchor);
  } else if (kind < 0.55 && anchor.interpreterId) {
    out = (p) => p.interpreterId === anchor.interpreterId && day(p) === day(anchor);
  } else if (kind < 0.8) {
    const from = anchor.start - 90;
    const to = anchor.start + 90;
    out = (p) => p.start >= from && p.start <= to && random() < 0.7;
  } else {
    out = () => random() < 0.15;
  }
  return placements.filter((p) => !out(p));
}

export function improve(
  problem: PlanProblem,
  initial: Schedule,
  options: ImproveOptions,
): Schedule {
  const random = seededRandom(options.seed ?? 1);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const preferred = options.preferred ?? new Set<string>();
  // Schedules are kept whole (a rebuild in time order can differ: van legs are given out in order).
  let best = initial;
  let current = initial;
  let currentPlacements = placementsOf(initial);
  const maxRounds = options.maxRounds ?? Infinity;
  for (let round = 0; round < maxRounds && now() - started < options.budgetMs; round += 1) {
    const schedule = rebuild(problem, ruin(problem, currentPlacements, random));
    const order = problem.requests
      .filter((r) => !schedule.placed.has(r.id))
      .map((r) => ({ r, key: r.weight * (preferred.has(r.id) ? 1.5 : 1) * (0.7 + 0.6 * random()) }))
      .sort((a, b) => b.key - a.key)
      .map((x) => x.r);
    recreate(schedule, order, random);
    if (schedule.totalWeight() >= current.totalWeight()) {
      current = schedule;
      currentPlacements = placementsOf(schedule);
      if (schedule.totalWeight() > best.totalWeight()) best = schedule;
    }
  }
  return best;
}
