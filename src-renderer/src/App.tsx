import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import type { i18n as I18n } from 'i18next';
import { useEffect, useLayoutEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ANTD_LOCALES } from './i18n/antd-locales';
import { bindLanguageEffects } from './i18n/language-effects';
import { createAppRouter } from './routes';
import { SettingsStoreProvider, useSettings } from './state/settings-context';
import type { SettingsStore } from './state/settings-store';
import { StorageStatusContext } from './state/storage-status';
import { DatabaseProvider } from './data/database-context';
import type { BridgeheadDatabase } from './data/db';
import { LockGate } from './features/lock';
import { LanguageSwitcher } from './layout/LanguageSwitcher';

/** The header's height. */
const HEADER_HEIGHT = 56;

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorBgLayout: '#f3f5f8',
    borderRadius: 6,
    // antd's default error red (#ff4d4f) is 3.2:1 on white: danger buttons such as "Unlink this
    // laptop" and error texts failed WCAG AA. This red is 5.6:1 (axe color-contrast).
    colorError: '#cf1322',
    // antd's default secondary text (45 % black) fails WCAG AA contrast on white.
    colorTextDescription: '#5b6472',
    colorTextTertiary: '#5b6472',
    // A placeholder ("Choose an interpreter") is read too: antd's 25 % black is 1.9:1 on
    // white (axe color-contrast); this grey is 4.8:1, still lighter than a value.
    colorTextPlaceholder: '#6b7280',
    // Per-language stacks live in styles.css (:lang selectors); antd inherits them.
    fontFamily: 'var(--bh-font-sans)',
    // No animations: an office tool should answer at once, and screenshots
    // must not catch a menu halfway through a transition.
    motion: false,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      siderBg: '#ffffff',
      headerHeight: HEADER_HEIGHT,
      headerPadding: '0 20px',
    },
    Menu: {
      itemBorderRadius: 6,
      itemMarginInline: 8,
      activeBarBorderWidth: 0,
      itemSelectedBg: '#e6effa',
      itemSelectedColor: '#1a4f8c',
    },
  },
};

export interface AppProps {
  i18n: I18n;
  db: BridgeheadDatabase;
  store: SettingsStore;
  /** false when IndexedDB could not be opened: the app still runs, unsaved. */
  storageAvailable?: boolean;
  /** Tests pass a memory router; the app uses hash routing. */
  router?: ReturnType<typeof createAppRouter>;
}

export function App({ i18n, db, store, storageAvailable = true, router }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <DatabaseProvider db={db}>
        <SettingsStoreProvider store={store}>
          <StorageStatusContext.Provider value={storageAvailable}>
            <LocalizedApp i18n={i18n} router={router} />
          </StorageStatusContext.Provider>
        </SettingsStoreProvider>
      </DatabaseProvider>
    </I18nextProvider>
  );
}

function LocalizedApp({ i18n, router }: Pick<AppProps, 'i18n' | 'router'>) {
  const language = useSettings((s) => s.language);
  const [appRouter] = useState(() => router ?? createAppRouter());

  useEffect(() => bindLanguageEffects(i18n), [i18n]);

  // The settings store is the source of truth; i18next follows it before paint.
  useLayoutEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);

  return (
    // autoInsertSpace off: antd puts a space between two CJK characters ("保 存", "今 日").
    <ConfigProvider
      locale={ANTD_LOCALES[language]}
      theme={appTheme}
      button={{ autoInsertSpace: false }}
    >
      {/* Toasts open at the foot of the window (styles.css): on the header they hid the
          office's name, just below it the screen's title. */}
      <AntApp>
        {/* Locked, the lock screen replaces the whole app (its screens unmount). */}
        <LockGate toolbar={<LanguageSwitcher />}>
          <RouterProvider router={appRouter} />
        </LockGate>
      </AntApp>
    </ConfigProvider>
  );
}
