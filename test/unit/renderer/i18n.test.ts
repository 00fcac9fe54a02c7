import { describe, expect, it, vi } from 'vitest';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { createI18n, reportMissingKey } from '../../../src-renderer/src/i18n';
import { resources } from '../../../src-renderer/src/i18n/resources';
import { errorMessageKey } from '../../../src-renderer/src/i18n/error-message';
import { SettingsError } from '../../../src-renderer/src/data/settings-repository';
import { FormatError } from '@shared/format';

describe('i18n', () => {
  it('bundles every namespace for exactly the five languages', () => {
    expect(Object.keys(resources).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    for (const language of SUPPORTED_LANGUAGES) {
      expect(Object.keys(resources[language] ?? {})).toEqual(
        expect.arrayContaining(['common', 'nav', 'screens', 'settings', 'errors']),
      );
    }
  });

  it('reports a missing key instead of failing silently', async () => {
    const onMissingKey = vi.fn();
    const i18n = await createI18n({ language: 'vi', onMissingKey });
    expect(i18n.t('nav:buyers')).toBe('Nhà nhập khẩu (người mua)');
    expect(onMissingKey).not.toHaveBeenCalled();
    i18n.t('nav:noSuchScreen');
    expect(onMissingKey).toHaveBeenCalledWith(
      expect.arrayContaining(['vi']),
      'nav',
      'noSuchScreen',
    );
  });

  it('logs missing keys as console errors by default (the e2e console watcher fails on them)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    reportMissingKey(['ja'], 'settings', 'nope');
    expect(error).toHaveBeenCalledWith('[i18n] missing key "settings:nope" for ja');
    error.mockRestore();
  });

  it('keeps zh-CN as zh-CN and falls back to English only for unknown languages', async () => {
    const i18n = await createI18n({ language: 'zh-CN' });
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('nav:sync')).toBe('同步与道厅总部');
    await i18n.changeLanguage('fr');
    expect(i18n.t('nav:sync')).toBe('Sync and HQ');
  });

  it('maps coded errors to the errors namespace', async () => {
    const i18n = await createI18n({ language: 'ko', onMissingKey: () => {} });
    const settingsError = new SettingsError('storage.save_failed', 'x');
    expect(i18n.t(errorMessageKey(settingsError))).toBe('설정을 저장하지 못했습니다.');
    expect(i18n.t(errorMessageKey(new FormatError('format.invalid_time_zone', 'x')))).toBe(
      '알 수 없는 시간대입니다.',
    );
    expect(i18n.t(errorMessageKey(new Error('boom')))).toBe(
      '문제가 발생했습니다. 다시 시도해 주세요.',
    );
  });
});
