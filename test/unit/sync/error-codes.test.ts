import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { SYNC_ERROR_CODES } from '@shared/sync/protocol';
import ko from '@locales/ko/errors.json';
import ja from '@locales/ja/errors.json';
import zhCN from '@locales/zh-CN/errors.json';
import vi from '@locales/vi/errors.json';
import en from '@locales/en/errors.json';

const LOCALES: Record<string, { sync?: Record<string, string> }> = {
  ko,
  ja,
  'zh-CN': zhCN,
  vi,
  en,
};

describe('sync error codes', () => {
  it.each(SUPPORTED_LANGUAGES)('every sync error code is translated in %s', (lang) => {
    const sync = LOCALES[lang]!.sync ?? {};
    for (const code of SYNC_ERROR_CODES) {
      expect(sync[code], `${lang}: sync.${code}`).toMatch(/\S/);
    }
    expect(Object.keys(sync).sort()).toEqual([...SYNC_ERROR_CODES].sort());
    if (lang !== 'en') {
      // A translation that equals the English text was not translated.
      for (const code of SYNC_ERROR_CODES)
        expect(sync[code]).not.toBe(en.sync[code as keyof typeof en.sync]);
    }
  });
});
