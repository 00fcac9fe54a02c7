import { createInstance } from 'i18next';
import type { i18n as I18n } from 'i18next';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import type { Language } from '@shared/i18n/languages';
import en from '@locales/en/menu.json';
import ja from '@locales/ja/menu.json';
import ko from '@locales/ko/menu.json';
import vi from '@locales/vi/menu.json';
import zhCN from '@locales/zh-CN/menu.json';

/** Main only translates the native menu: the `menu` namespace, bundled statically. */
export const MENU_RESOURCES = {
  ko: { menu: ko },
  ja: { menu: ja },
  'zh-CN': { menu: zhCN },
  vi: { menu: vi },
  en: { menu: en },
} as const satisfies Record<Language, { menu: unknown }>;

export function createMainI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const instance = createInstance();
  void instance.init({
    resources: MENU_RESOURCES,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // Keep 'zh-CN' as is: no lowercasing, no 'zh' fallback lookup.
    load: 'currentOnly',
    ns: ['menu'],
    defaultNS: 'menu',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
