import { romanize } from 'es-hangul';
import { pinyin } from 'pinyin-pro';
import { SEED_OFFICES, type Office } from '../offices/seed';
import { DEFAULT_FX_RATES, type CurrencyCode, type FxRateTable } from '../money';
import {
  INDUSTRY_CODES,
  TALK_STAGES,
  type IndustryCode,
  type NameScript,
  type TalkStage,
} from './codes';
import type { BuyerCompany, Contact, SmeFirm, TradeTalk } from './schemas';
import { stampTalkAmount } from './talk-amounts';
import { PRODUCT_CATALOG } from './products';
import { seededRandom } from '../random/seeded';

export { seededRandom };

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const digits = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

// [native, katakana reading, Latin]
const JA_FAMILY = [
  ['佐藤', 'サトウ', 'Sato'],
  ['鈴木', 'スズキ', 'Suzuki'],
  ['高橋', 'タカハシ', 'Takahashi'],
  ['田中', 'タナカ', 'Tanaka'],
  ['伊藤', 'イトウ', 'Ito'],
  ['渡辺', 'ワタナベ', 'Watanabe'],
  ['山本', 'ヤマモト', 'Yamamoto'],
  ['中村', 'ナカムラ', 'Nakamura'],
  ['小林', 'コバヤシ', 'Kobayashi'],
  ['加藤', 'カトウ', 'Kato'],
  ['吉田', 'ヨシダ', 'Yoshida'],
  ['山田', 'ヤマダ', 'Yamada'],
  ['佐々木', 'ササキ', 'Sasaki'],
  ['山口', 'ヤマグチ', 'Yamaguchi'],
  ['松本', 'マツモト', 'Matsumoto'],
  ['井上', 'イノウエ', 'Inoue'],
  ['木村', 'キムラ', 'Kimura'],
  ['林', 'ハヤシ', 'Hayashi'],
  ['清水', 'シミズ', 'Shimizu'],
  ['藤田', 'フジタ', 'Fujita'],
] as const;
const JA_GIVEN = [
  ['太郎', 'タロウ', 'Taro'],
  ['花子', 'ハナコ', 'Hanako'],
  ['健太', 'ケンタ', 'Kenta'],
  ['美咲', 'ミサキ', 'Misaki'],
  ['翔太', 'ショウタ', 'Shota'],
  ['陽子', 'ヨウコ', 'Yoko'],
  ['大輔', 'ダイスケ', 'Daisuke'],
  ['直樹', 'ナオキ', 'Naoki'],
  ['由美', 'ユミ', 'Yumi'],
  ['誠', 'マコト', 'Makoto'],
  ['恵', 'メグミ', 'Megumi'],
  ['浩二', 'コウジ', 'Koji'],
  ['さくら', 'サクラ', 'Sakura'],
  ['ひろし', 'ヒロシ', 'Hiroshi'],
] as const;
const JA_SUFFIX = [
  ['商事', 'ショウジ', 'Shoji'],
  ['物産', 'ブッサン', 'Bussan'],
  ['食品', 'ショクヒン', 'Foods'],
  ['工業', 'コウギョウ', 'Kogyo'],
  ['貿易', 'ボウエキ', 'Trading'],
  ['水産', 'スイサン', 'Suisan'],
  ['産業', 'サンギョウ', 'Sangyo'],
  ['電機', 'デンキ', 'Denki'],
] as const;

const ZH_FAMILY = [
  '王',
  '张',
  '李',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '曾',
  '罗',
];
const ZH_GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '志强',
  '海燕',
  '晓明',
];
const ZH_WORD = [
  '华鑫',
  '宏盛',
  '恒泰',
  '瑞丰',
  '金龙',
  '天成',
  '永安',
  '鼎信',
  '德盛',
  '鸿运',
  '嘉禾',
  '新力',
];
const ZH_TRADE = ['贸易', '食品', '机械', '电子', '化妆品', '汽车配件', '进出口', '实业'];

