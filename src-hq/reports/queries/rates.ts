/** HQ rates per month (RateBook) and the exact accumulation of money figures (FigureAcc). */
import { DEFAULT_FX_RATES } from '@shared/money/default-rates';
import { convertMinorExact, findRate, type FxRateTable, type FxRateUsed } from '@shared/money/fx';
import { isCurrencyCode, type CurrencyCode } from '@shared/money/currency';
import { type MoneyFigure, type RateUsed } from '@shared/reports/api';
import { loadHqFxTable } from '../fx-history';
import type { DB } from './common';

// ---------------------------------------------------------------- rates

interface AppliedRate {
  perUsd: string;
  rateMonth: string;
  source: 'hq' | 'builtin-default';
  tableVersion: string;
}

/**
 * The rates of one report: HQ's table before the built-in default, the latest month at or
 * before the talk month (findRate); before the first month any table knows, that first month.
 * Remembers every rate applied, for `ratesUsed`.
 */
export class RateBook {
  private cache = new Map<string, AppliedRate>();
  private used = new Map<string, RateUsed>();

  constructor(readonly tables: readonly FxRateTable[]) {}

  static async load(db: DB): Promise<RateBook> {
    const hq = await loadHqFxTable(db);
    return new RateBook(hq ? [hq, DEFAULT_FX_RATES] : [DEFAULT_FX_RATES]);
  }

  private lookup(currency: CurrencyCode, month: string): AppliedRate {
    const key = `${currency}|${month}`;
    let r = this.cache.get(key);
    if (!r) {
      const found: FxRateUsed | null = findRate(currency, month, this.tables);
      if (found) {
        r = {
          perUsd: found.perUsd,
          rateMonth: found.rateMonth,
          source: found.source,
          tableVersion: found.tableVersion,
        };
      } else {
        r = this.earliest(currency);
      }
      this.cache.set(key, r);
    }
    if (currency !== 'USD') {
      this.used.set(key, { month, currency, ...r });
    }
    return r;
  }

  private earliest(currency: CurrencyCode): AppliedRate {
    for (const t of this.tables) {
      const months = Object.keys(t.months)
        .filter((m) => t.months[m]?.[currency])
        .sort();
      if (months[0]) {
        return {
          perUsd: t.months[months[0]]![currency]!,
          rateMonth: months[0],
          source: t.source,
          tableVersion: t.version,
        };
      }
    }
    throw new Error(`No FX rate for ${currency}`);
  }

  /** `minor` of `currency` in `month` → USD cents and KRW won. */
  convert(minor: bigint, currency: CurrencyCode, month: string): { usd: bigint; krw: bigint } {
    const from = currency === 'USD' ? '1' : this.lookup(currency, month).perUsd;
    const krwRate = currency === 'KRW' ? from : this.lookup('KRW', month).perUsd;
    return {
      usd: convertMinorExact(minor, currency, from, 'USD', '1'),
      krw: convertMinorExact(minor, currency, from, 'KRW', krwRate),
    };
  }

  ratesUsed(): RateUsed[] {
    return [...this.used.values()].sort((a, b) =>
      a.month === b.month ? a.currency.localeCompare(b.currency) : a.month < b.month ? -1 : 1,
    );
  }
}

export function toSafe(n: bigint): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new Error(`Report amount out of range: ${n}`);
  return v;
}

/** Sums of one money figure, kept per (office, month, currency) cell until converted. */
export class FigureAcc {
  private cells = new Map<
    string,
    { office: string; month: string; currency: string; minor: bigint }
  >();
  talks = 0;

  add(office: string, month: string, currency: string, minor: unknown, talks: number) {
    const key = `${office}\u0000${month}\u0000${currency}`;
    const c = this.cells.get(key) ?? { office, month, currency, minor: 0n };
    c.minor += BigInt(String(minor ?? 0));
    this.cells.set(key, c);
    this.talks += talks;
  }

  finish(book: RateBook): MoneyFigure {
    let usd = 0n;
    let krw = 0n;
    const original = new Map<string, bigint>();
    for (const c of this.cells.values()) {
      if (!isCurrencyCode(c.currency)) continue;
      const v = book.convert(c.minor, c.currency, c.month);
      usd += v.usd;
      krw += v.krw;
      original.set(c.currency, (original.get(c.currency) ?? 0n) + c.minor);
    }
    return {
      usdMinor: toSafe(usd),
      krwMinor: toSafe(krw),
      original: [...original]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, m]) => ({ currency: currency as CurrencyCode, amountMinor: toSafe(m) })),
      talks: this.talks,
    };
  }
}
