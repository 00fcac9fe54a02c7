import { useMemo } from 'react';
import type { SmeFirm } from '@shared/crm/schemas';
import { useDatabase } from '../../../data/database-context';
import { CRM_TABLES } from '../../crm';
import { useLive } from '../../../data/use-live';

const NONE: ReadonlyMap<string, SmeFirm> = new Map();

/** The CRM's SME firms by id, live (bookings show a requester by its CRM name). */
export function useSmeFirms(): ReadonlyMap<string, SmeFirm> {
  const db = useDatabase();
  const firms = useLive(
    () =>
      db
        .table<SmeFirm>(CRM_TABLES.smeFirms)
        .toArray()
        .catch(() => [] as SmeFirm[]),
    [db],
  );
  return useMemo(() => (firms ? new Map(firms.map((f) => [f.id, f])) : NONE), [firms]);
}
