import type { Language } from '../i18n/languages';
import type { NameScript } from './codes';
import { detectNameScript, readsScript } from './names';

/**
 * Cities as a reader can read them (issue 16): a buyer's city is stored as the office writes
 * it (東京都千代田区, 上海市浦东新区, 창원시), which a Vietnamese or Korean reader cannot
 * read. Readers of another script see the Latin form where one is known (the demo's places
 * and the main cities of our offices' countries), with the stored form kept for a tooltip,
 * as buyer names show their Latin form next to the native one. Latin-script cities (Bình
 * Dương, Los Angeles) are readable by everyone and shown as stored.
 */
const CITY_LATIN: Readonly<Record<string, string>> = {
  // Japan
  東京都: 'Tokyo',
  東京都千代田区: 'Chiyoda, Tokyo',
  東京都品川区: 'Shinagawa, Tokyo',
  東京都港区: 'Minato, Tokyo',
  東京都中央区: 'Chuo, Tokyo',
  東京都新宿区: 'Shinjuku, Tokyo',
  東京都江東区: 'Koto, Tokyo',
  東京都大田区: 'Ota, Tokyo',
  横浜市: 'Yokohama',
  川崎市: 'Kawasaki',
  千葉市: 'Chiba',
  さいたま市: 'Saitama',
  下関市: 'Shimonoseki',
  宇部市: 'Ube',
  山口市: 'Yamaguchi',
  周南市: 'Shunan',
  北九州市: 'Kitakyushu',
  福岡市: 'Fukuoka',
  大阪市: 'Osaka',
  名古屋市: 'Nagoya',
  京都市: 'Kyoto',
  神戸市: 'Kobe',
  広島市: 'Hiroshima',
  札幌市: 'Sapporo',
  // The other prefectural capitals: kanji have several readings, so no library can romanize
  // them reliably; these are the cities buyers most often give.
  青森市: 'Aomori',
  盛岡市: 'Morioka',
  仙台市: 'Sendai',
  秋田市: 'Akita',
  山形市: 'Yamagata',
  福島市: 'Fukushima',
  水戸市: 'Mito',
  宇都宮市: 'Utsunomiya',
  前橋市: 'Maebashi',
  新潟市: 'Niigata',
  富山市: 'Toyama',
  金沢市: 'Kanazawa',
  福井市: 'Fukui',
  甲府市: 'Kofu',
  長野市: 'Nagano',
  岐阜市: 'Gifu',
  静岡市: 'Shizuoka',
  津市: 'Tsu',
  大津市: 'Otsu',
  奈良市: 'Nara',
  和歌山市: 'Wakayama',
  鳥取市: 'Tottori',
  松江市: 'Matsue',
  岡山市: 'Okayama',
  徳島市: 'Tokushima',
  高松市: 'Takamatsu',
  松山市: 'Matsuyama',
  高知市: 'Kochi',
  佐賀市: 'Saga',
  長崎市: 'Nagasaki',
  熊本市: 'Kumamoto',
  大分市: 'Oita',
  宮崎市: 'Miyazaki',
  鹿児島市: 'Kagoshima',
  那覇市: 'Naha',
  浜松市: 'Hamamatsu',
  堺市: 'Sakai',
  相模原市: 'Sagamihara',
  // China
  上海市: 'Shanghai',
  上海市浦东新区: 'Pudong, Shanghai',
  苏州市: 'Suzhou',
  杭州市: 'Hangzhou',
  宁波市: 'Ningbo',
  无锡市: 'Wuxi',
  成都市: 'Chengdu',
  绵阳市: 'Mianyang',
  德阳市: 'Deyang',
  重庆市: 'Chongqing',
  乐山市: 'Leshan',
  青岛市: 'Qingdao',
  济南市: 'Jinan',
  烟台市: 'Yantai',
  潍坊市: 'Weifang',
  威海市: 'Weihai',
  北京市: 'Beijing',
  广州市: 'Guangzhou',
  深圳市: 'Shenzhen',
  天津市: 'Tianjin',
  // Korea
  창원시: 'Changwon',
  김해시: 'Gimhae',
  진주시: 'Jinju',
  통영시: 'Tongyeong',
  거제시: 'Geoje',
  서울: 'Seoul',
  서울특별시: 'Seoul',
  부산: 'Busan',
  부산광역시: 'Busan',
};

/** The script each UI language reads names in. */
const READER_SCRIPT: Readonly<Record<Language, NameScript>> = {
  ko: 'ko',
  ja: 'ja',
  'zh-CN': 'zh',
  vi: 'vi',
  en: 'latin',
};

export interface CityForReader {
  /** What to show. */
  text: string;
  /** The city as stored, when `text` is another form of it (for a tooltip). */
  stored?: string;
  /**
   * The Latin form, to show beside `text` (small), when `text` is in a script the reader
   * reads but not their own (川崎市 to a Korean reader: "川崎市 (Kawasaki)").
   */
  beside?: string;
  /** With `beside`: the script of `text` (for its `lang`). */
  script?: NameScript;
  /**
   * Set when `text` is the stored form in a script the reader may not read (a city not in
   * the table): its script, for the `lang` that picks its glyphs and for `romanizeCity`.
   */
  foreign?: NameScript;
}

/**
 * `city` (as stored for a buyer in `country`) as a reader of `reader` can read it, by the
 * rule names follow (`readsScript`): as stored to a reader of its script (Han to Japanese,
 * Chinese and Korean readers alike, the Latin form beside where the table has one), else
 * its Latin form.
 */
export function cityForReader(city: string, country: string, reader: Language): CityForReader {
  const text = city.trim();
  if (!text) return { text: '' };
  const script = detectNameScript(text, country === 'JP' ? 'ja' : 'zh');
  if (script === 'latin' || script === 'vi' || script === READER_SCRIPT[reader]) return { text };
  const latin = CITY_LATIN[text.normalize('NFKC')];
  if (readsScript(reader, script)) return latin ? { text, beside: latin, script } : { text };
  return latin ? { text: latin, stored: text } : { text, foreign: script };
}
