import { z } from 'zod';
import {
  CURRENCY_DECIMALS,
  MoneyError,
  currencyCodeSchema,
  divRoundHalfAwayFromZero,
  type CurrencyCode,
  type Money,
} from './currency';

/** `YYYY-MM`, the granularity of HQ's rate table. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'fx.bad_month');
export type Month = z.infer<typeof monthSchema>;

/** Units of the currency per 1 USD, as an exact decimal string ("1385.5"). */
export const perUsdSchema = z.string().regex(/^\d{1,9}(\.\d{1,8})?$/, 'fx.bad_rate');

export const fxRateTableSchema = z.object({
  /** 'builtin-default' ships with the app so reports work offline; 'hq' is maintained by HQ. */
  source: z.enum(['builtin-default', 'hq']),
  /** Lets a report name the table it used (HQ bumps it on every edit). */
  version: z.string().min(1),
  months: z.record(monthSchema, z.partialRecord(currencyCodeSchema, perUsdSchema)),
});
export type FxRateTable = z.infer<typeof fxRateTableSchema>;

/** Which rate was applied: reports must state the rates they used. */
export interface FxRateUsed {
  currency: CurrencyCode;
  /** The month the caller asked for. */
  month: Month;
  /** The month whose rate was applied (earlier when the asked month has no rate yet). */
  rateMonth: Month;
  perUsd: string;
  source: FxRateTable['source'];
  tableVersion: string;
}

export interface UsdSnapshot {
  usd: Money;
  rate: FxRateUsed;
}

const USD_RATE = '1';

/** Parses "1385.5" into numerator/scale so conversions stay in integers. */
function rational(perUsd: string): { num: bigint; scale: bigint } {
  const [int, frac = ''] = perUsd.split('.');
  return { num: BigInt(`${int}${frac}`), scale: 10n ** BigInt(frac.length) };
}

function previousMonths(tableMonths: readonly string[], month: Month): string[] {
  return tableMonths.filter((m) => m <= month).sort((a, b) => (a < b ? 1 : -1));
}

/**
 * Finds the rate for `currency` in `month`. Tables are tried in order (pass
 * HQ's table before the built-in default); within a table the latest month at
 * or before `month` is used, so the current month works before HQ enters it.
 * Returns null when no table has any rate at or before the month.
 */
export function findRate(
  currency: CurrencyCode,
  month: Month,
  tables: readonly FxRateTable[],
): FxRateUsed | null {
  if (!monthSchema.safeParse(month).success) throw new MoneyError('money.bad_amount', 'bad month');
  if (currency === 'USD') {
    const t = tables[0];
    return {
      currency,
      month,
      rateMonth: month,
      perUsd: USD_RATE,
      source: t?.source ?? 'builtin-default',
      tableVersion: t?.version ?? '',
    };
  }
  for (const table of tables) {
    const exact = table.months[month]?.[currency];
    if (exact) {
      return {
        currency,
        month,
        rateMonth: month,
        perUsd: exact,
        source: table.source,
        tableVersion: table.version,
      };
    }
  }
  // No exact month anywhere: fall back to the latest earlier month, first table first.
  for (const table of tables) {
    for (const m of previousMonths(Object.keys(table.months), month)) {
      const rate = table.months[m]?.[currency];
      if (rate) {
        return {
          currency,
          month,
          rateMonth: m,
          perUsd: rate,
          source: table.source,
          tableVersion: table.version,
        };
      }
    }
  }
  return null;
}

function requireRate(currency: CurrencyCode, month: Month, tables: readonly FxRateTable[]) {
  const rate = findRate(currency, month, tables);
  if (!rate) throw new FxError('fx.no_rate', currency, month);
  return rate;
}

export class FxError extends Error {
  constructor(
    readonly code: 'fx.no_rate',
    readonly currency: CurrencyCode,
    readonly month: string,
  ) {
    super(`${code}: ${currency} ${month}`);
    this.name = 'FxError';
  }
}

/**
 * amount[from] → amount[to] through USD rates with ONE rounding at the end
 * (half away from zero), all in BigInt: the same inputs give the same minor
 * units on every machine.
 */
