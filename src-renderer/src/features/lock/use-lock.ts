import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useDatabase } from '../../data/database-context';
import { getLockService, type LockService, type LockState } from './lock-service';

/** The database's app lock, started. */
export function useLockService(): LockService {
  const service = getLockService(useDatabase());
  useEffect(() => {
    service.start().catch((error: unknown) => console.warn('[lock] could not start', error));
  }, [service]);
  return service;
}

export function useLockState<T>(selector: (state: LockState) => T): T {
  return useStore(useLockService().store, selector);
}

/** Sets the window title while mounted (the lock screens show nothing personal in it). */
export function useNeutralTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
