/**
 * The dashboard's comparison sentence starts each sentence with a capital in the languages
 * written in Latin letters (issue 16: vi read "… tháng 11 năm 2026. tháng 12 năm 2026 chưa
 * kết thúc …", the month name lower-case at the start of a sentence).
 */
import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '@shared/i18n/languages';
import { comparisonLabel } from '../../../src-renderer/src/features/hq/dashboard/comparison-label';

const NOW = Date.UTC(2026, 11, 7, 12);
const PERIOD = {
  period: { from: '2026-10', to: '2026-12' },
  previousPeriod: { from: '2026-07', to: '2026-09' },
};

async function label(language: Language): Promise<string> {
  const hq = JSON.parse(readFileSync(`locales/${language}/hq.json`, 'utf8')) as object;
  const i18n = i18next.createInstance();
  await i18n.init({ lng: language, ns: ['hq'], resources: { [language]: { hq } } });
  return comparisonLabel(PERIOD, NOW, 'Asia/Seoul', language, i18n.getFixedT(language, 'hq'));
}

describe('HQ dashboard comparison sentence', () => {
  it.each(['en', 'vi'] as const)(
    '%s: the period runs into this month; each sentence starts with a capital',
    async (language) => {
      const text = await label(language);
      const sentences = text.split(/(?<=\.) /);
      expect(sentences.length).toBeGreaterThan(1);
      for (const sentence of sentences) {
        expect(sentence.charAt(0), sentence).toBe(sentence.charAt(0).toLocaleUpperCase(language));
      }
    },
  );
});
