export { syncRoutes } from './routes';
export { SyncStatusBadge } from './SyncStatusBadge';
export { SyncScreen } from './SyncScreen';
export {
  SyncService,
  UnlinkRefusedError,
  getSyncService,
  officeDataTables,
  startSync,
  type SyncServiceOptions,
  type SyncUiState,
} from './sync-service';
export { parseHqUrl, loadEnrollment, type Enrollment } from './enrollment';
