/**
 * Digit grouping for amounts while they are typed ("127743584" shows as "127,743,584"; in
 * Vietnamese "127.743.584" with a decimal comma). The form keeps the plain decimal string
 * ("127743584.5") that parseDecimalAmount reads exactly, never a float.
 */
import type { Language } from '@shared/i18n/languages';
import { intlLocale } from '@shared/format/locale';

export interface NumberSeparators {
  group: string;
  decimal: string;
}

const cache = new Map<Language, NumberSeparators>();

/** The language's grouping and decimal marks, as Intl writes them. */
export function numberSeparators(language: Language): NumberSeparators {
  let found = cache.get(language);
  if (!found) {
    const parts = new Intl.NumberFormat(intlLocale(language)).formatToParts(12345.6);
    found = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    cache.set(language, found);
  }
  return found;
}

/** Plain decimal string -> what the field shows: grouped integer part, the language's decimal mark. */
export function formatAmountText(value: string | number | undefined, language: Language): string {
  if (value === undefined || value === null || value === '') return '';
  const text = String(value);
  const { group, decimal } = numberSeparators(language);
  const m = /^(-?)(\d*)(\.?)(\d*)$/.exec(text);
  if (!m) return text;
  const [, sign, int, point, fraction] = m;
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${point ? decimal : ''}${fraction}`;
}

/** What the person typed -> plain decimal string: marks of grouping dropped, decimal mark a dot. */
export function parseAmountText(text: string | undefined, language: Language): string {
  if (!text) return '';
  const { group, decimal } = numberSeparators(language);
  let plain = '';
  for (const ch of text.normalize('NFKC')) {
    if (ch >= '0' && ch <= '9') plain += ch;
    else if (ch === decimal) plain += '.';
    else if (ch === '-' && plain === '') plain += ch;
    // The group mark, spaces and anything else are dropped.
    else if (ch !== group) continue;
  }
  // Only the first decimal mark counts.
  const dot = plain.indexOf('.');
  return dot < 0 ? plain : plain.slice(0, dot + 1) + plain.slice(dot + 1).replace(/\./g, '');
}
