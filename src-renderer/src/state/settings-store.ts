import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Language } from '@shared/i18n/languages';
import { SEED_OFFICES, type Office } from '@shared/offices/seed';
import type { SettingsRepository } from '../data/settings-repository';
import { PLACEHOLDER_OFFICE_ID } from '../data/first-office';

/**
 * The office id an HQ link stands for, and the fallback of `findOffice`. A new laptop does
 * not work "as HQ" silently: until a person picks an office (or links it to HQ),
 * `officeChosen` is false and the app asks for one.
 */
export const DEFAULT_OFFICE_ID = PLACEHOLDER_OFFICE_ID;

export interface SettingsState {
  language: Language;
  officeId: string;
  /** false on a new laptop until a person picks its office or links it to HQ. */
  officeChosen: boolean;
  /** null = the office's own time zone */
  timeZoneOverride: string | null;
  setLanguage(language: Language): Promise<void>;
  setOfficeId(officeId: string): Promise<void>;
  setTimeZoneOverride(timeZone: string | null): Promise<void>;
}

export type SettingsStore = StoreApi<SettingsState>;

export interface SettingsSnapshot {
  language: Language;
  officeId: string;
  timeZoneOverride: string | null;
  /** Default true (an office given by the caller counts as chosen). */
  officeChosen?: boolean;
}

/**
 * UI state for the device settings, persisted through the repository. The value is
 * written first and the state changes only once it is stored, so the screen never shows
 * a setting that a reload would lose; a failed write changes nothing and rethrows (a
 * SettingsError) so the caller can say so.
 */
export function createSettingsStore(
  repository: SettingsRepository,
  initial: SettingsSnapshot,
): SettingsStore {
  return createStore<SettingsState>()((set) => {
    async function persist(write: () => Promise<void>, patch: Partial<SettingsSnapshot>) {
      await write();
      set(patch);
    }
    return {
      ...initial,
      officeChosen: initial.officeChosen ?? true,
      setLanguage: (language) => persist(() => repository.set('language', language), { language }),
      // The first office stored also takes the records written before it (first-office.ts).
      setOfficeId: (officeId) =>
        persist(() => repository.setOffice(officeId), { officeId, officeChosen: true }),
      setTimeZoneOverride: (timeZone) =>
        persist(() => repository.set('timeZone', timeZone), { timeZoneOverride: timeZone }),
    };
  });
}

export function findOffice(officeId: string): Office {
  const office =
    SEED_OFFICES.find((o) => o.id === officeId) ??
    SEED_OFFICES.find((o) => o.id === DEFAULT_OFFICE_ID);
  if (!office) throw new Error('the seed offices must include HQ');
  return office;
}

/** The zone dates and times are shown in: the override, else the office's. */
export function effectiveTimeZone(
  state: Pick<SettingsState, 'officeId' | 'timeZoneOverride'>,
): string {
  return state.timeZoneOverride ?? findOffice(state.officeId).timeZone;
}
