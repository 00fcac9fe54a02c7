import { useMemo } from 'react';
import { detectConflicts, type BookingConflict } from '@shared/bookings';
import type { BookingsSnapshot } from '../data/repository';

export interface ConflictState {
  readonly conflicts: readonly BookingConflict[];
  /** Ids of bookings in at least one unresolved conflict: marked wherever shown. */
  readonly inConflict: ReadonlySet<string>;
}

/** Overlaps among active bookings (after sync two laptops may have booked one van). */
export function useConflicts(data: BookingsSnapshot): ConflictState {
  return useMemo(() => {
    const conflicts = detectConflicts(data.bookings, {
      horizon: data.index.horizon,
      vehicles: data.vehicles,
    });
    const inConflict = new Set<string>();
    for (const c of conflicts) for (const id of c.bookingIds) inConflict.add(id);
    return { conflicts, inConflict };
    // The snapshot is replaced on every change; version is its identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.version]);
}

/** One inbox entry per pair of bookings: a trip clashing on vehicle and driver is one problem. */
export function groupByPair(conflicts: readonly BookingConflict[]): BookingConflict[][] {
  const groups = new Map<string, BookingConflict[]>();
  for (const c of conflicts) {
    const key = c.bookingIds.join('|');
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const order = { interpreter: 0, vehicle: 1, driver: 2 } as const;
  return [...groups.values()].map((g) =>
    g.sort((a, b) => order[a.resource.kind] - order[b.resource.kind]),
  );
}
