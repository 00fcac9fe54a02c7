import { intlLocale } from '@shared/format/locale';
import type { Language } from '@shared/i18n/languages';
import type { NameScript } from '@shared/bookings';

/**
 * What people read instead of internal values: language names for "ko-ja",
 * a date range for "2026-W50", a zone's name for "Asia/Ho_Chi_Minh". All from the runtime's CLDR data (Intl), in the
 * reader's language; nothing here is a translation file.
 */

const displayNames = new Map<string, Intl.DisplayNames>();
function names(language: Language, type: 'language'): Intl.DisplayNames {
  const key = `${language}|${type}`;
  let dn = displayNames.get(key);
  if (!dn) {
    dn = new Intl.DisplayNames(intlLocale(language), { type, fallback: 'code' });
    displayNames.set(key, dn);
  }
  return dn;
}

/** One code of a pair ("zh", "ko", "pt-BR") as a language name; the code itself if unknown. */
function languageName(code: string, reader: Language): string {
  try {
    return names(reader, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

/** Splits "ko-ja", "ko-zh-CN", "zh-CN-ko" into its two language codes. */
export function splitLanguagePair(pair: string): [string, string] | null {
  const match = /^([a-z]{2,3}(?:-[A-Z]{2})?)-([a-z]{2,3}(?:-[A-Z]{2})?)$/.exec(pair);
  return match ? [match[1]!, match[2]!] : null;
}

/** "ko-ja" -> "Korean ↔ Japanese" (ja: "韓国語 ↔ 日本語"). */
export function languagePairLabel(pair: string, reader: Language): string {
  const parts = splitLanguagePair(pair);
  if (!parts) return pair;
  return `${languageName(parts[0], reader)} ↔ ${languageName(parts[1], reader)}`;
}

/** Languages offered in the interpreter form's pair picker (each paired with Korean and English). */
const PAIR_LANGUAGES = ['ja', 'zh', 'vi', 'en', 'ru', 'mn', 'th', 'id', 'fr', 'de', 'es'];

/**
 * The pairs the interpreter form offers, shown in words: Korean with each language, then
 * English with each; pairs already saved on the interpreter (even unusual ones) stay listed
 * so nobody has to type a code like "ko-ja".
 */
export function languagePairChoices(saved: readonly string[] = []): string[] {
  const choices = [
    ...PAIR_LANGUAGES.map((code) => `ko-${code}`),
    ...PAIR_LANGUAGES.filter((code) => code !== 'en').map((code) => `en-${code}`),
  ];
  for (const pair of saved) if (!choices.includes(pair)) choices.push(pair);
  return choices;
}

/**
 * A stretch of local dates as the reader writes it: "December 7 – 13, 2026",
 * "2026/12/07～2026/12/13" (year first: unambiguous). `end` is exclusive (the first instant after).
 */
export function dateRangeLabel(start: number, end: number, zone: string, reader: Language): string {
  const format = new Intl.DateTimeFormat(intlLocale(reader), {
    timeZone: zone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  return format.formatRange(start, Math.max(start, end - 1));
}

/** A calendar month: "December 2026", "2026年12月". */
export function monthLabel(at: number, zone: string, reader: Language): string {
  return new Intl.DateTimeFormat(intlLocale(reader), {
    timeZone: zone,
    year: 'numeric',
    month: 'long',
  }).format(at);
}

/** The script new people's names are typed in at an office: its local language's. */
/**
 * The pair a new interpreter most likely has at an office: the office's language with
 * Korean (Korean ↔ Japanese in Tokyo, Korean ↔ Vietnamese in Ho Chi Minh City); none at
 * HQ, where Korean is the office's own language.
 */
export function officeLanguagePair(localLanguage: Language): string | null {
  switch (localLanguage) {
    case 'ko':
      return null;
    case 'zh-CN':
      return 'ko-zh';
    default:
      return `ko-${localLanguage}`;
  }
}

export function officeScript(localLanguage: Language): NameScript {
  switch (localLanguage) {
    case 'ko':
      return 'hangul';
    case 'ja':
      return 'japanese';
    case 'zh-CN':
      return 'chinese';
    default:
      return 'latin';
  }
}
