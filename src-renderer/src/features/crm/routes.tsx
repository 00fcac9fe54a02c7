import type { RouteObject } from 'react-router';
import { BuyerDetailScreen } from './buyers/BuyerDetailScreen';
import { BuyerFormScreen } from './buyers/BuyerFormScreen';
import { BuyerListScreen } from './buyers/BuyerListScreen';
import { TalksScreen } from './talks/TalksScreen';

/** Routes of the CRM screens (buyers, trade talks), under the app layout. */
export const crmRoutes: RouteObject[] = [
  { path: 'buyers', element: <BuyerListScreen /> },
  { path: 'buyers/new', element: <BuyerFormScreen /> },
  { path: 'buyers/:id', element: <BuyerDetailScreen /> },
  { path: 'buyers/:id/edit', element: <BuyerFormScreen key="edit" /> },
  { path: 'talks', element: <TalksScreen /> },
];