const VI_FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đoàn',
];
const VI_MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Đức', 'Ngọc', 'Quốc'];
const VI_GIVEN = [
  'Dũng',
  'Mai',
  'Hùng',
  'Lan',
  'Anh',
  'Tuấn',
  'Hương',
  'Hải',
  'Linh',
  'Phương',
  'Thảo',
  'Quang',
  'Đạt',
  'Trang',
  'Sơn',
  'Khoa',
];
const VI_WORD = [
  'Thành Đạt',
  'Phú Thịnh',
  'Hoàng Gia',
  'Tân Phát',
  'Minh Long',
  'Đại Việt',
  'Sài Gòn',
  'Phương Nam',
  'An Khang',
  'Hưng Thịnh',
];
const VI_TRADE = [
  ['Thực phẩm', 'Food'],
  ['Xuất nhập khẩu', 'Import Export'],
  ['Thương mại', 'Trading'],
  ['Cơ khí', 'Mechanical'],
  ['Nông sản', 'Agro'],
  ['Mỹ phẩm', 'Cosmetics'],
] as const;

const EN_GIVEN = [
  'John',
  'Mary',
  'Michael',
  'Jennifer',
  'David',
  'Linda',
  'James',
  'Patricia',
  'Robert',
  'Susan',
  'Daniel',
  'Emily',
  'Jose',
  'Maria',
  'Kevin',
  'Grace',
];
const EN_FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Lee',
  'Kim',
  'Chen',
  'Park',
  'Anderson',
  'Taylor',
];
const EN_NOUN = [
  'Trading',
  'Foods',
  'Imports',
  'Industries',
  'Supply',
  'Distribution',
  'Marine',
  'Motors',
  'Pacific',
  'Harbor',
];
const EN_FORM = ['Inc.', 'LLC', 'Corp.', 'Co.'];

const KO_FAMILY = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const KO_GIVEN = ['철수', '영희', '민수', '지훈', '서연', '현우', '수진', '동현', '은지', '상훈'];
const KO_WORD = [
  '경남',
  '창원',
  '진주',
  '김해',
  '통영',
  '거제',
  '한빛',
  '대한',
  '새한',
  '동양',
  '삼한',
  '미래',
];
const KO_TRADE: readonly [string, IndustryCode][] = [
  ['정밀', 'machinery'],
  ['식품', 'processed_food'],
  ['수산', 'fishery_products'],
  ['중공업', 'shipbuilding_material'],
  ['화장품', 'cosmetics'],
  ['전자', 'electronics'],
  ['기계', 'machinery'],
  ['농산', 'farm_produce'],
  ['오토텍', 'auto_parts'],
];

const PRODUCTS: readonly [string, string][] = PRODUCT_CATALOG.map((p) => [p.names.en, p.hsCode]);

/**
 * Where an office's buyers are: each office has its own region, and a company
 * named after a place is in that place (no Chengdu firm in Shanghai).
 * [short name used in company names, katakana/pinyin reading or '', Latin, city field]
 */
