import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dateRangeLabel,
  languagePairChoices,
  languagePairLabel,
  monthLabel,
  officeLanguagePair,
} from '../../../src-renderer/src/features/bookings/model/labels';
import { zoneLabel } from '../../../src-renderer/src/ui/zone-names';

describe('internal values read as words', () => {
  it('shows a language pair as the two languages in the reader language', () => {
    expect(languagePairLabel('ko-ja', 'en')).toBe('Korean ↔ Japanese');
    expect(languagePairLabel('ko-ja', 'ja')).toBe('韓国語 ↔ 日本語');
    expect(languagePairLabel('ko-vi', 'vi')).toBe('Tiếng Hàn ↔ Tiếng Việt');
    expect(languagePairLabel('ko-zh', 'zh-CN')).toBe('韩语 ↔ 中文');
    expect(languagePairLabel('ko-en', 'ko')).toBe('한국어 ↔ 영어');
    for (const language of ['en', 'ko', 'ja', 'zh-CN', 'vi'] as const) {
      expect(languagePairLabel('ko-ja', language)).not.toMatch(/\bko\b|\bja\b/);
    }
  });

  it('shows a zone by its name and offset, never the IANA id', () => {
    const at = Date.parse('2026-12-07T00:00:00Z');
    expect(zoneLabel('Asia/Ho_Chi_Minh', 'en', at)).toBe('Indochina Time (UTC+07:00)');
    expect(zoneLabel('Asia/Ho_Chi_Minh', 'vi', at)).toBe('Giờ Đông Dương (UTC+07:00)');
    expect(zoneLabel('America/Los_Angeles', 'ja', at)).toBe('米国太平洋時間 (UTC-08:00)');
    for (const language of ['en', 'ko', 'ja', 'zh-CN', 'vi'] as const) {
      expect(zoneLabel('Asia/Ho_Chi_Minh', language, at)).not.toContain('Asia/');
    }
  });

  it('shows a week as its dates and a month by name, never "2026-W50"', () => {
    const zone = 'Asia/Tokyo';
    const monday = DateTime.fromISO('2026-12-07', { zone });
    const start = monday.toMillis();
    const end = monday.plus({ weeks: 1 }).toMillis();
    expect(dateRangeLabel(start, end, zone, 'en').replace(/\s/g, ' ')).toBe(
      'December 7 – 13, 2026',
    );
    expect(dateRangeLabel(start, end, zone, 'ja')).toBe('2026/12/07～2026/12/13');
    expect(dateRangeLabel(start, end, zone, 'ko')).not.toMatch(/W\d/);
    expect(monthLabel(start, zone, 'en')).toBe('December 2026');
    expect(monthLabel(start, zone, 'zh-CN')).toBe('2026年12月');
  });
});

describe('the interpreter form offers pairs to pick, not a code to type', () => {
  it('offers Korean and English with common languages, and keeps a saved unusual pair', () => {
    const choices = languagePairChoices();
    expect(choices).toEqual(expect.arrayContaining(['ko-ja', 'ko-zh', 'ko-vi', 'ko-en', 'en-ja']));
    expect(new Set(choices).size).toBe(choices.length);
    expect(languagePairChoices(['ja-zh', 'ko-ja'])).toEqual([...choices, 'ja-zh']);
  });
});

describe('unused locale keys are gone', () => {
  it('bookings has no agenda.pick and the pair hint shows no code', async () => {
    const { readFileSync } = await import('node:fs');
    for (const lng of ['en', 'ko', 'ja', 'zh-CN', 'vi']) {
      const json = JSON.parse(readFileSync(`locales/${lng}/bookings.json`, 'utf8')) as {
        agenda: Record<string, string>;
        resources: Record<string, string>;
      };
      expect(json.agenda.pick).toBeUndefined();
      expect(json.resources.languagePairsHint).not.toMatch(/ko-ja/);
    }
  });
});

describe('a new interpreter’s language pair', () => {
  it('is the office’s language with Korean, and none at HQ', () => {
    expect(officeLanguagePair('ja')).toBe('ko-ja');
    expect(officeLanguagePair('zh-CN')).toBe('ko-zh');
    expect(officeLanguagePair('vi')).toBe('ko-vi');
    expect(officeLanguagePair('en')).toBe('ko-en');
    expect(officeLanguagePair('ko')).toBeNull();
    // Each one is offered by the form's picker.
    for (const l of ['ja', 'zh-CN', 'vi', 'en'] as const) {
      expect(languagePairChoices()).toContain(officeLanguagePair(l));
    }
  });
});
