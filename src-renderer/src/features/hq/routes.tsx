import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { DevicesScreen } from './admin/DevicesScreen';
import { EnrollmentCodesScreen } from './admin/EnrollmentCodesScreen';
import { OfficesScreen } from './admin/OfficesScreen';
import { OfficeDataScreen } from './browse/OfficeDataScreen';
import { FxRatesScreen } from './rates/FxRatesScreen';
import { AccessReviewScreen } from './audit/AccessReviewScreen';
import { BasisMissingScreen } from './subjects/BasisMissingScreen';

// The dashboard carries the chart library: loaded when first opened.
const DashboardScreen = lazy(() =>
  import('./dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })),
);

/** HQ mode screens (shown in the navigation on HQ-enrolled laptops only). */
export const hqRoutes: RouteObject[] = [
  {
    path: 'hq-dashboard',
    element: (
      <Suspense fallback={null}>
        <DashboardScreen />
      </Suspense>
    ),
  },
  { path: 'hq-offices', element: <OfficesScreen /> },
  { path: 'hq-offices/:officeId', element: <OfficeDataScreen /> },
  { path: 'hq-devices', element: <DevicesScreen /> },
  { path: 'hq-codes', element: <EnrollmentCodesScreen /> },
  { path: 'hq-rates', element: <FxRatesScreen /> },
  { path: 'hq-access', element: <AccessReviewScreen /> },
  { path: 'hq-subjects', element: <BasisMissingScreen /> },
];
