import type { RouteContext } from '../route-context';

/** HQ report endpoints (issue 6). */
export function registerReportRoutes(_ctx: RouteContext): void {}
