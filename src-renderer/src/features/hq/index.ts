// HQ mode (only on an HQ-enrolled laptop). Nothing imports this feature but the
// composition root; it imports bookings and sync-ui.
export { hqRoutes } from './routes';
export { EraseSubjectButton } from './subjects/EraseSubjectButton';
