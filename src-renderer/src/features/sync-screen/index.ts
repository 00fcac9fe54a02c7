// The sync screen (#/sync): enrollment, sync status and the "Needs a person" inbox
// (refused changes, double bookings, likely duplicate buyers). It sits above the features
// whose records the inbox shows: it imports crm, bookings and sync-ui.
export { syncRoutes } from './routes';
export { SyncScreen } from './SyncScreen';
