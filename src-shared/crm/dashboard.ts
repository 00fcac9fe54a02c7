import {
  collectRatesUsed,
  fromUsd,
  monthOf,
  type CurrencyCode,
  type FxRateTable,
  type FxRateUsed,
  type Money,
} from '../money';
import type { BuyerCompany, TalkAmount, TradeTalk } from './schemas';

export interface DashboardOptions {
  year: number;
  /** 1-12: only that month; omitted: the whole year with a row per month. */
  month?: number;
  /** 'usd' sums the stored USD snapshots; 'office' and 'KRW' convert them at each talk month's rate. */
  currencyView: 'usd' | 'office' | 'KRW';
  officeCurrency: CurrencyCode;
  fxTables: readonly FxRateTable[];
  /** Only talks of this office (HQ passes undefined for all offices). */
  officeId?: string;
}

export interface DashboardFigures {
  /** Distinct buyers with at least one talk in the period. */
  buyersMet: number;
  talks: number;
  /** Distinct SME firms with at least one talk in the period. */
  firmsHelped: number;
  negotiated: Money;
  contracted: Money;
  exported: Money;
}

export interface DashboardRow extends DashboardFigures {
  month: string; // YYYY-MM
}

export interface OfficeDashboard {
  currency: CurrencyCode;
  /** The whole period. Distinct counts are NOT the sum of the months. */
  total: DashboardFigures;
  byMonth: DashboardRow[];
  buyersMetByCountry: Record<string, number>;
  /** Rates used to convert (empty for the USD view): a report states its rates. */
  ratesUsed: FxRateUsed[];
}

interface Acc {
  buyers: Set<string>;
  firms: Set<string>;
  talks: number;
  negotiated: number;
  contracted: number;
  exported: number;
}

const newAcc = (): Acc => ({
  buyers: new Set(),
  firms: new Set(),
  talks: 0,
  negotiated: 0,
  contracted: 0,
  exported: 0,
});

/**
 * HQ's headline figures for one office (or all): buyers met, talks, amounts
 * negotiated / contracted / exported and firms helped, by month and for the
 * period. A talk belongs to the month of its start in its own time zone.
 */
export function officeDashboard(
  talks: readonly TradeTalk[],
  buyers: readonly BuyerCompany[],
  options: DashboardOptions,
): OfficeDashboard {
  const currency: CurrencyCode =
    options.currencyView === 'usd'
      ? 'USD'
      : options.currencyView === 'KRW'
        ? 'KRW'
        : options.officeCurrency;
  const months =
    options.month !== undefined
      ? [`${options.year}-${String(options.month).padStart(2, '0')}`]
      : Array.from({ length: 12 }, (_, i) => `${options.year}-${String(i + 1).padStart(2, '0')}`);
  const rows = new Map(months.map((m) => [m, newAcc()]));
  const total = newAcc();
  const rates: FxRateUsed[] = [];
  const countryOf = new Map(buyers.map((b) => [b.id, b.country]));
  const byCountry = new Map<string, Set<string>>();

  const valueOf = (a: TalkAmount | undefined, month: string): number => {
    if (!a) return 0;
    if (a.amount.currency === currency) return a.amount.amountMinor;
    if (currency === 'USD') return a.usd.amountMinor;
    const c = fromUsd(a.usd, currency, month, options.fxTables);
    rates.push(...c.rates);
    return c.value.amountMinor;
  };

  for (const talk of talks) {
    if (options.officeId !== undefined && talk.officeId !== options.officeId) continue;
    const month = monthOf(talk.startsAt, talk.timeZone);
    const row = rows.get(month);
    if (!row) continue;
    const negotiated = valueOf(talk.negotiated, month);
    const contracted = valueOf(talk.contract, month);
    const exported = valueOf(talk.actualExport, month);
    for (const acc of [row, total]) {
      acc.buyers.add(talk.buyerId);
      acc.firms.add(talk.smeFirmId);
      acc.talks++;
      acc.negotiated += negotiated;
      acc.contracted += contracted;
      acc.exported += exported;
    }
    const country = countryOf.get(talk.buyerId) ?? '??';
    const set = byCountry.get(country) ?? new Set<string>();
    set.add(talk.buyerId);
    byCountry.set(country, set);
  }

  const figures = (acc: Acc): DashboardFigures => ({
    buyersMet: acc.buyers.size,
    talks: acc.talks,
    firmsHelped: acc.firms.size,
    negotiated: { amountMinor: acc.negotiated, currency },
    contracted: { amountMinor: acc.contracted, currency },
    exported: { amountMinor: acc.exported, currency },
  });
  return {
    currency,
    total: figures(total),
    byMonth: months.map((m) => ({ month: m, ...figures(rows.get(m)!) })),
    buyersMetByCountry: Object.fromEntries([...byCountry].map(([k, v]) => [k, v.size])),
    ratesUsed: collectRatesUsed(rates),
  };
}
