import { useMemo, useSyncExternalStore } from 'react';
import { useDatabase } from '../../data/database-context';
import { useSettings } from '../../state/settings-context';
import { groupByPair, repositoryFor, useConflicts } from '../bookings';

export interface BookingConflictCounts {
  /** Double bookings of interpreters (pairs of bookings), and of vehicles or drivers. */
  interpreters: number;
  vehicles: number;
}

/** The conflict inbox's open double bookings of the current office, for the sync screen. */
export function useBookingConflictCounts(): BookingConflictCounts {
  const db = useDatabase();
  const officeId = useSettings((s) => s.officeId);
  const repo = useMemo(() => repositoryFor(db, officeId), [db, officeId]);
  const data = useSyncExternalStore(repo.subscribe, repo.getSnapshot);
  const { conflicts } = useConflicts(data);
  return useMemo(() => {
    const counts = { interpreters: 0, vehicles: 0 };
    for (const group of groupByPair(conflicts)) {
      if (group[0]!.resource.kind === 'interpreter') counts.interpreters++;
      else counts.vehicles++;
    }
    return counts;
  }, [conflicts]);
}
