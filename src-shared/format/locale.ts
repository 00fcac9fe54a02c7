import type { Language } from '../i18n/languages';

/**
 * The full BCP 47 locale each UI language formats with. The region matters:
 * it picks the digit grouping, the currency symbol (￥ in ja-JP, ¥ in zh-CN)
 * and the default date order.
 */
const INTL_LOCALES: Readonly<Record<Language, string>> = {
  ko: 'ko-KR',
  ja: 'ja-JP',
  'zh-CN': 'zh-CN',
  vi: 'vi-VN',
  en: 'en-US',
};

export function intlLocale(language: Language): string {
  return INTL_LOCALES[language];
}
