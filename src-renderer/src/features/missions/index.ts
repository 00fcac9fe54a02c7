// Trade missions. Nothing imports this feature but the composition root; it imports crm
// and bookings.
export { missionRoutes } from './routes';