type Place = readonly [short: string, reading: string, latin: string, city: string];
const PLACES_BY_OFFICE: Record<string, readonly Place[]> = {
  shimonoseki: [
    ['下関', 'シモノセキ', 'Shimonoseki', '下関市'],
    ['宇部', 'ウベ', 'Ube', '宇部市'],
    ['山口', 'ヤマグチ', 'Yamaguchi', '山口市'],
    ['周南', 'シュウナン', 'Shunan', '周南市'],
    ['北九州', 'キタキュウシュウ', 'Kitakyushu', '北九州市'],
    ['福岡', 'フクオカ', 'Fukuoka', '福岡市'],
  ],
  tokyo: [
    ['東京', 'トウキョウ', 'Tokyo', '東京都千代田区'],
    ['品川', 'シナガワ', 'Shinagawa', '東京都品川区'],
    ['横浜', 'ヨコハマ', 'Yokohama', '横浜市'],
    ['川崎', 'カワサキ', 'Kawasaki', '川崎市'],
    ['千葉', 'チバ', 'Chiba', '千葉市'],
    ['大宮', 'オオミヤ', 'Omiya', 'さいたま市'],
  ],
  shanghai: [
    ['上海', '', 'Shanghai', '上海市'],
    ['浦东', '', 'Pudong', '上海市浦东新区'],
    ['苏州', '', 'Suzhou', '苏州市'],
    ['杭州', '', 'Hangzhou', '杭州市'],
    ['宁波', '', 'Ningbo', '宁波市'],
    ['无锡', '', 'Wuxi', '无锡市'],
  ],
  chengdu: [
    ['成都', '', 'Chengdu', '成都市'],
    ['绵阳', '', 'Mianyang', '绵阳市'],
    ['德阳', '', 'Deyang', '德阳市'],
    ['重庆', '', 'Chongqing', '重庆市'],
    ['乐山', '', 'Leshan', '乐山市'],
  ],
  shandong: [
    ['青岛', '', 'Qingdao', '青岛市'],
    ['济南', '', 'Jinan', '济南市'],
    ['烟台', '', 'Yantai', '烟台市'],
    ['潍坊', '', 'Weifang', '潍坊市'],
    ['威海', '', 'Weihai', '威海市'],
  ],
  hochiminh: [
    ['Sài Gòn', '', 'Saigon', 'Thành phố Hồ Chí Minh'],
    ['Bình Dương', '', 'Binh Duong', 'Bình Dương'],
    ['Đồng Nai', '', 'Dong Nai', 'Đồng Nai'],
    ['Long An', '', 'Long An', 'Long An'],
    ['Cần Thơ', '', 'Can Tho', 'Cần Thơ'],
  ],
  losangeles: [
    ['Los Angeles', '', 'Los Angeles', 'Los Angeles'],
    ['Torrance', '', 'Torrance', 'Torrance'],
    ['Irvine', '', 'Irvine', 'Irvine'],
    ['Long Beach', '', 'Long Beach', 'Long Beach'],
    ['Gardena', '', 'Gardena', 'Gardena'],
  ],
  hq: [
    ['창원', '', 'Changwon', '창원시'],
    ['김해', '', 'Gimhae', '김해시'],
    ['진주', '', 'Jinju', '진주시'],
    ['통영', '', 'Tongyeong', '통영시'],
    ['거제', '', 'Geoje', '거제시'],
  ],
};
/** Offices added by HQ later: one place per country, named in the office's language. */
const PLACES_BY_COUNTRY: Record<string, readonly Place[]> = {
  JP: PLACES_BY_OFFICE.tokyo!,
  CN: PLACES_BY_OFFICE.shanghai!,
  VN: PLACES_BY_OFFICE.hochiminh!,
  US: PLACES_BY_OFFICE.losangeles!,
  KR: PLACES_BY_OFFICE.hq!,
};
const placesOf = (office: Office): readonly Place[] =>
  PLACES_BY_OFFICE[office.id] ?? PLACES_BY_COUNTRY[office.country] ?? [['', '', '', '']];

interface NameParts {
  familyName: string;
  givenName: string;
  latinFamily: string;
  latinGiven: string;
  reading: string;
  nameScript: NameScript;
}

function personFor(rng: Rng, lang: Office['localLanguage']): NameParts {
  switch (lang) {
    case 'ja': {
      const f = pick(rng, JA_FAMILY);
      const g = pick(rng, JA_GIVEN);
      return {
        familyName: f[0],
        givenName: g[0],
        latinFamily: f[2],
        latinGiven: g[2],
        reading: `${f[1]} ${g[1]}`,
        nameScript: 'ja',
      };
    }
    case 'zh-CN': {
      const f = pick(rng, ZH_FAMILY);
      const g = pick(rng, ZH_GIVEN);
      const py = pinyin(f + g, { toneType: 'none', type: 'array', mode: 'surname' });
      return {
        familyName: f,
        givenName: g,
        latinFamily: capitalize(py[0]!),
        latinGiven: capitalize(py.slice(1).join('')),
        reading: py.join(' '),
        nameScript: 'zh',
      };
    }
    case 'vi': {
      const f = pick(rng, VI_FAMILY);
      const given = `${pick(rng, VI_MIDDLE)} ${pick(rng, VI_GIVEN)}`;
      return {
        familyName: f,
        givenName: given,
        latinFamily: ascii(f),
        latinGiven: ascii(given),
        reading: '',
        nameScript: 'vi',
      };
    }
    case 'ko': {
      const f = pick(rng, KO_FAMILY);
      const g = pick(rng, KO_GIVEN);
      return {
        familyName: f,
        givenName: g,
        latinFamily: capitalize(romanize(f)),
        latinGiven: capitalize(romanize(g)),
        reading: '',
        nameScript: 'ko',
      };
    }
    default: {
      const f = pick(rng, EN_FAMILY);
      const g = pick(rng, EN_GIVEN);
      return {
        familyName: f,
        givenName: g,
        latinFamily: f,
        latinGiven: g,
        reading: '',
        nameScript: 'latin',
      };
    }
  }
}

