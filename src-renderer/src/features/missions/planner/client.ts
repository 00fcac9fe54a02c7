import type { MissionRecords, PlanReport } from '@shared/missions';
import { moduleWorkersAvailable } from '../../../sync/pull-worker-client';
import type { PlanWorkerReply, PlanWorkerRequest } from './protocol';
import { runPlan } from './run-plan';

/**
 * The page's side of the planner worker. Where no module worker can run
 * (happy-dom, Node) the plan is made in the page without the solver: the
 * same exact schedule and search, no bound.
 */

export interface PlanResult {
  readonly report: PlanReport;
  /** Whether HiGHS took part (false: no bound, greedy-guided start). */
  readonly solver: boolean;
}

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: PlanResult) => void; reject: (e: Error) => void }>();

function plannerWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (!moduleWorkersAvailable()) return null;
  try {
    const w = new Worker(new URL('./planner.worker.ts', import.meta.url), {
      type: 'module',
      name: 'mission-planner',
    });
    w.onmessage = (event: MessageEvent<PlanWorkerReply>) => {
      const reply = event.data;
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (reply.type === 'done') entry.resolve({ report: reply.report, solver: reply.solver });
      else entry.reject(Object.assign(new Error(reply.message), { code: 'missions.plan_failed' }));
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      for (const entry of waiting.values()) entry.reject(new Error('planner worker failed'));
      waiting.clear();
      w.terminate();
      worker = null;
    };
    worker = w;
  } catch (error) {
    console.warn('[missions] planner worker unavailable, planning in the page', error);
  }
  return worker;
}

export function planInWorker(
  records: MissionRecords,
  options: { budgetMs?: number; seed?: number } = {},
): Promise<PlanResult> {
  const w = plannerWorker();
  if (!w) {
    return Promise.resolve({
      report: runPlan(records, null, { budgetMs: 500, ...options }),
      solver: false,
    });
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ type: 'plan', id, records, ...options } satisfies PlanWorkerRequest);
  });
}
