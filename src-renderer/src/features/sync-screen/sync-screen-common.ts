import { useEffect, useState } from 'react';
import { SyncRequestError } from '../../sync';
import { EnrollmentInputError, UnlinkRefusedError } from '../sync-ui';

/** The translation key of an enrollment or unlink failure. */
export function failureKey(error: unknown): string {
  if (error instanceof EnrollmentInputError) return `sync:enroll.errors.${error.code}`;
  if (error instanceof SyncRequestError) return `errors:sync.${error.code}`;
  if (error instanceof UnlinkRefusedError) return 'sync:unlink.refused';
  return 'errors:unexpected';
}

/** Re-renders every 30 s so "3 minutes ago" stays true. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
