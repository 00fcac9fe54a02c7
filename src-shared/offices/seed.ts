import type { Language } from '../i18n/languages';

/** ISO 4217 codes the offices work in. */
export type CurrencyCode = 'KRW' | 'JPY' | 'CNY' | 'VND' | 'USD';

export interface Office {
  /** Stable id, never shown; HQ may add offices later. */
  readonly id: string;
  readonly kind: 'overseas' | 'hq';
  readonly country: string; // ISO 3166-1 alpha-2
  readonly timeZone: string; // IANA
  readonly currency: CurrencyCode;
  readonly localLanguage: Language;
  /** The office's name in each UI language: offices are data, not locale keys. */
  readonly names: Readonly<Record<Language, string>>;
}

/**
 * The offices of the brief. Seeded on first run and on the HQ server; HQ can
 * add more, so no code may switch on these ids.
 */
export const SEED_OFFICES: readonly Office[] = [
  {
    id: 'shimonoseki',
    kind: 'overseas',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    currency: 'JPY',
    localLanguage: 'ja',
    names: {
      ko: '시모노세키 사무소',
      ja: '下関事務所',
      'zh-CN': '下关办事处',
      vi: 'Văn phòng Shimonoseki',
      en: 'Shimonoseki Office',
    },
  },
  {
    id: 'tokyo',
    kind: 'overseas',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    currency: 'JPY',
    localLanguage: 'ja',
    names: {
      ko: '도쿄 사무소',
      ja: '東京事務所',
      'zh-CN': '东京办事处',
      vi: 'Văn phòng Tokyo',
      en: 'Tokyo Office',
    },
  },
  {
    id: 'shanghai',
    kind: 'overseas',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    currency: 'CNY',
    localLanguage: 'zh-CN',
    names: {
      ko: '상하이 사무소',
      ja: '上海事務所',
      'zh-CN': '上海办事处',
      vi: 'Văn phòng Thượng Hải',
      en: 'Shanghai Office',
    },
  },
  {
    id: 'chengdu',
    kind: 'overseas',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    currency: 'CNY',
    localLanguage: 'zh-CN',
    names: {
      ko: '청두 사무소',
      ja: '成都事務所',
      'zh-CN': '成都办事处',
      vi: 'Văn phòng Thành Đô',
      en: 'Chengdu Office',
    },
  },
  {
    id: 'shandong',
    kind: 'overseas',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    currency: 'CNY',
    localLanguage: 'zh-CN',
    names: {
      ko: '산둥 사무소',
      ja: '山東事務所',
      'zh-CN': '山东办事处',
      vi: 'Văn phòng Sơn Đông',
      en: 'Shandong Office',
    },
  },
  {
    id: 'hochiminh',
    kind: 'overseas',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
    currency: 'VND',
    localLanguage: 'vi',
    names: {
      ko: '호찌민 사무소',
      ja: 'ホーチミン事務所',
      'zh-CN': '胡志明市办事处',
      vi: 'Văn phòng TP. Hồ Chí Minh',
      en: 'Ho Chi Minh City Office',
    },
  },
  {
    id: 'losangeles',
    kind: 'overseas',
    country: 'US',
    timeZone: 'America/Los_Angeles',
    currency: 'USD',
    localLanguage: 'en',
    names: {
      ko: '로스앤젤레스 사무소',
      ja: 'ロサンゼルス事務所',
      'zh-CN': '洛杉矶办事处',
      vi: 'Văn phòng Los Angeles',
      en: 'Los Angeles Office',
    },
  },
  {
    id: 'hq',
    kind: 'hq',
    country: 'KR',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    localLanguage: 'ko',
    names: {
      ko: '도청 본청 (창원)',
      ja: '道庁本庁（昌原）',
      'zh-CN': '道厅总部（昌原）',
      vi: 'Trụ sở chính (Changwon)',
      en: 'HQ (Changwon)',
    },
  },
];
