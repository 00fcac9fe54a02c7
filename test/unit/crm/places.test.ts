// Issue 16: a buyer's city in a script the reader cannot read shows its Latin form.
import { describe, expect, it } from 'vitest';
import { cityForReader } from '@shared/crm/places';
import { romanizeCity } from '@shared/crm/reading';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';

describe('cities as the reader can read them', () => {
  it('shows a Tokyo ward in Latin to vi and en readers, in Han to ja, zh-CN and ko readers', () => {
    expect(cityForReader('東京都千代田区', 'JP', 'vi')).toEqual({
      text: 'Chiyoda, Tokyo',
      stored: '東京都千代田区',
    });
    expect(cityForReader('東京都千代田区', 'JP', 'en').text).toBe('Chiyoda, Tokyo');
    // As names are shown (nameForReader): Han to Korean and Chinese readers, the Latin form
    // beside (ko screens read "Kawasaki" where ja screens read 川崎市).
    for (const reader of ['ko', 'zh-CN'] as const) {
      expect(cityForReader('東京都千代田区', 'JP', reader)).toEqual({
        text: '東京都千代田区',
        beside: 'Chiyoda, Tokyo',
        script: 'ja',
      });
    }
    expect(cityForReader('上海市浦东新区', 'CN', 'ja')).toEqual({
      text: '上海市浦东新区',
      beside: 'Pudong, Shanghai',
      script: 'zh',
    });
    expect(cityForReader('東京都千代田区', 'JP', 'ja')).toEqual({ text: '東京都千代田区' });
    expect(cityForReader('창원시', 'KR', 'ko')).toEqual({ text: '창원시' });
    expect(cityForReader('창원시', 'KR', 'ja').text).toBe('Changwon');
    expect(cityForReader('上海市浦东新区', 'CN', 'zh-CN')).toEqual({ text: '上海市浦东新区' });
    expect(cityForReader('上海市浦东新区', 'CN', 'vi').text).toBe('Pudong, Shanghai');
  });

  it('keeps Latin-script cities and unknown places as stored', () => {
    expect(cityForReader('Bình Dương', 'VN', 'ko')).toEqual({ text: 'Bình Dương' });
    expect(cityForReader('Los Angeles', 'US', 'ja')).toEqual({ text: 'Los Angeles' });
    // A prefectural capital is in the table (it was shown as stored to every reader).
    expect(cityForReader('鳥取市', 'JP', 'vi')).toEqual({ text: 'Tottori', stored: '鳥取市' });
    // A city the table lacks: as stored, with its script for the reader's screen to use.
    expect(cityForReader('米子市', 'JP', 'vi')).toEqual({ text: '米子市', foreign: 'ja' });
    expect(cityForReader('米子市', 'JP', 'ja')).toEqual({ text: '米子市' });
    expect(cityForReader('포항시', 'KR', 'en')).toEqual({ text: '포항시', foreign: 'ko' });
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

describe('cities the table lacks, in Latin letters where a library can read them', () => {
  it('romanizes hangul, hanzi and kana, leaving off 市 / 시', () => {
    expect(romanizeCity('포항시', 'ko')).toBe('Pohang');
    expect(romanizeCity('서귀포시', 'ko')).toBe('Seogwipo');
    expect(romanizeCity('鄂尔多斯市', 'zh')).toBe("E'erduosi");
    expect(romanizeCity('西安市', 'zh')).toBe("Xi'an");
    expect(romanizeCity('さいたま市', 'ja')).toBe('Saitama');
    expect(romanizeCity('つくば', 'ja')).toBe('Tsukuba');
  });

  it('gives nothing for Japanese kanji (several readings) or a mix it cannot read whole', () => {
    expect(romanizeCity('米子市', 'ja')).toBeNull();
    expect(romanizeCity('창원 Changwon', 'ko')).toBeNull();
    expect(romanizeCity('', 'zh')).toBeNull();
  });
});
