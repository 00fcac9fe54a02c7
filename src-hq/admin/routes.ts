import type { RouteContext } from '../route-context';

/** HQ administration endpoints for HQ devices (offices, enrollment codes, devices). */
export function registerAdminRoutes(_ctx: RouteContext): void {}
