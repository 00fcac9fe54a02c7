/**
 * The five UI languages. Each person picks one, independent of the office's
 * own language. The order is the order shown in the language switcher.
 */
export const SUPPORTED_LANGUAGES = ['ko', 'ja', 'zh-CN', 'vi', 'en'] as const;

export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's name in its own script, for the switcher. */
export const LANGUAGE_AUTONYMS: Readonly<Record<Language, string>> = {
  ko: '한국어',
  ja: '日本語',
  'zh-CN': '简体中文',
  vi: 'Tiếng Việt',
  en: 'English',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the best supported language for a list of BCP 47 tags in order of
 * preference (navigator.languages, or the OS locale from the main process).
 * Any Chinese tag maps to zh-CN, the only Chinese the offices use.
 */
export function resolveLanguage(candidates: readonly string[]): Language {
  for (const raw of candidates) {
    const tag = raw.trim().replace(/_/g, '-').toLowerCase();
    if (!tag) continue;
    const exact = SUPPORTED_LANGUAGES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const primary = tag.split('-')[0];
    if (primary === 'zh') return 'zh-CN';
    const byPrimary = SUPPORTED_LANGUAGES.find((l) => l.toLowerCase() === primary);
    if (byPrimary) return byPrimary;
  }
  return DEFAULT_LANGUAGE;
}
