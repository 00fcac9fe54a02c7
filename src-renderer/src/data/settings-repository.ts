import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { isValidTimeZone } from '@shared/format';
import type { BridgeheadDatabase } from './db';
import { storeFirstOffice } from './first-office';

/**
 * Device-local settings. Each key has a schema; what comes back from storage
 * is validated again, because an older build, a crash mid-write or a person
 * with devtools may have left anything there.
 * These are preferences of this laptop, not synced records: no outbox entry.
 */
export const SETTING_SCHEMAS = {
  /** Absent until the person picks one: until then the OS language applies. */
  language: z.enum(SUPPORTED_LANGUAGES),
  officeId: z.string().min(1).max(64),
  /** null = follow the office's time zone */
  timeZone: z.string().refine(isValidTimeZone).nullable(),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTING_SCHEMAS)[K]>;
export type StoredSettings = { [K in SettingKey]?: SettingValue<K> };

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(
    readonly code: 'settings.invalid_value' | 'storage.save_failed',
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export class SettingsRepository {
  constructor(
    private readonly db: BridgeheadDatabase,
    private readonly onCorrupt: (key: string) => void = (key) =>
      console.warn(`[settings] ignoring invalid stored value for "${key}"`),
  ) {}

  async get<K extends SettingKey>(key: K): Promise<SettingValue<K> | undefined> {
    const row = await this.db.settings.get(key);
    return row ? this.parse(key, row.value) : undefined;
  }

  /** Every valid stored setting; invalid or unknown rows are skipped. */
  async getAll(): Promise<StoredSettings> {
    const rows = await this.db.settings.toArray();
    const result: Record<string, unknown> = {};
    for (const row of rows) {
      if (!Object.hasOwn(SETTING_SCHEMAS, row.key)) continue;
      const value = this.parse(row.key as SettingKey, row.value);
      if (value !== undefined) result[row.key] = value;
    }
    return result as StoredSettings;
  }

  async set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    const parsed = SETTING_SCHEMAS[key].safeParse(value);
    if (!parsed.success) throw new SettingsError('settings.invalid_value', key);
    try {
      await this.db.settings.put({ key, value: parsed.data });
    } catch (error) {
      throw new SettingsError('storage.save_failed', `${key}: ${String(error)}`);
    }
  }

  /**
   * Stores the laptop's office. The first office stored also takes the records written
   * before it (under the placeholder office), in the same transaction (first-office.ts).
   */
  async setOffice(officeId: string): Promise<void> {
    const parsed = SETTING_SCHEMAS.officeId.safeParse(officeId);
    if (!parsed.success) throw new SettingsError('settings.invalid_value', 'officeId');
    try {
      await storeFirstOffice(this.db, parsed.data);
    } catch (error) {
      throw new SettingsError('storage.save_failed', `officeId: ${String(error)}`);
    }
  }

  private parse<K extends SettingKey>(key: K, value: unknown): SettingValue<K> | undefined {
    const parsed = SETTING_SCHEMAS[key].safeParse(value);
    if (parsed.success) return parsed.data as SettingValue<K>;
    this.onCorrupt(key);
    return undefined;
  }
}
