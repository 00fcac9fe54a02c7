import { Result } from 'antd';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { DataKeyRefusal } from '../data/encryption/key-source';

function Refusal({ refusal }: { refusal: DataKeyRefusal }) {
  const { t } = useTranslation('errors');
  return (
    <main>
      <Result status="warning" title={t('data_key.title')} subTitle={t(`data_key.${refusal}`)} />
    </main>
  );
}

/**
 * Shown instead of the app where personal data cannot be kept encrypted (issue 14): no
 * database is opened, nothing is read or changed.
 */
export function DataKeyRefusedScreen({ i18n, refusal }: { i18n: I18n; refusal: DataKeyRefusal }) {
  return (
    <I18nextProvider i18n={i18n}>
      <Refusal refusal={refusal} />
    </I18nextProvider>
  );
}
