// Issue 16, item 7: the Settings time-zone picker names zones in the reader's language
// ("한국 표준시 (UTC+09:00)"), not by IANA id ("Asia/Seoul (UTC+09:00)"); the id stays searchable.
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { intlLocale } from '@shared/format';
import {
  matchesTimeZone,
  timeZoneOptions,
  zoneDisplayName,
} from '../../../src-renderer/src/screens/time-zone-options';

const AT = Date.UTC(2026, 11, 7, 12); // December: no DST in Seoul, Europe on standard time

describe('time-zone picker options', () => {
  it.each(SUPPORTED_LANGUAGES)('%s: zones by their localized name, each label once', (lng) => {
    const locale = intlLocale(lng);
    const options = timeZoneOptions(AT, locale);
    const label = (zone: string) => options.find((o) => o.value === zone)!.label;
    expect(label('Asia/Tokyo')).toBe(`${zoneDisplayName('Asia/Tokyo', locale)} (UTC+09:00)`);
    // Seoul shares its name with Pyongyang: the city tells them apart.
    expect(label('Asia/Seoul')).toBe(
      `${zoneDisplayName('Asia/Seoul', locale)} · Seoul (UTC+09:00)`,
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
});
