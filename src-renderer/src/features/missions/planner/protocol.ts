import type { MissionRecords, PlanReport } from '@shared/missions';

/** Messages between the page and the planner worker (structured clone, no functions). */
export interface PlanWorkerRequest {
  readonly type: 'plan';
  readonly id: number;
  readonly records: MissionRecords;
  readonly budgetMs?: number;
  readonly seed?: number;
}

export type PlanWorkerReply =
  | {
      readonly type: 'done';
      readonly id: number;
      readonly report: PlanReport;
      readonly solver: boolean;
    }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
