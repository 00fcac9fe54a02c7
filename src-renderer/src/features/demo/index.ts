// Demo data for a laptop not linked to HQ: the settings card and the empty buyer list's
// button (handed to crm by the composition root, src/routes.tsx). It imports crm, bookings
// and sync-ui.
export { DemoDataCard, LoadDemoButton } from './DemoDataCard';
