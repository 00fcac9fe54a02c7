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

/**
 * How a date picker shows its date, as each language writes one in the app's lists ("Dec 8,
 * 2026", "2026. 12. 8.", "2026/12/08", "2026年12月8日", "08/12/2026"); never ISO 2026-12-08
 * in every language. The first format shows the date; a date typed in any of them is read,
 * ISO always included (antd's picker takes the list).
 */
export function datePickerFormat(language: Language): string[] {
  const iso = 'YYYY-MM-DD';
  switch (language) {
    case 'ko':
      return ['YYYY. M. D.', iso, 'YYYY.M.D', 'YYYY. M. D', 'YYYY/M/D'];
    case 'ja':
      return ['YYYY/MM/DD', iso, 'YYYY/M/D', 'YYYY年M月D日'];
    case 'zh-CN':
      return ['YYYY年M月D日', iso, 'YYYY/M/D', 'YYYY年M月D'];
    case 'vi':
      return ['DD/MM/YYYY', iso, 'D/M/YYYY'];
    case 'en':
      return ['MMM D, YYYY', iso, 'MMM D YYYY', 'D MMM YYYY'];
  }
}
