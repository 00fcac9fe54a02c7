import { GlobalOutlined } from '@ant-design/icons';
import { App, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, SUPPORTED_LANGUAGES, type Language } from '@shared/i18n/languages';
import { useSettings } from '../state/settings-context';
import { errorMessageKey } from '../i18n/error-message';

/** Languages by autonym, each tagged with its own lang so it renders in its script's font. */
export const LANGUAGE_OPTIONS = SUPPORTED_LANGUAGES.map((code) => ({
  value: code,
  label: LANGUAGE_AUTONYMS[code],
}));

export function LanguageSwitcher() {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const language = useSettings((s) => s.language);
  const setLanguage = useSettings((s) => s.setLanguage);

  return (
    <Select<Language>
      data-testid="language-switcher"
      aria-label={t('languageSwitcher')}
      className="bh-language-switcher"
      variant="filled"
      prefix={<GlobalOutlined aria-hidden />}
      value={language}
      options={LANGUAGE_OPTIONS}
      popupMatchSelectWidth={false}
      labelRender={({ value, label }) => <span lang={String(value)}>{label}</span>}
      optionRender={({ value, label }) => (
        <span lang={String(value)} data-testid={`language-option-${String(value)}`}>
          {label}
        </span>
      )}
      onChange={(next) => {
        // Toasts shown so far speak the language being left.
        message.destroy();
        setLanguage(next).catch((error: unknown) => message.error(t(errorMessageKey(error))));
      }}
    />
  );
}
