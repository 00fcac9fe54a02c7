import { formatDateTime, formatTime, intlLocale } from '@shared/format';
import type { Language } from '@shared/i18n/languages';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * A relative time as Japanese and Chinese write it: ICU's ja data puts a space between the
 * number and its counter ("24 時間後"), which Japanese text does not ("24時間後").
 */
export function relativeText(
  rtf: Intl.RelativeTimeFormat,
  value: number,
  unit: Intl.RelativeTimeFormatUnit,
  language: Language,
): string {
  const text = rtf.format(value, unit);
  return language === 'ja' || language === 'zh-CN'
    ? text.replace(/(?<=\d) (?=[\u3040-\u30ff\u3400-\u9fff])/g, '')
    : text;
}

/** "3 minutes ago" in the UI language; under a minute reads as "now". */
export function formatRelativeTime(instantMs: number, nowMs: number, language: Language): string {
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  const diff = instantMs - nowMs;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relativeText(rtf, Math.round(diff / size), unit, language);
  }
  return relativeText(rtf, 0, 'second', language);
}

/**
 * The moment something began, as short as is unambiguous: the time ("14:05") when it was
 * within the last 12 hours, else the date and time. Shown in the office (or chosen) zone.
 */
export function formatSince(
  instantMs: number,
  nowMs: number,
  timeZone: string,
  language: Language,
): string {
  return nowMs - instantMs < 12 * 3_600_000
    ? formatTime(instantMs, timeZone, language)
    : formatDateTime(instantMs, timeZone, language);
}