function convertWith(m: Money, from: FxRateUsed, to: FxRateUsed, target: CurrencyCode): Money {
  const f = rational(from.perUsd);
  const t = rational(to.perUsd);
  const fromScale = 10n ** BigInt(CURRENCY_DECIMALS[m.currency]);
  const toScale = 10n ** BigInt(CURRENCY_DECIMALS[target]);
  // usd = amount / fromScale / (f.num / f.scale); out = usd * (t.num / t.scale) * toScale
  const numerator = BigInt(m.amountMinor) * f.scale * t.num * toScale;
  const denominator = fromScale * f.num * t.scale;
  const out = Number(divRoundHalfAwayFromZero(numerator, denominator));
  if (!Number.isSafeInteger(out)) throw new MoneyError('money.unsafe_integer');
  return { amountMinor: out === 0 ? 0 : out, currency: target };
}

/** USD value of `m` at the rate of `month` (taken once and stored on the trade talk). */
export function usdSnapshot(m: Money, month: Month, tables: readonly FxRateTable[]): UsdSnapshot {
  const rate = requireRate(m.currency, month, tables);
  const usdRate = requireRate('USD', month, tables);
  return { usd: convertWith(m, rate, usdRate, 'USD'), rate };
}

export interface Conversion {
  value: Money;
  /** Rates applied (source currency, then target currency). */
  rates: FxRateUsed[];
}

/** Converts between any two currencies at `month`'s rates (via USD). */
export function convertMoney(
  m: Money,
  to: CurrencyCode,
  month: Month,
  tables: readonly FxRateTable[],
): Conversion {
  if (m.currency === to) return { value: m, rates: [] };
  const from = requireRate(m.currency, month, tables);
  const target = requireRate(to, month, tables);
  return {
    value: convertWith(m, from, target, to),
    rates: [from, target].filter((r) => r.currency !== 'USD'),
  };
}

/** HQ reports are in KRW. */
export function toKrw(m: Money, month: Month, tables: readonly FxRateTable[]): Conversion {
  return convertMoney(m, 'KRW', month, tables);
}

/** Converts a stored USD snapshot into another currency (for per-office views). */
export function fromUsd(
  usd: Money,
  to: CurrencyCode,
  month: Month,
  tables: readonly FxRateTable[],
): Conversion {
  if (usd.currency !== 'USD') throw new MoneyError('money.currency_mismatch');
  return convertMoney(usd, to, month, tables);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `YYYY-MM` of an instant (ISO string or epoch ms) as seen in `timeZone` (a talk belongs to
 * the office's local month). Throws a RangeError for an unknown zone.
 */
export function monthOf(instant: string | number, timeZone: string): Month {
  // One formatter per zone: HQ's projections date every pushed talk with it.
  let format = monthFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const y = parts.find((p) => p.type === 'year')?.value;
  const mo = parts.find((p) => p.type === 'month')?.value;
  return `${y}-${mo}`;
}

/** Deduplicated list of rates a report used, sorted for display. */
export function collectRatesUsed(rates: Iterable<FxRateUsed>): FxRateUsed[] {
  const seen = new Map<string, FxRateUsed>();
  for (const r of rates) {
    if (r.currency === 'USD') continue;
    seen.set(`${r.currency}|${r.rateMonth}|${r.perUsd}|${r.source}|${r.tableVersion}`, r);
  }
  return [...seen.values()].sort((a, b) =>
    a.rateMonth === b.rateMonth
      ? a.currency.localeCompare(b.currency)
      : a.rateMonth < b.rateMonth
        ? -1
        : 1,
  );
}

/**
 * Exact conversion of a (possibly huge) minor-unit amount at given per-USD rates, with
 * ONE rounding (half away from zero) — the rule of `convertMoney`, on BigInt in and out
 * so report totals never pass through a float. `fromPerUsd`/`toPerUsd` are the decimal
 * strings of the rate tables ('1' for USD).
 */
export function convertMinorExact(
  amountMinor: bigint,
  from: CurrencyCode,
  fromPerUsd: string,
  to: CurrencyCode,
  toPerUsd: string,
): bigint {
  if (from === to) return amountMinor;
  const f = rational(fromPerUsd);
  const t = rational(toPerUsd);
  if (f.num === 0n || t.num === 0n) throw new MoneyError('money.bad_amount', 'zero rate');
  const fromScale = 10n ** BigInt(CURRENCY_DECIMALS[from]);
  const toScale = 10n ** BigInt(CURRENCY_DECIMALS[to]);
  return divRoundHalfAwayFromZero(
    amountMinor * f.scale * t.num * toScale,
    fromScale * f.num * t.scale,
  );
}
