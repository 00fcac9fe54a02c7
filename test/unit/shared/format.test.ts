import { describe, expect, it } from 'vitest';
import {
  FormatError,
  currencyDisplayFor,
  formatCompact,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
  formatUtcOffset,
  formatterCacheSize,
  fromMinorUnits,
  intlLocale,
  isValidTimeZone,
  toMinorUnits,
} from '@shared/format';

// ICU separates currency and number with no-break spaces; compare visibly.
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('intlLocale', () => {
  it('maps each UI language to a full locale', () => {
    expect(intlLocale('ko')).toBe('ko-KR');
    expect(intlLocale('ja')).toBe('ja-JP');
    expect(intlLocale('zh-CN')).toBe('zh-CN');
    expect(intlLocale('vi')).toBe('vi-VN');
    expect(intlLocale('en')).toBe('en-US');
  });
});

describe('formatMoney', () => {
  it('formats each office currency in its own language', () => {
    expect(plain(formatMoney(1234567, 'KRW', 'ko'))).toBe('₩1,234,567');
    expect(plain(formatMoney(1234567, 'JPY', 'ja'))).toBe('￥1,234,567');
    expect(plain(formatMoney(123456789, 'CNY', 'zh-CN'))).toBe('¥1,234,567.89');
    expect(plain(formatMoney(1234567, 'VND', 'vi'))).toBe('1.234.567 ₫');
    expect(plain(formatMoney(123456, 'USD', 'en'))).toBe('$1,234.56');
  });

  it('keeps the currency decimals even for whole amounts', () => {
    expect(plain(formatMoney(100, 'USD', 'en'))).toBe('$1.00');
    expect(plain(formatMoney(5, 'CNY', 'zh-CN'))).toBe('¥0.05');
    expect(plain(formatMoney(5, 'JPY', 'ja'))).toBe('￥5');
  });

  it('tells CNY from JPY with currencyDisplay code', () => {
    const cny = plain(formatMoney(123450, 'CNY', 'en', { currencyDisplay: 'code' }));
    const jpy = plain(formatMoney(1234, 'JPY', 'en', { currencyDisplay: 'code' }));
    expect(cny).toBe('CNY 1,234.50');
    expect(jpy).toBe('JPY 1,234');
  });

  it('formats negative amounts and rejects non-integer minor units', () => {
    expect(plain(formatMoney(-123456, 'USD', 'en'))).toBe('-$1,234.56');
    expect(() => formatMoney(12.5, 'USD', 'en')).toThrow(FormatError);
    expect(() => formatMoney(Number.NaN, 'KRW', 'ko')).toThrow(FormatError);
  });

  it('rejects an unknown currency with a translatable code', () => {
    try {
      formatMoney(1, 'EUR' as never, 'en');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormatError);
      expect((error as FormatError).code).toBe('format.unknown_currency');
    }
  });
});

describe('minor units', () => {
  it('converts with each currency decimals table', () => {
    expect(toMinorUnits(1234.56, 'USD')).toBe(123456);
    expect(toMinorUnits(1234.56, 'CNY')).toBe(123456);
    expect(toMinorUnits(1234567, 'KRW')).toBe(1234567);
    expect(toMinorUnits(1234567, 'VND')).toBe(1234567);
    expect(toMinorUnits(980, 'JPY')).toBe(980);
    expect(fromMinorUnits(123456, 'USD')).toBe(1234.56);
    expect(fromMinorUnits(1234567, 'VND')).toBe(1234567);
  });

  it('rounds half away from zero despite binary noise', () => {
    expect(toMinorUnits(1.005, 'USD')).toBe(101);
    expect(toMinorUnits(-1.005, 'USD')).toBe(-101);
    expect(toMinorUnits(0.1 + 0.2, 'USD')).toBe(30);
    expect(toMinorUnits(10.5, 'JPY')).toBe(11);
    expect(Object.is(toMinorUnits(-0.001, 'USD'), 0)).toBe(true);
  });

  it('rejects amounts that cannot be stored exactly', () => {
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, 'USD')).toThrow(FormatError);
    expect(() => toMinorUnits(1e17, 'USD')).toThrow(FormatError);
    expect(() => fromMinorUnits(1.5, 'KRW')).toThrow(FormatError);
  });
});

describe('formatNumber / formatCompact', () => {
  it('uses each language grouping', () => {
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.891');
    expect(formatNumber(1234567.891, 'vi')).toBe('1.234.567,891');
    expect(formatNumber(1234567.891, 'ko', { maximumFractionDigits: 0 })).toBe('1,234,568');
  });

  it('uses each language magnitude words', () => {
    expect(formatCompact(12_740_000, 'ko')).toBe('1274만');
    expect(formatCompact(12_740_000, 'ja')).toBe('1274万');
    expect(formatCompact(12_740_000, 'zh-CN')).toBe('1274万');
    expect(plain(formatCompact(12_740_000, 'vi'))).toBe('13 Tr');
    expect(formatCompact(12_740_000, 'en')).toBe('13M');
  });
});

