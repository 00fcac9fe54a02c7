/**
 * Trade missions (issue 13): missions, participants, meeting requests,
 * places and travel times, the planner, and the bookings a plan writes.
 * Pure TypeScript: runs in the renderer, the planner worker and on HQ.
 */
export * from './errors';
export * from './schemas';
export * from './travel';
export * from './sync';
export * from './planner/problem';
export * from './planner/schedule';
export * from './planner/check';
export * from './planner/greedy';
export * from './planner/mip';
export * from './planner/improve';
export * from './planner/benders';
export * from './planner/exact';
export * from './planner/plan';
export * from './planner/build-problem';
export * from './accept';
export * from './duplicates';
export * from './itinerary';
export * from './reader-language';
