/**
 * missions.*: the mission planner as the app runs it (planInWorker: HiGHS in
 * the planner worker, exact schedule + search), on generated missions with a
 * real mission's contention (src-shared/missions/planner/generate-realistic.ts,
 * assumptions in docs/decisions.md). Measured from the page: wall time
 * from posting the mission to the worker until the report is back, the main
 * thread's long tasks meanwhile, and the weights the report names: placed,
 * the greedy baseline's (same run, same worker) and the solver's upper bound
 * (the capacity model's optimum with the travel cuts, docs/decisions.md "Missions").
 */
import { generateMission, type GenerateOptions } from '@shared/missions/planner/generate';
import { generateRealisticMission } from '@shared/missions/planner/generate-realistic';
import { planInWorker } from '../../../src-renderer/src/features/missions/planner/client';
import { median, round2, sleep, watchLongTasks } from './util';

export interface MissionBenchRun {
  seed: number;
  ms: number;
  weight: number;
  greedyWeight: number;
  upperBound: number | null;
  solverStatus: string;
  solverMs: number;
  solver: boolean;
  placed: number;
  requests: number;
  longTasks: number;
  longTaskMaxMs: number;
  longTaskSupported: boolean;
}

export interface MissionBenchResult {
  runs: MissionBenchRun[];
  medianMs: number;
}

export async function missionPlan(opts: {
  size: Omit<GenerateOptions, 'seed'>;
  seeds: number[];
  /** Runs per seed (the search stops on a time budget, so weights can differ between runs too). */
  repeats?: number;
}): Promise<MissionBenchResult> {
  const runs: MissionBenchRun[] = [];
  // Warm-up: the worker starts and HiGHS compiles its WebAssembly once per app session.
  await planInWorker(
    generateMission({ seed: 999, smes: 2, requests: 4, days: 1, interpreters: 1, vans: 1 }),
    { budgetMs: 50 },
  );
  const order = Array.from({ length: opts.repeats ?? 1 }, () => opts.seeds).flat();
  for (const seed of order) {
    const records = generateRealisticMission({ ...opts.size, seed });
    // Let the generator's task end first: a long task that ends after the observer starts is
    // reported to it (seen: a 76 ms task that began 76 ms before the post, generation and post
    // in one task, under load 13). The page's own part (posting the records) stays inside.
    await sleep(0);
    const watched = await watchLongTasks(async () => {
      const t = performance.now();
      const result = await planInWorker(records);
      return { result, ms: performance.now() - t };
    });
    const { report, solver } = watched.result.result;
    runs.push({
      seed,
      ms: round2(watched.result.ms),
      weight: report.weight,
      greedyWeight: report.greedyWeight,
      upperBound: report.upperBound,
      solverStatus: report.solverStatus,
      solverMs: round2(report.solverMs),
      solver,
      placed: report.solution.meetings.length,
      requests: records.requests.length,
      longTasks: watched.count,
      longTaskMaxMs: round2(watched.maxMs),
      longTaskSupported: watched.supported,
    });
  }
  return { runs, medianMs: median(runs.map((r) => r.ms)) };
}
