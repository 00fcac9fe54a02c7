import type { i18n as I18n } from 'i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@shared/i18n/languages';
import { getBridge } from '../platform/bridge';
import { applyDayjsLocale } from './antd-locales';

/**
 * Everything outside React that follows the UI language:
 * - <html lang>: without it Chromium draws Chinese Han characters with
 *   Japanese glyph forms, and screen readers pick the wrong voice;
 * - dayjs (antd pickers);
 * - the native menu, through the preload bridge when there is one.
 */
export function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  applyDayjsLocale(language);
  const bridge = getBridge();
  if (bridge) {
    bridge.setLanguage(language).catch((error: unknown) => {
      console.warn('[i18n] the native menu did not follow the language', error);
    });
  }
}

/** Applies the current language now and on every change; returns an unsubscribe. */
export function bindLanguageEffects(i18n: I18n): () => void {
  const onChange = (lng: string) => applyLanguage(isLanguage(lng) ? lng : DEFAULT_LANGUAGE);
  onChange(i18n.language);
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
}
