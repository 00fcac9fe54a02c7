import { describe, expect, it, vi } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  SettingsError,
  SettingsRepository,
} from '../../../src-renderer/src/data/settings-repository';
import { uniqueDbName } from './migration-harness';

function setup() {
  const db = new BridgeheadDatabase(uniqueDbName('settings'));
  const onCorrupt = vi.fn();
  return { db, repository: new SettingsRepository(db, onCorrupt), onCorrupt };
}

describe('SettingsRepository', () => {
  it('stores and reads back typed values', async () => {
    const { db, repository } = setup();
    await repository.set('language', 'zh-CN');
    await repository.set('officeId', 'shanghai');
    await repository.set('timeZone', 'Asia/Shanghai');
    expect(await repository.get('language')).toBe('zh-CN');
    expect(await repository.getAll()).toEqual({
      language: 'zh-CN',
      officeId: 'shanghai',
      timeZone: 'Asia/Shanghai',
    });
    await repository.set('timeZone', null);
    expect(await repository.get('timeZone')).toBeNull();
    db.close();
  });

  it('returns undefined for a setting never written', async () => {
    const { db, repository } = setup();
    expect(await repository.get('language')).toBeUndefined();
    expect(await repository.getAll()).toEqual({});
    db.close();
  });

  it('refuses invalid values with a translatable code and writes nothing', async () => {
    const { db, repository } = setup();
    await expect(repository.set('language', 'fr' as never)).rejects.toMatchObject({
      code: 'settings.invalid_value',
    });
    await expect(repository.set('timeZone', 'Mars/Base')).rejects.toBeInstanceOf(SettingsError);
    await expect(repository.set('officeId', '')).rejects.toBeInstanceOf(SettingsError);
    expect(await db.settings.count()).toBe(0);
    db.close();
  });

  it('falls back to defaults for corrupt stored values instead of crashing', async () => {
    const { db, repository, onCorrupt } = setup();
    await db.settings.bulkPut([
      { key: 'language', value: 'klingon' },
      { key: 'timeZone', value: 42 },
      { key: 'officeId', value: 'tokyo' },
      { key: 'somethingOld', value: { nested: true } },
    ]);
    expect(await repository.getAll()).toEqual({ officeId: 'tokyo' });
    expect(await repository.get('language')).toBeUndefined();
    expect(onCorrupt).toHaveBeenCalledWith('language');
    expect(onCorrupt).toHaveBeenCalledWith('timeZone');
    db.close();
  });

  it('reports a failed write as storage.save_failed', async () => {
    const { db, repository } = setup();
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(repository.set('language', 'ko')).rejects.toMatchObject({
      code: 'storage.save_failed',
    });
    db.close();
  });
});
