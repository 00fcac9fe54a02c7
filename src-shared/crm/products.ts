import type { Language } from '../i18n/languages';

/**
 * Products people name often (the demo data's), with their HS code and their name in each
 * UI language: a product stored under one of these names reads in the reader's language
 * ("Instant noodles" is インスタントラーメン to a Japanese reader). Any other product is
 * shown as typed: it is the office's own wording, not a label.
 */
export interface CatalogProduct {
  readonly hsCode: string;
  readonly names: Readonly<Record<Language, string>>;
}

export const PRODUCT_CATALOG: readonly CatalogProduct[] = [
  {
    hsCode: '030719',
    names: {
      en: 'Frozen oysters',
      ko: '냉동 굴',
      ja: '冷凍カキ',
      'zh-CN': '冷冻牡蛎',
      vi: 'Hàu đông lạnh',
    },
  },
  {
    hsCode: '200590',
    names: { en: 'Kimchi', ko: '김치', ja: 'キムチ', 'zh-CN': '泡菜', vi: 'Kim chi' },
  },
  {
    hsCode: '190230',
    names: {
      en: 'Instant noodles',
      ko: '라면',
      ja: 'インスタントラーメン',
      'zh-CN': '方便面',
      vi: 'Mì ăn liền',
    },
  },
  {
    hsCode: '870830',
    names: {
      en: 'Brake pads',
      ko: '브레이크 패드',
      ja: 'ブレーキパッド',
      'zh-CN': '刹车片',
      vi: 'Má phanh',
    },
  },
  {
    hsCode: '720851',
    names: {
      en: 'Marine steel plate',
      ko: '선박용 후판',
      ja: '船舶用厚板',
      'zh-CN': '船用钢板',
      vi: 'Thép tấm đóng tàu',
    },
  },
  {
    hsCode: '845811',
    names: {
      en: 'CNC lathe',
      ko: 'CNC 선반',
      ja: 'CNC旋盤',
      'zh-CN': '数控车床',
      vi: 'Máy tiện CNC',
    },
  },
  {
    hsCode: '330499',
    names: {
      en: 'Skin cream',
      ko: '스킨 크림',
      ja: 'スキンクリーム',
      'zh-CN': '护肤霜',
      vi: 'Kem dưỡng da',
    },
  },
  {
    hsCode: '850760',
    names: {
      en: 'Lithium battery',
      ko: '리튬 배터리',
      ja: 'リチウム電池',
      'zh-CN': '锂电池',
      vi: 'Pin lithium',
    },
  },
  {
    hsCode: '081010',
    names: { en: 'Strawberries', ko: '딸기', ja: 'いちご', 'zh-CN': '草莓', vi: 'Dâu tây' },
  },
  {
    hsCode: '070960',
    names: { en: 'Paprika', ko: '파프리카', ja: 'パプリカ', 'zh-CN': '甜椒', vi: 'Ớt chuông' },
  },
  { hsCode: '080830', names: { en: 'Pears', ko: '배', ja: '梨', 'zh-CN': '梨', vi: 'Lê' } },
  {
    hsCode: '841360',
    names: {
      en: 'Hydraulic pump',
      ko: '유압 펌프',
      ja: '油圧ポンプ',
      'zh-CN': '液压泵',
      vi: 'Bơm thủy lực',
    },
  },
];

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('en');

/**
 * The catalog product a stored product is: its name is the product's name in one of the
 * five languages, and its HS code (when it has one) is the product's.
 */
export function catalogProduct(p: { name: string; hsCode?: string }): CatalogProduct | undefined {
  const name = fold(p.name);
  return PRODUCT_CATALOG.find(
    (c) =>
      (!p.hsCode || p.hsCode === c.hsCode) && Object.values(c.names).some((n) => fold(n) === name),
  );
}

/** A product's name as the reader reads it: the catalog's in their language, else as typed. */
export function productLabel(p: { name: string; hsCode?: string }, reader: Language): string {
  return catalogProduct(p)?.names[reader] ?? p.name;
}
