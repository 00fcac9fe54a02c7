import { foldForSearch } from '../fold';

/**
 * Country as people write it in a list → ISO 3166-1 alpha-2. Names come from the
 * platform's CLDR data (Intl.DisplayNames) in the five UI languages, English and
 * Traditional Chinese, plus alpha-3 codes and the everyday forms CLDR does not use.
 */
const LANGS = ['en', 'ko', 'ja', 'zh-CN', 'zh-TW', 'vi'] as const;

const EXTRA: Record<string, string> = {
  usa: 'US',
  'u.s.a.': 'US',
  'u.s.': 'US',
  us: 'US',
  america: 'US',
  'united states of america': 'US',
  米国: 'US',
  アメリカ: 'US',
  美国: 'US',
  미국: 'US',
  mỹ: 'US',
  'hoa kỳ': 'US',
  uk: 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  イギリス: 'GB',
  英国: 'GB',
  영국: 'GB',
  korea: 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'korea, republic of': 'KR',
  한국: 'KR',
  대한민국: 'KR',
  韓国: 'KR',
  韩国: 'KR',
  'hàn quốc': 'KR',
  japan: 'JP',
  日本国: 'JP',
  일본: 'JP',
  'nhật bản': 'JP',
  nhật: 'JP',
  china: 'CN',
  prc: 'CN',
  'p.r.c.': 'CN',
  "people's republic of china": 'CN',
  中国: 'CN',
  中華人民共和国: 'CN',
  中华人民共和国: 'CN',
  중국: 'CN',
  'trung quốc': 'CN',
  vietnam: 'VN',
  'viet nam': 'VN',
  'việt nam': 'VN',
  ベトナム: 'VN',
  越南: 'VN',
  베트남: 'VN',
  taiwan: 'TW',
  台湾: 'TW',
  臺灣: 'TW',
  대만: 'TW',
  'đài loan': 'TW',
  'hong kong': 'HK',
  香港: 'HK',
  홍콩: 'HK',
};

const ALPHA3: Record<string, string> = {
  JPN: 'JP',
  CHN: 'CN',
  VNM: 'VN',
  USA: 'US',
  KOR: 'KR',
  TWN: 'TW',
  HKG: 'HK',
  THA: 'TH',
  SGP: 'SG',
  MYS: 'MY',
  IDN: 'ID',
  PHL: 'PH',
  IND: 'IN',
  AUS: 'AU',
  CAN: 'CA',
  MEX: 'MX',
  GBR: 'GB',
  DEU: 'DE',
  FRA: 'FR',
  ITA: 'IT',
  ESP: 'ES',
  NLD: 'NL',
  RUS: 'RU',
  MNG: 'MN',
  KHM: 'KH',
  LAO: 'LA',
  MMR: 'MM',
  BRA: 'BR',
  ARE: 'AE',
  SAU: 'SA',
  TUR: 'TR',
  NZL: 'NZ',
};

/** Codes CLDR still names that are no country today (East Germany, Yugoslavia, groupings). */
const NOT_COUNTRIES = new Set(
  'AN BU CS DD EU EZ FX NT QO QU SU TP UN XA XB YD YU ZR ZZ'.split(' '),
);

let byName: Map<string, string> | null = null;

/** Folded name → code; spaces dropped too ("Việt Nam" = "vietnam"). */
const key = (s: string) => foldForSearch(s).replace(/[\s.'’,()-]/g, '');

function table(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const names = LANGS.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      for (const dn of names) {
        let name: string | undefined;
        try {
          name = dn.of(code);
        } catch {
          name = undefined;
        }
        if (name && name !== code && !byName.has(key(name))) byName.set(key(name), code);
      }
    }
  }
  for (const [name, code] of Object.entries(EXTRA)) byName.set(key(name), code);
  return byName;
}

/** "Vietnam", "日本", "中国", "Việt Nam", "jp", "JPN" → ISO code; null when unknown. */
export function countryCode(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  if (/^[A-Za-z]{2}$/.test(t)) {
    const up = t.toUpperCase();
    return up === 'UK' ? 'GB' : table().size && isRegion(up) ? up : null;
  }
  if (/^[A-Za-z]{3}$/.test(t)) return ALPHA3[t.toUpperCase()] ?? table().get(key(t)) ?? null;
  return table().get(key(t)) ?? null;
}

let regions: Set<string> | null = null;
function isRegion(code: string): boolean {
  if (!regions) regions = new Set(table().values());
  return regions.has(code);
}
