import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import jaJP from 'antd/es/locale/ja_JP';
import koKR from 'antd/es/locale/ko_KR';
import viVN from 'antd/es/locale/vi_VN';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/ja';
import 'dayjs/locale/ko';
import 'dayjs/locale/vi';
import 'dayjs/locale/zh-cn';
import type { Language } from '@shared/i18n/languages';

/** antd's built-in strings (pagination, pickers, empty states) per UI language. */
export const ANTD_LOCALES: Readonly<Record<Language, Locale>> = {
  ko: koKR,
  ja: jaJP,
  'zh-CN': zhCN,
  vi: viVN,
  en: enUS,
};

const DAYJS_LOCALES: Readonly<Record<Language, string>> = {
  ko: 'ko',
  ja: 'ja',
  'zh-CN': 'zh-cn',
  vi: 'vi',
  en: 'en',
};

/** antd's date pickers format through dayjs' global locale. */
export function applyDayjsLocale(language: Language): void {
  dayjs.locale(DAYJS_LOCALES[language]);
}
