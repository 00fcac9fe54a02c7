// Issue 16: a buyer's city in a script the reader cannot read shows its Latin form.
import { describe, expect, it } from 'vitest';
import { cityForReader } from '@shared/crm/places';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';

describe('cities as the reader can read them', () => {
  it('shows a Tokyo ward in Latin to vi, ko, zh-CN and en readers, as stored to ja readers', () => {
    expect(cityForReader('東京都千代田区', 'JP', 'vi')).toEqual({
      text: 'Chiyoda, Tokyo',
      stored: '東京都千代田区',
    });
    for (const reader of ['ko', 'zh-CN', 'en'] as const) {
      expect(cityForReader('東京都千代田区', 'JP', reader).text).toBe('Chiyoda, Tokyo');
    }
    expect(cityForReader('東京都千代田区', 'JP', 'ja')).toEqual({ text: '東京都千代田区' });
    expect(cityForReader('창원시', 'KR', 'ko')).toEqual({ text: '창원시' });
    expect(cityForReader('창원시', 'KR', 'ja').text).toBe('Changwon');
    expect(cityForReader('上海市浦东新区', 'CN', 'zh-CN')).toEqual({ text: '上海市浦东新区' });
    expect(cityForReader('上海市浦东新区', 'CN', 'vi').text).toBe('Pudong, Shanghai');
  });

  it('keeps Latin-script cities and unknown places as stored', () => {
    expect(cityForReader('Bình Dương', 'VN', 'ko')).toEqual({ text: 'Bình Dương' });
    expect(cityForReader('Los Angeles', 'US', 'ja')).toEqual({ text: 'Los Angeles' });
    expect(cityForReader('鳥取市', 'JP', 'vi')).toEqual({ text: '鳥取市' });
    expect(cityForReader('  ', 'JP', 'vi')).toEqual({ text: '' });
  });

  it('has a Latin form for every demo city, for every reader of another script', () => {
    let checked = 0;
    for (const office of SEED_OFFICES) {
      const { buyers } = generateDemoData({ office, buyers: 60, talks: 0 });
      for (const b of buyers) {
        checked += 1;
        expect(b.city).not.toBe('');
        for (const reader of SUPPORTED_LANGUAGES) {
          const shown = cityForReader(b.city, b.country, reader);
          // Either readable as stored, or given in Latin letters.
          if (shown.stored) expect(shown.text).toMatch(/^[A-Za-z ,]+$/);
          else expect(shown.text).toBe(b.city);
        }
        expect(cityForReader(b.city, b.country, 'vi').text).toMatch(/^[\p{Script=Latin} ,.]+$/u);
      }
    }
    expect(checked).toBe(60 * SEED_OFFICES.length);
  });
});
