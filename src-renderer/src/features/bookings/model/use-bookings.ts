import { useMemo, useSyncExternalStore } from 'react';
import { useDatabase } from '../../../data/database-context';
import { useSettings } from '../../../state/settings-context';
import { effectiveTimeZone, findOffice } from '../../../state/settings-store';
import { repositoryFor, type BookingsRepository, type BookingsSnapshot } from '../data/repository';

export interface BookingsContext {
  readonly repo: BookingsRepository;
  readonly data: BookingsSnapshot;
  readonly officeId: string;
  /** Bookings are entered in the office's zone. */
  readonly officeZone: string;
  /** Times are shown in this zone (the office's, or the person's override). */
  readonly viewZone: string;
}

/** The office's scheduling data, live from Dexie. */
export function useBookings(): BookingsContext {
  const db = useDatabase();
  const officeId = useSettings((s) => s.officeId);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  const repo = useMemo(() => repositoryFor(db, officeId), [db, officeId]);
  const data = useSyncExternalStore(repo.subscribe, repo.getSnapshot);
  const officeZone = findOffice(officeId).timeZone;
  const viewZone = effectiveTimeZone({ officeId, timeZoneOverride });
  return { repo, data, officeId, officeZone, viewZone };
}
