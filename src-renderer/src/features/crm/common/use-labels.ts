import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { messengerName } from '@shared/contact/messengers';
import { intlLocale } from '@shared/format';
import {
  BUYER_STATUSES,
  INDUSTRY_CODES,
  MESSENGER_CHANNELS,
  TALK_STAGES,
  type BuyerStatus,
  type IndustryCode,
  type TalkStage,
} from '@shared/crm/codes';
import { useSettings } from '../../../state/settings-context';
import { findOffice, effectiveTimeZone } from '../../../state/settings-store';

/** Messenger names as each market writes them (shared with scheduling). */
export const channelName = messengerName;

/** Translated labels of the fixed CRM code lists and locale-aware names of countries. */
export function useCrmLabels() {
  const { t } = useTranslation('crm');
  const language = useSettings((s) => s.language);
  return useMemo(() => {
    const regions = new Intl.DisplayNames([intlLocale(language)], { type: 'region' });
    const country = (code: string) => {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    };
    return {
      status: (s: BuyerStatus) => t(`status.${s}`),
      industry: (c: IndustryCode) => t(`industry.${c}`),
      stage: (s: TalkStage) => t(`stage.${s}`),
      channel: (c: string) => channelName(c, language),
      country,
      statusOptions: BUYER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
      industryOptions: INDUSTRY_CODES.map((c) => ({ value: c, label: t(`industry.${c}`) })),
      stageOptions: TALK_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })),
      channelOptions: MESSENGER_CHANNELS.map((c) => ({
        value: c,
        label: channelName(c, language),
      })),
    };
  }, [t, language]);
}

/** The office the laptop works for, its zone and the reader's language. */
export function useOfficeContext() {
  const officeId = useSettings((s) => s.officeId);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  const language = useSettings((s) => s.language);
  const office = findOffice(officeId);
  return {
    office,
    officeId: office.id,
    timeZone: effectiveTimeZone({ officeId, timeZoneOverride }),
    language,
  };
}

/** Countries offered in pickers: the offices' countries first, then the rest of the world. */
export const COMMON_COUNTRIES = [
  'JP',
  'CN',
  'VN',
  'US',
  'KR',
  'TW',
  'HK',
  'TH',
  'ID',
  'PH',
  'MY',
  'SG',
  'IN',
  'AU',
  'CA',
  'MX',
  'DE',
  'FR',
  'GB',
  'AE',
];
