// The bookings feature's public surface (interpreters, vehicles, drivers and their
// bookings). It imports crm and sync-ui only.
export { bookingRoutes } from './routes';
export { BookingReminders } from './ui/use-reminders';
export {
  BookingsRepository,
  repositoryFor,
  type BookingsSnapshot,
  type SaveResult,
} from './data/repository';
export { groupByPair, useConflicts } from './model/conflicts';
export { languagePairLabel } from './model/labels';
export { loadBookingsDemo } from './data/demo';
export {
  PAPER_SIZES,
  defaultPaper,
  loadPaper,
  pageRule,
  savePaper,
  type PaperSize,
} from './model/paper';
export { displayPhone } from './model/person-form';
