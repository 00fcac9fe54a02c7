/**
 * HQ report projections: typed read models of the synced JSON rows (docs/sync-protocol.md
 * "Reports"). `projectChanges` runs inside the push transaction (registered with the push
 * as a projector, src-hq/reports/projectors.ts) for every record that changed, so the read
 * model never disagrees with `records`; `rebuildReports` (rebuild.ts) rebuilds everything
 * from `records` (after migrations, and `npm run hq -- reports:rebuild`).
 *
 * One file per fact kind: talks.ts (report_buyers, report_talks, report_talk_industries and
 * the aggregate deltas of deltas.ts), bookings.ts (report_resources, report_booking_hours,
 * report_delegations), firms.ts (report_sme_firms), missions.ts (report_missions,
 * report_mission_meetings); rows are written through upsert.ts.
 * The aggregates are maintained by signed deltas (old contribution out, new in), rows whose
 * refcount reaches 0 are deleted, so they always equal an aggregation of report_talks.
 */
export { isZone, localMonth } from './common';
export { bookingFacts } from './bookings';
export { talkCore, UNSPECIFIED_INDUSTRY } from './talks';
export {
  PROJECTED_TABLES,
  projectChanges,
  projectChangesSafely,
  type ProjectOptions,
  type ProjectionChange,
} from './project';
export { rebuildReports, REPORT_TABLES } from './rebuild';
