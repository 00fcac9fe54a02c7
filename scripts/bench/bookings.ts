import { runBookingsBench } from '@shared/bookings/bench';
import type { Bench } from './types';

/** bookings.conflict_check_ms_10k against a linear scan of the same bookings in the same run. */
export const bookingsBench: Bench = async ({ quick }) => {
  const r = runBookingsBench(quick ? { existing: 1_000, candidates: 50, repeats: 3 } : {});
  return [
    {
      name: quick ? 'bookings.conflict_check_ms_1k' : r.name,
      value: r.value,
      unit: r.unit,
      baseline: r.baseline.value,
      ratio: r.value / r.baseline.value,
      target: '< 5 ms',
    },
    { name: 'bookings.index_build_ms', value: r.indexBuild.value, unit: r.indexBuild.unit },
  ];
};
