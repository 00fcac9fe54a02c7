import { Navigate, createHashRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { ComingSoonScreen } from './screens/ComingSoonScreen';
import { DEFAULT_SCREEN, SCREENS } from './screens/registry';
import { SettingsScreen } from './screens/SettingsScreen';

export const appRoutes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to={`/${DEFAULT_SCREEN}`} replace /> },
      ...SCREENS.map(({ id, icon }) => ({
        path: id,
        element: id === 'settings' ? <SettingsScreen /> : <ComingSoonScreen id={id} icon={icon} />,
      })),
      { path: '*', element: <Navigate to={`/${DEFAULT_SCREEN}`} replace /> },
    ],
  },
];

/** Hash routing works under Electron's app:// protocol and any static server alike. */
export function createAppRouter() {
  return createHashRouter(appRoutes);
}
