// The sync feature's public surface: the per-database sync service and its state, the
// enrollment, the demo-data guard, and the small pieces other features show (the header
// badge, the "not yet at HQ" marker). It imports no other feature.
export { SyncStatusBadge } from './SyncStatusBadge';
export { NotAtHqMarker, useNotYetAtHq, usePendingIds } from './NotAtHqMarker';
export {
  SyncService,
  UnlinkRefusedError,
  getSyncService,
  officeDataTables,
  startSync,
  type AfterSyncStep,
  type LinkedStep,
  type ReplacedLink,
  type SyncLink,
  type SyncServiceOptions,
  type SyncUiState,
  type UnlinkOutcome,
} from './sync-service';
export { actorOf, currentActor, useActor, type Actor } from './actor';
export { EnrollmentInputError, parseHqUrl, loadEnrollment, type Enrollment } from './enrollment';
export { useDemoAllowed, useIsHqDevice, useSyncService, useSyncState } from './use-sync';
export { describeSync } from './sync-phase';
export {
  DemoRefusedError,
  assertDemoAllowed,
  countDemoRecords,
  isLinkedToHq,
  removeDemoData,
} from './demo-guard';
