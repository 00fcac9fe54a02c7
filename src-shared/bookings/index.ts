/**
 * Bookings domain (issue 4): interpreter bookings and vehicle schedules.
 * Pure TypeScript (zod, luxon, ical-generator): runs in the renderer, a
 * worker and on the HQ server. No React, DOM, Dexie or Node APIs.
 */
export * from './errors';
export * from './schemas';
export * from './wall-time';
export * from './recurrence';
export * from './resources';
export * from './interval-index';
export * from './booking-index';
export * from './conflicts';
export * from './sync-conflicts';
export * from './people';
export * from './day-sheet';
export * from './utilization';
export * from './ics';
export * from './vtimezone';
export { generateDemoData, seededRandom, type DemoData, type DemoOptions } from './demo';
