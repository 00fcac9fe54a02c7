import type { RouteObject } from 'react-router';

/** Routes of the scheduling screens (interpreters, vehicles), under the app layout. */
export const bookingRoutes: RouteObject[] = [];
