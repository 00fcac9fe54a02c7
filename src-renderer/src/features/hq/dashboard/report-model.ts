/**
 * Pure helpers of the HQ dashboard: periods, the figure in the chosen currency,
 * comparison with the previous period, and roll-ups of the office × month rows.
 */
import type {
  HeadlineFigures,
  MoneyFigure,
  OfficeMonthRow,
  ReportViewCurrency,
} from '@shared/reports/api';
import { MAX_REPORT_MONTHS, addMonths, monthSpan } from '@shared/reports/api';
import { intlLocale } from '@shared/format';
import type { Language } from '@shared/i18n/languages';

export interface Period {
  from: string;
  to: string;
}

/** `YYYY-MM` of an instant in a time zone. */
export function monthIn(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date(instant));
  const y = parts.find((p) => p.type === 'year')?.value ?? '1970';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

/**
 * The default period: the last three FULL months (in the viewer's zone). The current month
 * is left out: a week-old month compared with a whole one reads as a fall everywhere. The
 * server compares with the three months before, so the default is like for like.
 */
export function defaultPeriod(now: number, timeZone: string): Period {
  const current = monthIn(now, timeZone);
  return { from: addMonths(current, -3), to: addMonths(current, -1) };
}

/** Whether the period's last month is not over yet (its figures still grow). */
export function isPartialPeriod(period: Period, now: number, timeZone: string): boolean {
  return period.to >= monthIn(now, timeZone);
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A period from `?from=YYYY-MM&to=YYYY-MM` (a shared link), or null when absent or invalid. */
export function periodFromParams(from: string | null, to: string | null): Period | null {
  if (!from || !to || !MONTH_RE.test(from) || !MONTH_RE.test(to) || from > to) return null;
  if (monthSpan(from, to) > MAX_REPORT_MONTHS) return null;
  return { from, to };
}

const RANGE_JOIN: Partial<Record<Language, string>> = { ja: '～', 'zh-CN': '至' };

const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

/** "September – November 2026" / "2026年9月～11月": a month range in the UI language. */
export function formatMonthRange(period: Period, language: Language): string {
  const format = new Intl.DateTimeFormat(intlLocale(language), {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  if (period.from === period.to) return format.format(monthDate(period.from));
  // ICU's ja and zh ranges of long months come out as "2026/09～2026/11": join two dates.
  const join = RANGE_JOIN[language];
  if (join)
    return `${format.format(monthDate(period.from))}${join}${format.format(monthDate(period.to))}`;
  return format.formatRange(monthDate(period.from), monthDate(period.to));
}

/** One month in the UI language ("December 2026"). */
export function formatMonth(month: string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(monthDate(month));
}

/**
 * A month standing alone at the start of a table cell: capitalized, as a cell starts
 * ("Tháng 12 năm 2026", not "tháng 12 năm 2026"; other languages unchanged).
 */
export function formatMonthCell(month: string, language: Language): string {
  const text = formatMonth(month, language);
  return text.charAt(0).toLocaleUpperCase(intlLocale(language)) + text.slice(1);
}

/** One month, short, for a chart's axis ("Dec 2026", "2026年12月", "thg 12, 2026"). */
export function formatMonthShort(month: string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(monthDate(month));
}

/** A change ratio as a signed percentage ("+12.5 %"), or "–" when there is none. */
export function percent(ratio: number | null, language: Language): string {
  if (ratio === null) return '–';
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(ratio);
}

/**
 * The change column as people read it: a percentage; "New" where there was nothing before
 * (0 → 1 showed "–", which reads as a minus or as "no data"); 0 % where both are nothing.
 */
export function changeText(
  current: number,
  previous: number,
  language: Language,
  newLabel: string,
): string {
  if (previous === 0) return current === 0 ? percent(0, language) : newLabel;
  return percent(change(current, previous), language);
}

/** What the dashboard asks the report server. */
export interface DashboardQuery {
  from: string;
  to: string;
  currency: ReportViewCurrency;
  officeIds?: string[];
  /** The mission filter (issue 13): the talk drill-down, the breakdowns and top SMEs take it. */
  missionId?: string;
}

const HQ_OFFICE_ID = 'hq';

/**
 * Offices the dashboard lists (freshness, filters): HQ is not an office in the field, it
 * receives what they record; listing it as "never synced" would only mislead.
 */
export function isFieldOffice(officeId: string): boolean {
  return officeId !== HQ_OFFICE_ID;
}

export const MONEY_FIGURES = ['negotiated', 'contracted', 'actualExports'] as const;
export type MoneyFigureKey = (typeof MONEY_FIGURES)[number];
export const COUNT_FIGURES = [
  'buyersMet',
  'talksHeld',
  'smeFirmsHelped',
  'delegationsServed',
] as const;
export type CountFigureKey = (typeof COUNT_FIGURES)[number];

/** Minor units of a money figure in the view currency (USD cents or KRW won). */
export function inCurrency(f: MoneyFigure, currency: ReportViewCurrency): number {
  return currency === 'USD' ? f.usdMinor : f.krwMinor;
}

/** The value of a headline figure as a number (money in minor units of `currency`). */
export function figureValue(
  figures: HeadlineFigures,
  key: MoneyFigureKey | CountFigureKey,
  currency: ReportViewCurrency,
): number {
  if (key === 'negotiated' || key === 'contracted' || key === 'actualExports') {
    return inCurrency(figures[key], currency);
  }
  return figures[key];
}

/** Change against the previous period: a ratio (0.25 = +25 %), or null when it had none. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / previous;
}

export interface OfficeTotals {
  officeId: string;
  talksHeld: number;
  negotiated: number;
  contracted: number;
  actualExports: number;
}

/**
 * Per-office totals of the office × month rows (money in the view currency). Money adds
 * up exactly; distinct counts (buyers, firms) do not add across months, so they are left
 * to the per-month table and the headline.
 */
export function totalsByOffice(
  rows: readonly OfficeMonthRow[],
  currency: ReportViewCurrency,
): OfficeTotals[] {
  const by = new Map<string, OfficeTotals>();
  for (const r of rows) {
    const t = by.get(r.officeId) ?? {
      officeId: r.officeId,
      talksHeld: 0,
      negotiated: 0,
      contracted: 0,
      actualExports: 0,
    };
    t.talksHeld += r.talksHeld;
    t.negotiated += inCurrency(r.negotiated, currency);
    t.contracted += inCurrency(r.contracted, currency);
    t.actualExports += inCurrency(r.actualExports, currency);
    by.set(r.officeId, t);
  }
  return [...by.values()].sort(
    (a, b) => b.contracted - a.contracted || a.officeId.localeCompare(b.officeId),
  );
}

export interface MonthTotals {
  month: string;
  talksHeld: number;
  negotiated: number;
  contracted: number;
  actualExports: number;
}

/** Every month of the period (empty months included), summed over offices. */
export function totalsByMonth(
  rows: readonly OfficeMonthRow[],
  period: Period,
  currency: ReportViewCurrency,
): MonthTotals[] {
  const out: MonthTotals[] = [];
  for (let m = period.from; m <= period.to; m = addMonths(m, 1)) {
    out.push({ month: m, talksHeld: 0, negotiated: 0, contracted: 0, actualExports: 0 });
  }
  const index = new Map(out.map((r) => [r.month, r]));
  for (const r of rows) {
    const t = index.get(r.month);
    if (!t) continue;
    t.talksHeld += r.talksHeld;
    t.negotiated += inCurrency(r.negotiated, currency);
    t.contracted += inCurrency(r.contracted, currency);
    t.actualExports += inCurrency(r.actualExports, currency);
  }
  return out;
}

/** An office is "behind" when HQ has heard nothing from it for this long. */
export const BEHIND_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export function isBehind(lastPushAt: number | null, now: number): boolean {
  return lastPushAt === null || now - lastPushAt > BEHIND_AFTER_MS;
}
