/// <reference lib="webworker" />
// The mission planner in its own thread: the solver and the search run for
// seconds, and the window must stay responsive meanwhile.
import loadHighs from 'highs';
import wasmUrl from 'highs/runtime?url';
import type { MipSolver } from '@shared/missions';
import { highsSolver } from '@shared/missions/planner/highs-solver';
import type { PlanWorkerReply, PlanWorkerRequest } from './protocol';
import { runPlan } from './run-plan';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let solver: Promise<MipSolver | null> | null = null;

function loadSolver(): Promise<MipSolver | null> {
  solver ??= loadHighs({ locateFile: () => new URL(wasmUrl, scope.location.href).href })
    .then(highsSolver)
    .catch((error: unknown) => {
      // Without the solver the planner still plans (no bound, no solver-guided start).
      console.warn('[missions] solver unavailable', error);
      return null;
    });
  return solver;
}

scope.onmessage = async (event: MessageEvent<PlanWorkerRequest>) => {
  const request = event.data;
  try {
    const mip = await loadSolver();
    const report = runPlan(request.records, mip, {
      ...(request.budgetMs !== undefined ? { budgetMs: request.budgetMs } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    });
    scope.postMessage({
      type: 'done',
      id: request.id,
      report,
      solver: mip !== null,
    } satisfies PlanWorkerReply);
  } catch (error) {
    scope.postMessage({
      type: 'error',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    } satisfies PlanWorkerReply);
  }
};
