import { describe, expect, it } from 'vitest';
import { buyerIdentityKey, websiteHost } from '@shared/reports/identity';
import { DEFAULT_FX_RATES, findRate, fxMonthRowSchema, fxTableFromRows } from '@shared/money';
import { addMonths, monthSpan, previousPeriod, reportQuerySchema } from '@shared/reports/api';

describe('province-wide buyer identity key', () => {
  const key = (b: Record<string, unknown>) =>
    buyerIdentityKey({ officeId: 'tokyo', id: 'x', ...b });

  it('uses the website host when there is one', () => {
    expect(websiteHost('https://www.Yamada-Shoji.co.jp/en?x=1')).toBe('yamada-shoji.co.jp');
    expect(websiteHost('not a url')).toBeNull();
    expect(key({ website: 'http://yamada-shoji.co.jp', nameNative: 'A', country: 'JP' })).toBe(
      key({ website: 'https://www.yamada-shoji.co.jp/zh/', nameNative: 'B', country: 'CN' }),
    );
  });

  it('else country + folded name without the legal form (kana width, case, diacritics)', () => {
    expect(key({ nameNative: '株式会社サトウ商事', country: 'JP' })).toBe(
      key({ nameNative: 'ｻﾄｳ商事', country: 'jp' }),
    );
    expect(key({ nameNative: 'Công ty TNHH Nguyễn Phát', country: 'VN' })).toBe(
      key({ nameNative: 'NGUYEN PHAT', country: 'VN' }),
    );
    // Same name in another country is another buyer.
    expect(key({ nameNative: 'サトウ商事', country: 'JP' })).not.toBe(
      key({ nameNative: 'サトウ商事', country: 'CN' }),
    );
    // Latin name when the native one is empty; the record itself when there is nothing.
    expect(key({ nameNative: '', nameLatin: 'Pacific Foods Inc.', country: 'US' })).toBe(
      'name:US:pacificfoods',
    );
    expect(key({})).toBe('id:tokyo:x');
  });
});

describe('fxRates month rows', () => {
  it('validates a month row (id = month, decimal rates)', () => {
    expect(
      fxMonthRowSchema.safeParse({ id: '2025-03', month: '2025-03', perUsd: { KRW: '1450.5' } })
        .success,
    ).toBe(true);
    expect(
      fxMonthRowSchema.safeParse({ id: '2025-03', month: '2025-04', perUsd: { KRW: '1' } }).success,
    ).toBe(false);
    expect(
      fxMonthRowSchema.safeParse({ id: '2025-03', month: '2025-03', perUsd: { KRW: '1,450' } })
        .success,
    ).toBe(false);
  });

  it('merges rows into one HQ table with a deterministic version; bad rows are ignored', () => {
    const a = { id: '2025-01', month: '2025-01', perUsd: { KRW: '1400', JPY: '150' } };
    const b = { id: '2025-03', month: '2025-03', perUsd: { KRW: '1450.5' }, note: 'BOK avg' };
    const junk = { id: 'x', month: 'x', perUsd: {} };
    const t1 = fxTableFromRows([a, b, junk])!;
    const t2 = fxTableFromRows([b, a])!;
    expect(t1).toEqual(t2);
    expect(t1.source).toBe('hq');
    expect(t1.months).toEqual({ '2025-01': a.perUsd, '2025-03': b.perUsd });
    expect(fxTableFromRows([a, { ...b, perUsd: { KRW: '1460' } }])!.version).not.toBe(t1.version);
    expect(fxTableFromRows([junk])).toBeNull();
    // HQ's month first; a currency HQ lacks that month comes from the default's same month.
    expect(findRate('KRW', '2025-03', [t1, DEFAULT_FX_RATES])).toMatchObject({
      perUsd: '1450.5',
      source: 'hq',
    });
    expect(findRate('JPY', '2025-03', [t1, DEFAULT_FX_RATES])).toMatchObject({
      source: 'builtin-default',
      rateMonth: '2025-03',
    });
    expect(findRate('JPY', '2027-05', [t1, DEFAULT_FX_RATES])).toMatchObject({
      source: 'hq',
      rateMonth: '2025-01',
    });
  });
});

describe('report periods', () => {
  it('counts months and finds the previous period of equal length', () => {
    expect(monthSpan('2024-11', '2025-02')).toBe(4);
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(previousPeriod({ from: '2025-01', to: '2025-12' })).toEqual({
      from: '2024-01',
      to: '2024-12',
    });
    expect(reportQuerySchema.safeParse({ from: '2025-03', to: '2025-01' }).success).toBe(false);
    expect(reportQuerySchema.parse({ from: '2025-01', to: '2025-03' }).currency).toBe('KRW');
  });
});
