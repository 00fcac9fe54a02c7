import type { RouteObject } from 'react-router';

/** Routes of the CRM screens (buyers, trade talks), under the app layout. */
export const crmRoutes: RouteObject[] = [];