describe('currencyDisplayFor', () => {
  it('names a currency by its code where its sign is shared, else by its sign', () => {
    // A bare ¥ is yen or yuan: by code to English and Vietnamese readers.
    expect(currencyDisplayFor('JPY', 'en')).toBe('code');
    expect(currencyDisplayFor('JPY', 'vi')).toBe('code');
    expect(formatMoney(123456800, 'JPY', 'en', { currencyDisplay: 'code' })).toMatch(/^JPY\s/);
    // At home the sign is the reader's own: ￥ in Japan, ¥ in China, $ in the US.
    expect(currencyDisplayFor('JPY', 'ja')).toBe('symbol');
    expect(currencyDisplayFor('CNY', 'zh-CN')).toBe('symbol');
    expect(currencyDisplayFor('USD', 'en')).toBe('symbol');
    // A sign that says which currency it is: JP¥, CN¥, ₩, ₫, US$.
    expect(currencyDisplayFor('JPY', 'ko')).toBe('symbol');
    expect(currencyDisplayFor('CNY', 'en')).toBe('symbol');
    expect(currencyDisplayFor('KRW', 'ja')).toBe('symbol');
    expect(currencyDisplayFor('VND', 'en')).toBe('symbol');
    expect(currencyDisplayFor('USD', 'vi')).toBe('symbol');
    // A bare $ away from the US could be any dollar.
    expect(currencyDisplayFor('USD', 'ja')).toBe('code');
  });
});

describe('dates and times', () => {
  it('follows Los Angeles across the 2025 spring DST switch', () => {
    expect(formatTime('2025-03-08T10:30:00Z', 'America/Los_Angeles', 'en')).toBe('02:30');
    expect(formatTime('2025-03-09T10:30:00Z', 'America/Los_Angeles', 'en')).toBe('03:30');
    expect(formatUtcOffset('America/Los_Angeles', '2025-03-08T10:30:00Z')).toBe('UTC-08:00');
    expect(formatUtcOffset('America/Los_Angeles', '2025-03-09T10:30:00Z')).toBe('UTC-07:00');
  });

  it('renders each office zone offset', () => {
    const at = Date.UTC(2025, 2, 10, 5, 30);
    expect(formatUtcOffset('Asia/Ho_Chi_Minh', at)).toBe('UTC+07:00');
    expect(formatUtcOffset('Asia/Tokyo', at)).toBe('UTC+09:00');
    expect(formatUtcOffset('Asia/Shanghai', at)).toBe('UTC+08:00');
    expect(formatUtcOffset('UTC', at)).toBe('UTC');
    expect(formatTime(at, 'Asia/Ho_Chi_Minh', 'vi')).toBe('12:30');
    expect(formatTime(at, 'Asia/Seoul', 'ko')).toBe('14:30');
  });

  it('uses 24-hour schedules in every language, never AM/PM or 오전/오후', () => {
    const at = '2025-03-10T05:30:00Z'; // 14:30 in Seoul
    for (const language of ['ko', 'ja', 'zh-CN', 'vi', 'en'] as const) {
      const time = formatTime(at, 'Asia/Seoul', language);
      expect(time).toBe('14:30');
      expect(formatDateTime(at, 'Asia/Seoul', language)).toContain('14:30');
      expect(formatDateTime(at, 'Asia/Seoul', language)).not.toMatch(
        /AM|PM|오전|오후|午後|下午|CH/,
      );
    }
  });

  it('writes the date the way each language reads it', () => {
    const at = '2025-03-10T05:30:00Z';
    expect(formatDate(at, 'Asia/Seoul', 'ko')).toBe('2025. 3. 10.');
    expect(formatDate(at, 'Asia/Tokyo', 'ja')).toBe('2025/03/10');
    expect(formatDate(at, 'Asia/Shanghai', 'zh-CN')).toBe('2025年3月10日');
    expect(formatDate(at, 'Asia/Ho_Chi_Minh', 'vi')).toBe('10 thg 3, 2025');
    expect(formatDate(at, 'America/Los_Angeles', 'en')).toBe('Mar 9, 2025');
    expect(formatDate(at, 'Asia/Seoul', 'ko', 'full')).toBe('2025년 3월 10일 월요일');
    expect(formatDate(at, 'Asia/Seoul', 'vi', 'full')).toBe('Thứ Hai, 10 tháng 3, 2025');
  });

  it('takes the date in the given zone, not the machine zone', () => {
    // 23:30 UTC on 9 March is already 10 March in Asia and still 9 March in LA.
    const at = '2025-03-09T23:30:00Z';
    expect(formatDate(at, 'Asia/Tokyo', 'en')).toBe('Mar 10, 2025');
    expect(formatDate(at, 'America/Los_Angeles', 'en')).toBe('Mar 9, 2025');
    expect(formatDateTime(at, 'Asia/Tokyo', 'ja')).toBe('2025/03/10 08:30');
  });

  it('accepts epoch ms and ISO strings with offsets, rejects floating times', () => {
    const ms = Date.parse('2025-03-10T05:30:00Z');
    expect(formatTime(ms, 'Asia/Seoul', 'en')).toBe('14:30');
    expect(formatTime('2025-03-10T14:30:00+09:00', 'Asia/Seoul', 'en')).toBe('14:30');
    expect(() => formatTime('2025-03-10T14:30:00', 'Asia/Seoul', 'en')).toThrow(FormatError);
    expect(() => formatTime('yesterday', 'Asia/Seoul', 'en')).toThrow(FormatError);
    expect(() => formatTime(Number.NaN, 'Asia/Seoul', 'en')).toThrow(FormatError);
  });

  it('rejects unknown time zones with a translatable code', () => {
    expect(isValidTimeZone('Asia/Seoul')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    try {
      formatDate('2025-03-10T05:30:00Z', 'Mars/Olympus_Mons', 'en');
      expect.unreachable();
    } catch (error) {
      expect((error as FormatError).code).toBe('format.invalid_time_zone');
    }
  });

  it('reuses formatter instances', () => {
    formatTime('2025-03-10T05:30:00Z', 'Asia/Seoul', 'ko');
    const size = formatterCacheSize();
    for (let i = 0; i < 50; i += 1) {
      formatTime(Date.UTC(2025, 0, 1, i % 24), 'Asia/Seoul', 'ko');
    }
    expect(formatterCacheSize()).toBe(size);
  });
});
