import { useCallback } from 'react';
import { SEED_OFFICES } from '@shared/offices/seed';
import { useSettings } from '../../../state/settings-context';

/** An office id as its name in the UI language (offices HQ added later show their id). */
export function useOfficeName(): (officeId: string) => string {
  const language = useSettings((s) => s.language);
  return useCallback(
    (officeId: string) => SEED_OFFICES.find((o) => o.id === officeId)?.names[language] ?? officeId,
    [language],
  );
}
