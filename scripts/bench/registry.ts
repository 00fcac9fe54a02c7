import { runCrmBenchmarks } from '../../src-shared/crm/bench';
import { bookingsBench } from './bookings';
import type { Bench } from './types';

/** Every benchmark of `npm run bench`, by area. */
export const benches: Record<string, Bench> = {
  crm: (options) => runCrmBenchmarks(options),
  bookings: bookingsBench,
};
