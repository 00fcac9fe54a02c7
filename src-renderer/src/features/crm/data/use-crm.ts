import { useSyncExternalStore } from 'react';
import { useDatabase } from '../../../data/database-context';
import { crmIndexFor, type CrmIndex } from './crm-index';

/** The CRM index of the app database; re-renders the caller on every change. */
export function useCrmIndex(): { index: CrmIndex; version: number } {
  const db = useDatabase();
  const index = crmIndexFor(db);
  const version = useSyncExternalStore(index.subscribe, index.getVersion);
  return { index, version };
}
