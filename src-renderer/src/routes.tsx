import { Navigate, createHashRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { ComingSoonScreen } from './screens/ComingSoonScreen';
import { DEFAULT_SCREEN, SCREENS } from './screens/registry';
import { SettingsScreen } from './screens/SettingsScreen';
import { crmRoutes } from './features/crm';
import { bookingRoutes } from './features/bookings';
import { syncRoutes } from './features/sync-screen';
import { EraseSubjectButton, hqRoutes } from './features/hq';
import { missionRoutes } from './features/missions';
import { LoadDemoButton } from './features/demo';

/**
 * Each feature contributes its own routes; a screen without one shows what is coming. This
 * is the composition root of the features: a lower feature gets what a higher one offers
 * (crm's empty list gets demo's loader) here, never by importing it.
 */
const featureRoutes: RouteObject[] = [
  ...crmRoutes({
    emptyBuyersAction: <LoadDemoButton />,
    // HQ's "erase everywhere" on the CRM's personal-data page (hq sits above crm).
    subjectErase: (props) => <EraseSubjectButton {...props} />,
  }),
  ...bookingRoutes,
  ...missionRoutes,
  ...syncRoutes,
  ...hqRoutes,
  { path: 'settings', element: <SettingsScreen /> },
];

const topLevel = (route: RouteObject) => route.path?.split('/')[0];
const served = new Set(featureRoutes.map(topLevel));

export const appRoutes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to={`/${DEFAULT_SCREEN}`} replace /> },
      ...featureRoutes,
      ...SCREENS.filter(({ id }) => !served.has(id)).map(({ id, icon }) => ({
        path: id,
        element: <ComingSoonScreen id={id as Exclude<typeof id, 'settings'>} icon={icon} />,
      })),
      { path: '*', element: <Navigate to={`/${DEFAULT_SCREEN}`} replace /> },
    ],
  },
];

/** Hash routing works under Electron's app:// protocol and any static server alike. */
export function createAppRouter() {
  return createHashRouter(appRoutes);
}
