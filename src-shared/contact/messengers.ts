import type { Language } from '../i18n/languages';

/**
 * The messengers people are reached on, one list for every record that
 * stores them (CRM contacts, interpreters, drivers). The spelling is the
 * stored code and the brand's own Latin name; CRM data set it first.
 */
export const MESSENGER_CHANNELS = [
  'LINE',
  'WeChat',
  'Zalo',
  'WhatsApp',
  'KakaoTalk',
  'WeCom',
  'Telegram',
] as const;
export type MessengerChannel = (typeof MESSENGER_CHANNELS)[number];

/**
 * Messenger names are brands: shown as the brand writes itself in each
 * market (微信 in Chinese, 카카오톡 in Korean), otherwise as is.
 */
const LOCAL_MESSENGER_NAMES: Partial<Record<Language, Partial<Record<string, string>>>> = {
  'zh-CN': { WeChat: '微信', WeCom: '企业微信' },
  ko: { KakaoTalk: '카카오톡', WeChat: '위챗', WeCom: '위컴' },
  ja: { LINE: 'LINE', WeChat: 'WeChat', KakaoTalk: 'カカオトーク' },
};

/** The name a reader of `language` knows the messenger by. */
export function messengerName(channel: string, language: Language): string {
  return LOCAL_MESSENGER_NAMES[language]?.[channel] ?? channel;
}
