import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useDatabase } from '../../data/database-context';
import { useSettings } from '../../state/settings-context';
import { getSyncService, type SyncService, type SyncUiState } from './sync-service';

/** The database's sync service, started and bound to the settings store's office. */
export function useSyncService(): SyncService {
  const db = useDatabase();
  const setOfficeId = useSettings((s) => s.setOfficeId);
  const service = getSyncService(db);
  useEffect(() => {
    service.configure({ setOfficeId });
    void service.start();
  }, [service, setOfficeId]);
  return service;
}

export function useSyncState<T>(selector: (state: SyncUiState) => T): T {
  return useStore(useSyncService().store, selector);
}

/** True on a laptop enrolled with an HQ code. */
export function useIsHqDevice(): boolean {
  return useSyncState((s) => s.loaded && s.enrollment !== null && s.enrollment.officeId === null);
}

/** Demo data is only for laptops not linked to HQ (the loader refuses too). */
export function useDemoAllowed(): boolean {
  return useSyncState((s) => s.loaded && s.enrollment === null);
}