function companyFor(
  rng: Rng,
  lang: Office['localLanguage'],
  place: Place,
): Pick<BuyerCompany, 'nameNative' | 'nameLatin' | 'reading' | 'nameScript'> {
  switch (lang) {
    case 'ja': {
      const head = rng() < 0.5 || !place[1] ? pick(rng, JA_FAMILY) : place;
      const s = pick(rng, JA_SUFFIX);
      return {
        nameNative: `株式会社${head[0]}${s[0]}`,
        nameLatin: `${head[2]} ${s[2]} Co., Ltd.`,
        reading: `${head[1]}${s[1]}`,
        nameScript: 'ja',
      };
    }
    case 'zh-CN': {
      const name = `${place[0]}${pick(rng, ZH_WORD)}${pick(rng, ZH_TRADE)}有限公司`;
      const core = name.replace('有限公司', '');
      const reading = pinyin(core, { toneType: 'none' });
      return {
        nameNative: name,
        nameLatin: `${capitalize(reading.replace(/\s+/g, ''))} Co., Ltd.`,
        reading,
        nameScript: 'zh',
      };
    }
    case 'vi': {
      // Some firms carry their province in the name ("… Bình Dương"): the one they are in.
      const w = rng() < 0.3 && place[0] ? place[0] : pick(rng, VI_WORD);
      const t = pick(rng, VI_TRADE);
      return {
        nameNative: `Công ty TNHH ${t[0]} ${w}`,
        nameLatin: `${ascii(w)} ${t[1]} Co., Ltd.`,
        reading: '',
        nameScript: 'vi',
      };
    }
    case 'ko': {
      const word = rng() < 0.3 && place[0] ? place[0] : pick(rng, KO_WORD);
      const [trade] = pick(rng, KO_TRADE);
      return {
        nameNative: `${word}${trade} 주식회사`,
        nameLatin: `${capitalize(romanize(word))} ${capitalize(romanize(trade))} Co., Ltd.`,
        reading: '',
        nameScript: 'ko',
      };
    }
    default: {
      const head = rng() < 0.25 && place[0] ? place[0] : pick(rng, EN_FAMILY);
      const name = `${head} ${pick(rng, EN_NOUN)} ${pick(rng, EN_FORM)}`;
      return { nameNative: name, nameLatin: name, reading: '', nameScript: 'latin' };
    }
  }
}

function phoneFor(rng: Rng, country: string): string {
  switch (country) {
    case 'JP':
      return `+8190${1 + Math.floor(rng() * 9)}${digits(rng, 7)}`;
    case 'CN':
      return `+86138${digits(rng, 8)}`;
    case 'VN':
      return `+8490${digits(rng, 7)}`;
    case 'KR':
      return `+8210${2 + Math.floor(rng() * 8)}${digits(rng, 7)}`;
    default:
      return `+1213${2 + Math.floor(rng() * 8)}${digits(rng, 6)}`;
  }
}

const MESSENGER_BY_LANG = {
  ja: 'LINE',
  'zh-CN': 'WeChat',
  vi: 'Zalo',
  ko: 'KakaoTalk',
  en: 'WhatsApp',
} as const;
export interface DemoOptions {
  seed?: number;
  office?: Office;
  buyers: number;
  contactsPerBuyer?: number;
  smeFirms?: number;
  talks?: number;
  fxTables?: readonly FxRateTable[];
}

