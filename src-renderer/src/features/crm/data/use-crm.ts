import { liveQuery } from 'dexie';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useDatabase } from '../../../data/database-context';
import { crmIndexFor, type CrmIndex } from './crm-index';

/** The CRM index of the app database; re-renders the caller on every change. */
export function useCrmIndex(): { index: CrmIndex; version: number } {
  const db = useDatabase();
  const index = crmIndexFor(db);
  const version = useSyncExternalStore(index.subscribe, index.getVersion);
  return { index, version };
}

/**
 * A Dexie live query: re-runs when the tables it read change (any writer,
 * including the sync pull). `undefined` until the first result.
 */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (v) => setValue(() => v),
      error: (e: unknown) => console.error(e),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
