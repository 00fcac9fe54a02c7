import { runCrmBenchmarks } from '../../src-shared/crm/bench';
import { bookingsBench } from './bookings';
import type { Bench } from './types';

/** Every benchmark of `npm run bench`, by area. */
export const benches: Record<string, Bench> = {
  // Quick runs search 10,000 buyers, not 100,000: say so in the names.
  crm: async (options) =>
    (await runCrmBenchmarks(options)).map((r) =>
      options.quick ? { ...r, name: r.name.replace(/_100k$/, '_10k') } : r,
    ),
  bookings: bookingsBench,
};
