import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Language } from '@shared/i18n/languages';
import { SEED_OFFICES, type Office } from '@shared/offices/seed';
import type { SettingKey, SettingValue, SettingsRepository } from '../data/settings-repository';

/**
 * The office id an HQ link stands for, and the fallback of `findOffice`. A new laptop does
 * not work "as HQ" silently: until a person picks an office (or links it to HQ),
 * `officeChosen` is false and the app asks for one.
 */
export const DEFAULT_OFFICE_ID = 'hq';

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
 * UI state for the device settings, persisted through the repository. The
 * state changes first (the UI answers at once), then the value is written;
 * a failed write rolls the state back and rethrows so the caller can say so.
 */
export function createSettingsStore(
  repository: SettingsRepository,
  initial: SettingsSnapshot,
): SettingsStore {
  return createStore<SettingsState>()((set, get) => {
    async function persist<K extends SettingKey>(
      key: K,
      value: SettingValue<K>,
      patch: Partial<SettingsSnapshot>,
    ): Promise<void> {
      const before = get();
      const previous: Partial<SettingsSnapshot> = {};
      for (const field of Object.keys(patch) as (keyof SettingsSnapshot)[]) {
        Object.assign(previous, { [field]: before[field] });
      }
      set(patch);
      try {
        await repository.set(key, value);
      } catch (error) {
        set(previous);
        throw error;
      }
    }
    return {
      ...initial,
      officeChosen: initial.officeChosen ?? true,
      setLanguage: (language) => persist('language', language, { language }),
      setOfficeId: (officeId) => persist('officeId', officeId, { officeId, officeChosen: true }),
      setTimeZoneOverride: (timeZone) =>
        persist('timeZone', timeZone, { timeZoneOverride: timeZone }),
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
