export {
  buildProblem,
  checkPlan,
  greedyPlan,
  planMission,
  type MissionRecords,
} from '@shared/missions';
export type { Booking } from '@shared/bookings';
