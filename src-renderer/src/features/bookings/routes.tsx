import type { RouteObject } from 'react-router';
import { BookingsScreen } from './ui/BookingsScreen';
import { DaySheetScreen } from './ui/DaySheetScreen';

/** Routes of the scheduling screens (interpreters, vehicles), under the app layout. */
export const bookingRoutes: RouteObject[] = [
  { path: 'interpreters', element: <BookingsScreen kind="interpreter" /> },
  { path: 'interpreters/day-sheet/:kind/:id/:date', element: <DaySheetScreen /> },
  { path: 'vehicles', element: <BookingsScreen kind="vehicle" /> },
  { path: 'vehicles/day-sheet/:kind/:id/:date', element: <DaySheetScreen /> },
];
