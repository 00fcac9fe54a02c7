import type { RouteObject } from 'react-router';
import { SyncScreen } from './SyncScreen';

/** The sync screen (#/sync): enrollment with HQ, then the sync status. */
export const syncRoutes: RouteObject[] = [{ path: 'sync', element: <SyncScreen /> }];
