import { formatDateTime, formatTime, intlLocale } from '@shared/format';
import type { Language } from '@shared/i18n/languages';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago" in the UI language; under a minute reads as "now". */
export function formatRelativeTime(instantMs: number, nowMs: number, language: Language): string {
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  const diff = instantMs - nowMs;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(0, 'second');
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
