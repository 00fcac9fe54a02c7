import type { Language } from '../i18n/languages';
import { cachedNumberFormat } from './cache';
import { FormatError } from './errors';
import { intlLocale } from './locale';

function assertFinite(value: number): void {
  if (!Number.isFinite(value)) {
    throw new FormatError('format.invalid_amount', `not a finite number: ${value}`);
  }
}

export function formatNumber(
  value: number,
  language: Language,
  options: { maximumFractionDigits?: number; minimumFractionDigits?: number } = {},
): string {
  assertFinite(value);
  return cachedNumberFormat(intlLocale(language), options).format(value);
}

/** Short magnitudes for dashboards: ko 1274만, ja/zh 1274万, vi 13 Tr, en 13M. */
export function formatCompact(value: number, language: Language): string {
  assertFinite(value);
  return cachedNumberFormat(intlLocale(language), { notation: 'compact' }).format(value);
}
