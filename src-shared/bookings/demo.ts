import { DateTime } from 'luxon';
import type { Language } from '../i18n/languages';
import { SEED_OFFICES, type Office } from '../offices/seed';
import type {
  Booking,
  BookingPurpose,
  BookingStatus,
  Driver,
  Interpreter,
  InterpreterBooking,
  PersonName,
  Vehicle,
  VehicleTrip,
} from './schemas';
import { BOOKING_PURPOSES } from './schemas';
import { seededRandom } from '../random/seeded';
import { generateSmeFirms } from '../crm/demo';
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';

/**
 * Deterministic demo data (tests, benchmarks, screenshots): the brief's 14
 * interpreters, 5 vehicles, their drivers, and N bookings with names and
 * addresses in the office's script. Generated bookings never overlap per
 * resource (vehicle buffers respected), so they are valid existing data.
 */

export { seededRandom };

type Rnd = () => number;
const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const int = (rnd: Rnd, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

type NamePool = {
  script: PersonName['script'];
  family: ReadonlyArray<readonly [string, string]>;
  given: ReadonlyArray<readonly [string, string]>;
  middle?: readonly string[];
  join: (family: string, given: string, middle?: string) => string;
};

const NAMES: Record<Language, NamePool> = {
  ko: {
    script: 'hangul',
    family: [
      ['김', 'KIM'],
      ['이', 'LEE'],
      ['박', 'PARK'],
      ['최', 'CHOI'],
      ['정', 'JUNG'],
      ['강', 'KANG'],
      ['조', 'CHO'],
      ['윤', 'YOON'],
    ],
    given: [
      ['민지', 'Minji'],
      ['준호', 'Junho'],
      ['서연', 'Seoyeon'],
      ['지훈', 'Jihoon'],
      ['수빈', 'Subin'],
      ['현우', 'Hyunwoo'],
      ['예은', 'Yeeun'],
      ['도윤', 'Doyun'],
    ],
    join: (f, g) => `${f}${g}`,
  },
  ja: {
    script: 'japanese',
    family: [
      ['山田', 'YAMADA'],
      ['佐藤', 'SATO'],
      ['鈴木', 'SUZUKI'],
      ['高橋', 'TAKAHASHI'],
      ['田中', 'TANAKA'],
      ['伊藤', 'ITO'],
      ['渡辺', 'WATANABE'],
      ['中村', 'NAKAMURA'],
    ],
    given: [
      ['花子', 'Hanako'],
      ['健太', 'Kenta'],
      ['美咲', 'Misaki'],
      ['翔太', 'Shota'],
      ['由美', 'Yumi'],
      ['大輔', 'Daisuke'],
      ['恵', 'Megumi'],
      ['拓也', 'Takuya'],
    ],
    join: (f, g) => `${f} ${g}`,
  },
  'zh-CN': {
    script: 'chinese',
    family: [
      ['王', 'WANG'],
      ['李', 'LI'],
      ['张', 'ZHANG'],
      ['刘', 'LIU'],
      ['陈', 'CHEN'],
      ['杨', 'YANG'],
      ['赵', 'ZHAO'],
      ['黄', 'HUANG'],
    ],
    given: [
      ['伟', 'Wei'],
      ['芳', 'Fang'],
      ['娜', 'Na'],
      ['敏', 'Min'],
      ['静', 'Jing'],
      ['磊', 'Lei'],
      ['晓明', 'Xiaoming'],
      ['婷婷', 'Tingting'],
    ],
    join: (f, g) => `${f}${g}`,
  },
  vi: {
    script: 'latin',
    family: [
      ['Nguyễn', 'NGUYEN'],
      ['Trần', 'TRAN'],
      ['Lê', 'LE'],
      ['Phạm', 'PHAM'],
      ['Hoàng', 'HOANG'],
      ['Võ', 'VO'],
      ['Đặng', 'DANG'],
      ['Bùi', 'BUI'],
    ],
    given: [
      ['Dũng', 'Dung'],
      ['Mai', 'Mai'],
      ['Hùng', 'Hung'],
      ['Lan', 'Lan'],
      ['Tuấn', 'Tuan'],
      ['Hương', 'Huong'],
      ['Phúc', 'Phuc'],
      ['Thảo', 'Thao'],
    ],
    middle: ['Văn', 'Thị', 'Minh', 'Ngọc', 'Quốc', 'Thanh'],
    join: (f, g, m) => `${f} ${m ?? ''} ${g}`.replace(/\s+/g, ' '),
  },
  en: {
    script: 'latin',
    family: [
      ['Garcia', 'GARCIA'],
      ['Smith', 'SMITH'],
      ['Johnson', 'JOHNSON'],
      ['Martinez', 'MARTINEZ'],
      ['Brown', 'BROWN'],
      ['Davis', 'DAVIS'],
      ['Lopez', 'LOPEZ'],
      ['Wilson', 'WILSON'],
    ],
    given: [
      ['Emily', 'Emily'],
      ['Michael', 'Michael'],
      ['Sofia', 'Sofia'],
      ['Daniel', 'Daniel'],
      ['Olivia', 'Olivia'],
      ['James', 'James'],
      ['Ava', 'Ava'],
      ['David', 'David'],
    ],
    join: (f, g) => `${g} ${f}`,
  },
};

/** Vietnamese Latin form as printed in passports: no diacritics, đ -> d. */
function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function demoName(rnd: Rnd, language: Language): PersonName {
  const pool = NAMES[language];
  const [family, familyLatin] = pick(rnd, pool.family);
  const [given, givenLatin] = pick(rnd, pool.given);
  const middle = pool.middle ? pick(rnd, pool.middle) : undefined;
  const native = pool.join(family, given, middle);
  const latin =
    language === 'vi'
      ? `${familyLatin} ${foldVietnamese(`${middle ?? ''} ${given}`).trim()}`
      : language === 'en'
        ? native
        : `${familyLatin} ${givenLatin}`;
  return { native, latin, script: pool.script };
}

const ADDRESSES: Record<Language, readonly string[]> = {
  ja: [
    '東京都江東区有明3-11-1 東京ビッグサイト',
    '東京都大田区羽田空港3-3-2 羽田空港第3ターミナル',
    '東京都千代田区丸の内1-9-1 東京駅',
    '東京都港区芝公園4-2-8',
    '山口県下関市竹崎町4-4-8 下関駅',
    '山口県下関市唐戸町5-50 唐戸市場',
  ],
  'zh-CN': [
    '上海市青浦区崧泽大道333号 国家会展中心',
    '上海市浦东新区迎宾大道6000号 浦东国际机场',
    '上海市浦东新区世纪大道100号',
    '四川省成都市双流区成都双流国际机场',
    '山东省青岛市崂山区香港东路',
    '上海市黄浦区南京东路300号',
  ],
  vi: [
    '799 Nguyễn Văn Linh, Tân Phú, Quận 7 (SECC)',
    'Sân bay Tân Sơn Nhất, Trường Sơn, Phường 2, Tân Bình',
    '58 Đồng Khởi, Bến Nghé, Quận 1, TP. Hồ Chí Minh',
    '135 Nam Kỳ Khởi Nghĩa, Quận 1, TP. Hồ Chí Minh',
    'Khu công nghiệp Tân Tạo, Bình Tân, TP. Hồ Chí Minh',
  ],
  en: [
    '1201 S Figueroa St, Los Angeles, CA 90015',
    '1 World Way, Los Angeles, CA 90045',
    '3500 W 6th St, Los Angeles, CA 90020',
    '100 W 1st St, Los Angeles, CA 90012',
    '2401 E Washington Blvd, Commerce, CA 90023',
  ],
  ko: [
    '경상남도 창원시 의창구 중앙대로 300',
    '경상남도 창원시 의창구 원이대로 362 창원컨벤션센터',
    '부산광역시 강서구 공항진입로 108 김해국제공항',
    '경상남도 김해시 주촌면 골든루트로 80-16',
    '경상남도 진주시 충의로 19',
  ],
};

const PLATES: Record<Language, (n: number) => string> = {
  ja: (n) => `品川 300 あ ${String(1200 + n * 37).replace(/(\d\d)(\d\d)/, '$1-$2')}`,
  'zh-CN': (n) => `沪A·${String(31250 + n * 1379)}`,
  vi: (n) => `51A-${String(120 + n * 7)}.${String(10 + n * 11)}`,
  en: (n) => `${8 + (n % 2)}${['ABC', 'KLM', 'RST', 'XYZ', 'DEF'][n % 5]}${String(100 + n * 23)}`,
  ko: (n) => `${12 + n}가 ${String(3456 + n * 111)}`,
};

const MODELS = [
  ['Toyota HiAce', 12],
  ['Toyota Alphard', 7],
  ['Hyundai Staria', 9],
  ['Kia Carnival', 7],
  ['Toyota Coaster', 24],
] as const;

/**
 * The first SME firms of the CRM demo (same ids and names, `generateSmeFirms(…, 43)`
 * as createDemoGenerator makes them), so a booking's requester is a firm the CRM
 * knows and shows in the reader's script.
 */
const SMES = generateSmeFirms(5, 43).map((f) => [f.id, f.nameKo, f.nameEn] as const);
const DELEGATION = { label: '경상남도 수출사절단', labelLatin: 'Gyeongsangnam-do Trade Mission' };

const LOCAL_PAIR: Record<Language, string> = {
  ja: 'ko-ja',
  'zh-CN': 'ko-zh',
  vi: 'ko-vi',
  en: 'ko-en',
  ko: 'ko-en',
};

export interface DemoOptions {
  /** Office id from SEED_OFFICES (default `losangeles`, the DST case). */
  readonly officeId?: string;
  readonly seed?: number;
  readonly bookings?: number;
  /** First local day (yyyy-MM-dd). */
  readonly from?: string;
  /** Share of bookings that are vehicle trips (default 0.35). */
  readonly tripShare?: number;
}

export interface DemoData {
  readonly office: Office;
  readonly interpreters: Interpreter[];
  readonly drivers: Driver[];
  readonly vehicles: Vehicle[];
  readonly bookings: Booking[];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * A mobile number that is valid in the office's country (staff there carry a local
 * phone), in international format: "+81 90 1234 5678", never "+99 614 7882".
 * Three draws from `rnd`, as before, so the rest of the demo data stays the same.
 */
export function demoPhone(rnd: Rnd, country: string): string {
  const a = int(rnd, 1000, 9999);
  const b = int(rnd, 1000, 9999);
  const c = int(rnd, 0, 9);
  const national: Record<string, string> = {
    JP: `0${[7, 8, 9][c % 3]}0${a}${b}`,
    CN: `13${c}${a}${b}`,
    VN: `09${c}${a}${pad(b % 1000, 3)}`,
    KR: `010${a}${b}`,
    US: `213${2 + (a % 8)}${pad(a % 100, 2)}${b}`,
  };
  const code = (country in national ? country : 'US') as CountryCode;
  return parsePhoneNumberWithError(national[code]!, code).formatInternational();
}

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const office =
    SEED_OFFICES.find((o) => o.id === (options.officeId ?? 'losangeles')) ?? SEED_OFFICES[0]!;
  const rnd = seededRandom(options.seed ?? 20250301);
  const local = office.localLanguage;
  const zone = office.timeZone;
  const officeId = office.id;

  const interpreters: Interpreter[] = Array.from({ length: 14 }, (_, i) => {
    const korean = i % 2 === 0 || local === 'ko';
    return {
      id: `${officeId}-int-${pad(i + 1, 2)}`,
      officeId,
      name: demoName(rnd, korean ? 'ko' : local),
      languagePairs:
        local === 'ko' ? [pick(rnd, ['ko-en', 'ko-ja', 'ko-zh', 'ko-vi'])] : [LOCAL_PAIR[local]],
      phone: demoPhone(rnd, office.country),
      messengers: [
        {
          kind: korean
            ? 'KakaoTalk'
            : local === 'ja'
              ? 'LINE'
              : local === 'zh-CN'
                ? 'WeChat'
                : local === 'vi'
                  ? 'Zalo'
                  : 'WhatsApp',
          handle: `interp${i + 1}`,
        },
      ],
      rate: {
        amountMinor:
          office.currency === 'USD' || office.currency === 'CNY'
            ? int(rnd, 40, 90) * 100
            : int(rnd, 3, 9) * 1000,
        currency: office.currency,
      },
      active: i !== 13,
    };
  });
  const drivers: Driver[] = Array.from({ length: 6 }, (_, i) => ({
    id: `${officeId}-drv-${pad(i + 1, 2)}`,
    officeId,
    name: demoName(rnd, local),
    phone: demoPhone(rnd, office.country),
    messengers: [],
    licenceNotes: i === 5 ? 'Spare driver' : undefined,
    active: true,
  }));
  const vehicles: Vehicle[] = MODELS.map(([model, seats], i) => ({
    id: `${officeId}-veh-${pad(i + 1, 2)}`,
    officeId,
    plate: PLATES[local](i),
    model,
    seats,
    defaultDriverId: drivers[i]!.id,
    turnaroundBufferMinutes: [15, 30, 30, 15, 45][i]!,
    active: true,
  }));

  const activeInterpreters = interpreters.filter((p) => p.active);
  const cursors = new Map<string, number>();
  const firstDay = DateTime.fromISO(options.from ?? '2025-03-03', { zone }).startOf('day');
  const total = options.bookings ?? 200;
  const tripShare = options.tripShare ?? 0.35;
  const bookings: Booking[] = [];
  const addresses = ADDRESSES[local];

  for (let n = 0; n < total; n += 1) {
    const isTrip = rnd() < tripShare;
    const vehicle = isTrip ? pick(rnd, vehicles) : null;
    const interpreter = isTrip ? null : pick(rnd, activeInterpreters);
    const key = vehicle ? vehicle.id : interpreter!.id;
    const bufferMin = vehicle ? vehicle.turnaroundBufferMinutes : 0;
    const durationMin = int(rnd, 2, 16) * 15;
    let start = DateTime.fromMillis(
      (cursors.get(key) ?? firstDay.set({ hour: 8 }).toMillis()) + int(rnd, 0, 8) * 15 * 60_000,
      { zone },
    );
    // Office hours 08:00-19:00, Monday to Saturday, in the office zone.
    for (;;) {
      const close = start.set({ hour: 19, minute: 0, second: 0, millisecond: 0 });
      if (start.weekday !== 7 && start.hour >= 8 && start.plus({ minutes: durationMin }) <= close)
        break;
      start = start
        .plus({ days: start.hour >= 8 ? 1 : 0 })
        .set({ hour: 8, minute: int(rnd, 0, 3) * 15, second: 0, millisecond: 0 });
    }
    const end = start.plus({ minutes: durationMin });
    cursors.set(key, end.toMillis() + bufferMin * 60_000);

    const status: BookingStatus = ((r) =>
      r < 0.75 ? 'confirmed' : r < 0.95 ? 'tentative' : 'cancelled')(rnd());
    const purpose: BookingPurpose = pick(rnd, BOOKING_PURPOSES);
    const [smeId, smeLabel, smeLatin] = pick(rnd, SMES);
    const common = {
      id: `${officeId}-bk-${pad(n + 1, 6)}`,
      officeId,
      timeZone: zone,
      start: start.toUTC().toISO()!,
      end: end.toUTC().toISO()!,
      purpose,
      status,
      ...(purpose === 'trade-talk'
        ? { tradeTalkId: `${officeId}-talk-${pad(int(rnd, 1, 999), 4)}` }
        : {}),
      requester:
        purpose === 'delegation'
          ? { kind: 'delegation' as const, ...DELEGATION }
          : { kind: 'sme' as const, smeId, label: smeLabel, labelLatin: smeLatin },
    };
    if (vehicle) {
      const passengers = int(rnd, 1, Math.min(vehicle.seats, 8));
      const trip: VehicleTrip = {
        ...common,
        kind: 'vehicle',
        vehicleId: vehicle.id,
        driverId: vehicle.defaultDriverId ?? null,
        pickUp: { address: pick(rnd, addresses) },
        dropOff: { address: pick(rnd, addresses) },
        passengers,
        passengerNames: Array.from(
          { length: Math.min(passengers, 3) },
          () => demoName(rnd, 'ko').native,
        ),
      };
      bookings.push(trip);
    } else {
      const booking: InterpreterBooking = {
        ...common,
        kind: 'interpreter',
        interpreterId: interpreter!.id,
        location: pick(rnd, addresses),
      };
      bookings.push(booking);
    }
  }
  return { office, interpreters, drivers, vehicles, bookings };
}