export interface DemoData {
  buyers: BuyerCompany[];
  contacts: Contact[];
  smeFirms: SmeFirm[];
  talks: TradeTalk[];
}

/** A valid business registration number: 9 random digits plus the check digit. */
function brnFor(rng: Rng): string {
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  const d = Array.from({ length: 9 }, (_, i) =>
    i === 0 ? 1 + Math.floor(rng() * 9) : Math.floor(rng() * 10),
  );
  let sum = d.reduce((acc, x, i) => acc + x * weights[i]!, 0);
  sum += Math.floor((d[8]! * 5) / 10);
  d.push((10 - (sum % 10)) % 10);
  const s = d.join('');
  return `${s.slice(0, 3)}-${s.slice(3, 5)}-${s.slice(5)}`;
}

export function generateSmeFirms(count: number, seed = 7): SmeFirm[] {
  const rng = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const word = pick(rng, KO_WORD);
    const [trade, industry] = pick(rng, KO_TRADE);
    const person = personFor(rng, 'ko');
    const product = pick(rng, PRODUCTS);
    return {
      id: `demo-sme-${i}`,
      nameKo: `(주)${word}${trade}`,
      nameEn: `${capitalize(romanize(word))} ${capitalize(romanize(trade))} Co., Ltd.`,
      businessRegistrationNumber: brnFor(rng),
      industry,
      products: [{ name: product[0], hsCode: product[1] }],
      contactPerson: `${person.familyName}${person.givenName}`,
      phone: phoneFor(rng, 'KR'),
      email: `export${i}@${romanize(word)}.co.kr`,
    };
  });
}

const AMOUNT_SCALE: Record<CurrencyCode, [number, number]> = {
  // [min, max] of a negotiated amount in minor units
  KRW: [5_000_000, 2_000_000_000],
  JPY: [500_000, 200_000_000],
  CNY: [3_000_000, 1_000_000_000],
  VND: [100_000_000, 40_000_000_000],
  USD: [500_000, 150_000_000],
};

/**
 * Demo data made a slice at a time (the app loads 100,000 buyers without
 * freezing: it takes a slice, writes it, yields). Same seed, same data,
 * whatever the slice sizes.
 */
export interface DemoGenerator {
  readonly smeFirms: SmeFirm[];
  /** Buyers made so far. */
  readonly made: number;
  /** The next `count` buyers (fewer at the end) with their contacts. */
  nextBuyers(count: number): { buyers: BuyerCompany[]; contacts: Contact[] };
  /** How many talks `nextTalks` makes in all. */
  readonly talkCount: number;
  /** The next `count` talks, once every buyer is made (they point at random buyers). */
  nextTalks(count: number): TradeTalk[];
}

