// Issue 16, item 7: the Settings time-zone picker names zones in the reader's language
// ("한국 표준시 (UTC+09:00)"), not by IANA id ("Asia/Seoul (UTC+09:00)"); the id stays searchable.
import { describe, expect, it, vi } from 'vitest';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { intlLocale } from '@shared/format';
import {
  matchesTimeZone,
  timeZoneOptions,
  zoneDisplayName,
} from '../../../src-renderer/src/screens/time-zone-options';
import { zoneNameIn } from '../../../src-renderer/src/ui/zone-names';

const AT = Date.UTC(2026, 11, 7, 12); // December: no DST in Seoul, Europe on standard time

describe('time-zone picker options', () => {
  it.each(SUPPORTED_LANGUAGES)('%s: zones by their localized name, each label once', (lng) => {
    const locale = intlLocale(lng);
    const options = timeZoneOptions(AT, locale);
    const label = (zone: string) => options.find((o) => o.value === zone)!.label;
    expect(label('Asia/Tokyo')).toBe(`${zoneDisplayName('Asia/Tokyo', locale)} (UTC+09:00)`);
    // Seoul shares its name with Pyongyang: the country tells them apart in the reader's
    // script, the city for a reader of Latin letters.
    const where = ['en', 'vi'].includes(lng)
      ? 'Seoul'
      : new Intl.DisplayNames([locale], { type: 'region' }).of('KR');
    expect(label('Asia/Seoul')).toBe(
      `${zoneDisplayName('Asia/Seoul', locale)} · ${where} (UTC+09:00)`,
    );
    expect(label('Asia/Seoul')).not.toContain('Asia/');
    // The IANA id is no option's label any more (only where the runtime has no name at all).
    const named = options.filter((o) => !/^[A-Z][A-Za-z]+\//.test(o.label));
    expect(named.length / options.length).toBeGreaterThan(0.9);
    // People can tell every option apart.
    expect(new Set(options.map((o) => o.label)).size).toBe(options.length);
  });

  it('says the name in the reader language and names the city where zones share a name', () => {
    const label = (lng: 'ko' | 'ja' | 'en', zone: string) =>
      timeZoneOptions(AT, intlLocale(lng)).find((o) => o.value === zone)!.label;
    expect(label('ko', 'Asia/Seoul')).toMatch(/^한국 .*\(UTC\+09:00\)$/);
    expect(label('ja', 'Asia/Tokyo')).toMatch(/^日本.*\(UTC\+09:00\)$/);
    expect(label('en', 'Europe/Berlin')).toMatch(/Central European.* · Berlin \(UTC\+01:00\)$/);
    expect(label('en', 'Europe/Paris')).toMatch(/Central European.* · Paris \(UTC\+01:00\)$/);
  });

  it("ja, ko, zh-CN: no Latin city in a label where the country in the reader's script says it", () => {
    for (const lng of ['ja', 'ko', 'zh-CN'] as const) {
      const options = timeZoneOptions(AT, intlLocale(lng));
      const label = (zone: string) => options.find((o) => o.value === zone)!.label;
      // Paris and Rome share "Central European Time": told apart by country, not "· Paris".
      // (Berlin and Büsingen are both in Germany: those two keep their city.)
      const country = (code: string) =>
        new Intl.DisplayNames([intlLocale(lng)], { type: 'region' }).of(code)!;
      expect(label('Europe/Paris')).not.toMatch(/Paris/);
      expect(label('Europe/Paris')).toContain(` · ${country('FR')} (`);
      expect(label('Europe/Rome')).toContain(` · ${country('IT')} (`);
      expect(label('Europe/Berlin')).toContain('Berlin');
    }
  });

  it("a zone the browser's CLDR data names only by a Latin city ('Midway時間') is named by its country, else its offset", () => {
    const real = Intl.DateTimeFormat;
    // Chromium's ICU data: a Latin exemplar city in a Japanese name, or one in brackets.
    const cityNames: Record<string, string> = {
      'Pacific/Midway': 'Midway時間',
      'Australia/Hobart': 'オーストラリア東部時間（Hobart）',
      'Asia/Kuching': 'Kuching時間',
    };
    // A function, not an arrow: the code under test calls it with `new`.
    const spy = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      locale?: string | string[],
      options?: Intl.DateTimeFormatOptions,
    ) {
      const fmt = new real(locale, options);
      const fake = cityNames[options?.timeZone ?? ''];
      if (!fake || options?.timeZoneName !== 'longGeneric' || !/^ja/.test(String(locale)))
        return fmt;
      return {
        formatToParts: () => [{ type: 'timeZoneName', value: fake }],
      } as unknown as Intl.DateTimeFormat;
    } as unknown as typeof Intl.DateTimeFormat);
    try {
      expect(zoneNameIn('Pacific/Midway', 'ja', AT)).toBe(
        new Intl.DisplayNames(['ja'], { type: 'region' }).of('UM'),
      );
      expect(zoneNameIn('Australia/Hobart', 'ja', AT)).toBe('オーストラリア東部時間');
      expect(zoneNameIn('Asia/Kuching', 'ja', AT)).toBe('マレーシア');
      // A zone the country table does not know (a legacy id): its offset.
      cityNames['Asia/Saigon'] = 'Saigon時間';
      expect(zoneNameIn('Asia/Saigon', 'ja', AT)).toBe('UTC+07:00');
      const options = timeZoneOptions(AT, 'ja');
      const midway = options.find((o) => o.value === 'Pacific/Midway')!.label;
      expect(midway).not.toMatch(/Midway/);
      expect(midway).toMatch(/\(UTC-11:00\)$/);
    } finally {
      spy.mockRestore();
    }
    // A reader of Latin letters keeps CLDR's name.
    expect(zoneNameIn('Pacific/Midway', 'en', AT)).not.toBe('');
  });

  it('keeps the IANA id, the city with spaces, the local name and the offset searchable', () => {
    const options = timeZoneOptions(AT, intlLocale('ko'));
    const find = (input: string) =>
      options.filter((o) => matchesTimeZone(input, o)).map((o) => o.value);
    expect(find('Asia/Seoul')).toEqual(['Asia/Seoul']);
    expect(find('seoul')).toEqual(['Asia/Seoul']);
    expect(find('한국')).toContain('Asia/Seoul');
    expect(find('new york')).toEqual(['America/New_York']);
    expect(find('UTC+09:00')).toContain('Asia/Tokyo');
  });

  it('lists zones west to east', () => {
    const values = timeZoneOptions(AT, 'en-US').map((o) => o.value);
    expect(values.indexOf('America/Los_Angeles')).toBeLessThan(values.indexOf('Europe/London'));
    expect(values.indexOf('Europe/London')).toBeLessThan(values.indexOf('Asia/Seoul'));
    expect(values.indexOf('Asia/Seoul')).toBeLessThan(values.indexOf('Pacific/Auckland'));
  });

  it.each(SUPPORTED_LANGUAGES)(
    '%s: the two Hawaii zones at UTC-10 name their cities (they differed by one word)',
    (lng) => {
      // From the screen read: "Hawaii-Aleutian Standard Time (UTC-10:00)" (Honolulu) and
      // "Hawaii-Aleutian Time (UTC-10:00)" (Adak), one country, could not be told apart.
      const options = timeZoneOptions(AT, intlLocale(lng));
      const label = (zone: string) => options.find((o) => o.value === zone)!.label;
      expect(label('Pacific/Honolulu')).toMatch(/ · Honolulu \(UTC-10:00\)$/);
      expect(label('America/Adak')).toMatch(/ · Adak \(UTC-10:00\)$/);
      // A zone of a name of its own keeps the short label.
      expect(label('Pacific/Tahiti')).not.toContain(' · ');
    },
  );
});
