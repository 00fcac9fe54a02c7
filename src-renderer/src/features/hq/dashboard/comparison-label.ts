import type { TFunction } from 'i18next';
import type { Language } from '@shared/i18n/languages';
import { monthSpan, type HeadlineResponse } from '@shared/reports/api';
import { formatMonth, formatMonthRange, isPartialPeriod } from './report-model';

/**
 * What the figures compare, in words: "Sep – Nov 2026 (3 full months), compared with the
 * 3 months before (Jun – Aug 2026)", or, when the period runs into the current month, that
 * this month is not over and the change is therefore not like for like.
 */
export function comparisonLabel(
  h: Pick<HeadlineResponse, 'period' | 'previousPeriod'>,
  now: number,
  timeZone: string,
  language: Language,
  t: TFunction<'hq'>,
): string {
  // The sentence starts with the period: "tháng 9 – tháng 11" must read "Tháng 9 – …".
  const period = capitalize(formatMonthRange(h.period, language), language);
  const previous = formatMonthRange(h.previousPeriod, language);
  const count = monthSpan(h.period.from, h.period.to);
  if (isPartialPeriod(h.period, now, timeZone)) {
    return t('dashboard.comparingPartial', {
      period,
      previous,
      month: formatMonth(h.period.to, language),
    });
  }
  return t('dashboard.comparingFull', { count, period, previous });
}

/** The first letter in upper case (a sentence that starts with a month: 'Tháng 12 năm 2026 …'). */
export function capitalize(text: string, language: Language): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}