export function createDemoGenerator(options: DemoOptions): DemoGenerator {
  const office = options.office ?? SEED_OFFICES[0]!;
  const rng = seededRandom(options.seed ?? 42);
  const perBuyer = options.contactsPerBuyer ?? 2;
  const smeFirms = generateSmeFirms(options.smeFirms ?? 50, (options.seed ?? 42) + 1);
  const fx = options.fxTables ?? [DEFAULT_FX_RATES];
  const lang = office.localLanguage;
  const places = placesOf(office);
  let made = 0;
  // Real offices rarely see two buyers share a mobile number: redraw the odd collision.
  const usedPhones = new Set<string>();
  const uniquePhone = () => {
    let phone = phoneFor(rng, office.country);
    while (usedPhones.has(phone)) phone = phoneFor(rng, office.country);
    usedPhones.add(phone);
    return phone;
  };

  const nextBuyers = (count: number) => {
    const buyers: BuyerCompany[] = [];
    const contacts: Contact[] = [];
    const end = Math.min(options.buyers, made + count);
    for (let i = made; i < end; i++) {
      const place = pick(rng, places);
      const company = companyFor(rng, lang, place);
      const buyerId = `demo-${office.id}-b${i}`;
      const product = pick(rng, PRODUCTS);
      const domain = `${
        ascii(company.nameLatin)
          .toLowerCase()
          .replace(/[^a-z]/g, '')
          .slice(0, 14) || 'buyer'
      }${i}.example`;
      buyers.push({
        id: buyerId,
        officeId: office.id,
        ...company,
        country: office.country,
        city: place[3],
        addressLocal: '',
        website: `https://www.${domain}`,
        industries: [pick(rng, INDUSTRY_CODES)],
        products: [{ name: product[0], hsCode: product[1] }],
        status: pick(rng, ['prospect', 'active', 'active', 'dormant'] as const),
        tags: rng() < 0.2 ? ['exhibition'] : [],
        notes: '',
      });
      for (let c = 0; c < perBuyer; c++) {
        const p = personFor(rng, lang);
        const local = `${ascii(p.latinGiven)
          .toLowerCase()
          .replace(/[^a-z]/g, '')}.${ascii(p.latinFamily)
          .toLowerCase()
          .replace(/[^a-z]/g, '')}`;
        const emails = [`${local}@${domain}`];
        if (c === 0 && rng() < 0.3) emails.push(`info@${domain}`);
        contacts.push({
          id: `${buyerId}-c${c}`,
          officeId: office.id,
          buyerId,
          ...p,
          title: '',
          emails,
          phones: [{ e164: uniquePhone(), kind: 'mobile' }],
          messengers: [
            {
              channel: MESSENGER_BY_LANG[lang],
              handle: `${local.replace('.', '_')}${i}`,
              preferred: true,
            },
          ],
          preferredLanguage: lang,
          notes: '',
        });
      }
    }
    made = end;
    return { buyers, contacts };
  };

  const talkCount = options.buyers > 0 ? (options.talks ?? Math.min(options.buyers * 2, 5000)) : 0;
  let talksMade = 0;
  const nextTalks = (count: number): TradeTalk[] => {
    const out: TradeTalk[] = [];
    const [min, max] = AMOUNT_SCALE[office.currency];
    const start = Date.UTC(2023, 0, 1);
    const span = Date.UTC(2026, 9, 31) - start;
    const end = made > 0 ? Math.min(talkCount, talksMade + count) : talksMade;
    for (let t = talksMade; t < end; t++) {
      const buyerId = `demo-${office.id}-b${Math.floor(rng() * made)}`;
      const startsAt = new Date(start + Math.floor((rng() * span) / 900_000) * 900_000)
        .toISOString()
        .replace('.000Z', 'Z');
      const stage: TalkStage = pick(rng, TALK_STAGES);
      const negotiatedMinor = Math.round(min + rng() * (max - min));
      const amount = (minor: number) =>
        stampTalkAmount(
          { amountMinor: minor, currency: office.currency },
          startsAt,
          office.timeZone,
          fx,
        );
      const contracted = ['contract', 'shipped'].includes(stage);
      const product = pick(rng, PRODUCTS);
      out.push({
        id: `demo-${office.id}-t${t}`,
        officeId: office.id,
        startsAt,
        timeZone: office.timeZone,
        buyerId,
        ...(perBuyer > 0 ? { contactId: `${buyerId}-c0` } : {}),
        smeFirmId: pick(rng, smeFirms).id,
        products: [{ name: product[0], hsCode: product[1] }],
        stage,
        negotiated: amount(negotiatedMinor),
        contract: contracted ? amount(Math.round(negotiatedMinor * 0.6)) : undefined,
        actualExport: stage === 'shipped' ? amount(Math.round(negotiatedMinor * 0.5)) : undefined,
        followUps: [],
        notes: '',
      });
    }
    talksMade = end;
    return out;
  };

  return {
    smeFirms,
    get made() {
      return made;
    },
    nextBuyers,
    talkCount,
    nextTalks,
  };
}

/** Deterministic demo data for one office, all at once (tests, benchmarks). */
export function generateDemoData(options: DemoOptions): DemoData {
  const gen = createDemoGenerator(options);
  const { buyers, contacts } = gen.nextBuyers(options.buyers);
  return { buyers, contacts, smeFirms: gen.smeFirms, talks: gen.nextTalks(gen.talkCount) };
}
