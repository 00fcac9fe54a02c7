import type { Language } from '@shared/i18n/languages';

/**
 * How a month picker shows its month, as each language writes one: "2026년 9월", "2026年9月",
 * "Tháng 9/2026", "Sep 2026"; never "2026-09" (antd's default). The same string parses what
 * is typed. English month names come from dayjs's built-in English locale.
 */
export function monthPickerFormat(language: Language): string {
  switch (language) {
    case 'ko':
      return 'YYYY년 M월';
    case 'ja':
    case 'zh-CN':
      return 'YYYY年M月';
    case 'vi':
      return '[Tháng] M/YYYY';
    case 'en':
      return 'MMM YYYY';
  }
}
