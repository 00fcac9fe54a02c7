import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FX_RATES,
  FxError,
  addMoney,
  collectRatesUsed,
  convertMoney,
  divRoundHalfAwayFromZero,
  findRate,
  formatDecimalAmount,
  fxRateTableSchema,
  monthOf,
  parseDecimalAmount,
  sumMoney,
  toKrw,
  usdSnapshot,
  type FxRateTable,
} from '@shared/money';

const hq: FxRateTable = {
  source: 'hq',
  version: 'hq-7',
  months: { '2025-03': { JPY: '150', KRW: '1400', CNY: '7.25', VND: '25000' } },
};

describe('money arithmetic', () => {
  it('parses decimals per currency and refuses extra fraction digits', () => {
    expect(parseDecimalAmount('1,234.50', 'USD')).toEqual({ amountMinor: 123450, currency: 'USD' });
    expect(parseDecimalAmount('1234567', 'KRW')).toEqual({ amountMinor: 1234567, currency: 'KRW' });
    expect(parseDecimalAmount('10.5', 'JPY')).toBeNull();
    expect(parseDecimalAmount('10.50', 'CNY')?.amountMinor).toBe(1050);
    expect(parseDecimalAmount('10.00', 'VND')?.amountMinor).toBe(10);
    expect(parseDecimalAmount('abc', 'USD')).toBeNull();
    expect(parseDecimalAmount('-0.05', 'USD')?.amountMinor).toBe(-5);
  });

  it('formats minor units back to a plain decimal', () => {
    expect(formatDecimalAmount({ amountMinor: 5, currency: 'USD' })).toBe('0.05');
    expect(formatDecimalAmount({ amountMinor: -123450, currency: 'CNY' })).toBe('-1234.50');
    expect(formatDecimalAmount({ amountMinor: 1200, currency: 'KRW' })).toBe('1200');
  });

  it('adds exactly and refuses mixed currencies', () => {
    // 0.1 + 0.2 in floats is not 0.3; in minor units it is.
    expect(
      addMoney({ amountMinor: 10, currency: 'USD' }, { amountMinor: 20, currency: 'USD' })
        .amountMinor,
    ).toBe(30);
    expect(() =>
      addMoney({ amountMinor: 1, currency: 'USD' }, { amountMinor: 1, currency: 'KRW' }),
    ).toThrow('money.currency_mismatch');
    expect(sumMoney([], 'JPY')).toEqual({ amountMinor: 0, currency: 'JPY' });
    expect(() =>
      addMoney(
        { amountMinor: Number.MAX_SAFE_INTEGER, currency: 'VND' },
        { amountMinor: 1, currency: 'VND' },
      ),
    ).toThrow();
  });

  it('rounds half away from zero, never to even', () => {
    expect(divRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divRoundHalfAwayFromZero(3n, 2n)).toBe(2n); // banker's would give 2 too
    expect(divRoundHalfAwayFromZero(5n, 10n)).toBe(1n); // banker's would give 0
    expect(divRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfAwayFromZero(7n, 3n)).toBe(2n);
  });
});

describe('FX', () => {
  it('default table covers 2023-01..2026-12 for every currency and validates', () => {
    expect(fxRateTableSchema.safeParse(DEFAULT_FX_RATES).success).toBe(true);
    expect(Object.keys(DEFAULT_FX_RATES.months)).toHaveLength(48);
    for (const m of ['2023-01', '2024-06', '2026-12']) {
      for (const c of ['KRW', 'JPY', 'CNY', 'VND'] as const)
        expect(DEFAULT_FX_RATES.months[m]?.[c]).toBeTruthy();
    }
    expect(DEFAULT_FX_RATES.source).toBe('builtin-default');
  });

  it('takes the USD snapshot with the month rate and says which rate', () => {
    const snap = usdSnapshot({ amountMinor: 1_500_000, currency: 'JPY' }, '2025-03', [
      hq,
      DEFAULT_FX_RATES,
    ]);
    expect(snap.usd).toEqual({ amountMinor: 1_000_000, currency: 'USD' }); // ¥1.5M / 150 = $10,000.00
    expect(snap.rate).toMatchObject({
      currency: 'JPY',
      month: '2025-03',
      rateMonth: '2025-03',
      perUsd: '150',
      source: 'hq',
      tableVersion: 'hq-7',
    });
  });

  it('falls back to the default table, then to the latest earlier month', () => {
    const jan = findRate('KRW', '2025-01', [hq, DEFAULT_FX_RATES]);
    expect(jan).toMatchObject({ source: 'builtin-default', rateMonth: '2025-01', perUsd: '1455' });
    const future = findRate('CNY', '2027-05', [hq, DEFAULT_FX_RATES]);
    expect(future).toMatchObject({
      source: 'hq',
      rateMonth: '2025-03',
      perUsd: '7.25',
      month: '2027-05',
    });
    expect(findRate('VND', '2019-01', [hq, DEFAULT_FX_RATES])).toBeNull();
    expect(() => usdSnapshot({ amountMinor: 1, currency: 'VND' }, '2019-01', [hq])).toThrow(
      FxError,
    );
  });

  it('rounds a fractional cent deterministically', () => {
    // ¥1 / 150 = $0.0067 → 1 cent; CN¥0.01 / 7.25 = $0.0014 → 0 cents
    expect(usdSnapshot({ amountMinor: 1, currency: 'JPY' }, '2025-03', [hq]).usd.amountMinor).toBe(
      1,
    );
    expect(usdSnapshot({ amountMinor: 1, currency: 'CNY' }, '2025-03', [hq]).usd.amountMinor).toBe(
      0,
    );
    // CN¥0.01 at 2 per USD is exactly half a cent: away from zero, both signs.
    const half: FxRateTable = { source: 'hq', version: '1', months: { '2025-03': { CNY: '2' } } };
    expect(
      usdSnapshot({ amountMinor: 1, currency: 'CNY' }, '2025-03', [half]).usd.amountMinor,
    ).toBe(1);
    expect(
      usdSnapshot({ amountMinor: -1, currency: 'CNY' }, '2025-03', [half]).usd.amountMinor,
    ).toBe(-1);
    expect(
      usdSnapshot({ amountMinor: 3, currency: 'CNY' }, '2025-03', [half]).usd.amountMinor,
    ).toBe(2);
  });

  it('converts to KRW with one rounding and lists the rates used', () => {
    const c = toKrw({ amountMinor: 725, currency: 'CNY' }, '2025-03', [hq]); // CN¥7.25 = $1 = ₩1400
    expect(c.value).toEqual({ amountMinor: 1400, currency: 'KRW' });
    expect(c.rates.map((r) => r.currency)).toEqual(['CNY', 'KRW']);
    expect(
      convertMoney({ amountMinor: 100, currency: 'USD' }, 'VND', '2025-03', [hq]).value.amountMinor,
    ).toBe(25000);
    expect(convertMoney({ amountMinor: 5, currency: 'KRW' }, 'KRW', '2025-03', []).rates).toEqual(
      [],
    );
    const used = collectRatesUsed([...c.rates, ...c.rates]);
    expect(used).toHaveLength(2);
  });

  it('assigns a talk to the month of its office time zone', () => {
    expect(monthOf('2025-02-28T16:30:00Z', 'Asia/Tokyo')).toBe('2025-03');
    expect(monthOf('2025-03-01T03:00:00Z', 'America/Los_Angeles')).toBe('2025-02');
  });
});
