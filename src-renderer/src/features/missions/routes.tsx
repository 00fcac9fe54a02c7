import type { RouteObject } from 'react-router';
import { ItineraryScreen } from './ui/ItineraryScreen';
import { MissionScreen } from './ui/MissionScreen';
import { MissionsScreen } from './ui/MissionsScreen';

/** Routes of the trade-mission screens, under the app layout. */
export const missionRoutes: RouteObject[] = [
  { path: 'missions', element: <MissionsScreen /> },
  { path: 'missions/:id', element: <MissionScreen /> },
  { path: 'missions/:id/itinerary/:kind/:subject?', element: <ItineraryScreen /> },
];
