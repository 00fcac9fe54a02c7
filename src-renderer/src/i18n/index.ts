import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, type Language } from '@shared/i18n/languages';
import { NAMESPACES, resources } from './resources';

export type MissingKeyReporter = (
  languages: readonly string[],
  namespace: string,
  key: string,
) => void;

/**
 * A missing key renders as the raw key: log it as an error so the dev
 * console, the unit tests and the e2e console watcher all catch it. The
 * production build keeps reporting too: it costs nothing when keys exist.
 */
export const reportMissingKey: MissingKeyReporter = (languages, namespace, key) => {
  console.error(`[i18n] missing key "${namespace}:${key}" for ${languages.join(', ')}`);
};

export interface CreateI18nOptions {
  language: Language;
  onMissingKey?: MissingKeyReporter;
}

/** A fresh, initialised i18next instance (one per app; tests make their own). */
export async function createI18n({
  language,
  onMissingKey = reportMissingKey,
}: CreateI18nOptions): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // zh-CN must stay zh-CN: no lookup of 'zh' or 'en' region variants.
    load: 'currentOnly',
    fallbackLng: DEFAULT_LANGUAGE,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    saveMissing: true,
    saveMissingTo: 'current', // report the language the person sees
    missingKeyHandler: (languages, namespace, key) => onMissingKey(languages, namespace, key),
    react: { useSuspense: false },
    initAsync: false,
  });
  return instance;
}
