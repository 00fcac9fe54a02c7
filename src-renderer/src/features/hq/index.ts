export { hqRoutes } from './routes';
export { useIsHqDevice } from './api/use-hq';
