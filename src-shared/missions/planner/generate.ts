import { pick, seededRandom, type Random } from '../../random/seeded';
import type { Booking, Interpreter, Vehicle } from '../../bookings/schemas';
import {
  PRIORITIES,
  type Interval,
  type MeetingRequest,
  type MeetingVenue,
  type Mission,
  type Participant,
  type ParticipantPerson,
  type Place,
  type Priority,
} from '../schemas';
import { missionDates, wallMinutes, type MissionRecords } from './build-problem';

/**
 * Seeded random missions for the property tests and `npm run bench`: a
 * delegation in Tokyo (or any zone), buyers spread over a 12 km radius around
 * the hotel, meetings at the buyer's (60 %), the hotel, the office or the
 * exhibition hall, buyers free on some half-days, interpreters of Japanese
 * and English, vans of 8 and 12 seats.
 */

export interface GenerateOptions {
  readonly seed: number;
  readonly smes: number;
  readonly requests: number;
  readonly days: number;
  readonly interpreters: number;
  readonly vans: number;
  readonly arrival?: string;
  readonly timeZone?: string;
  /** Share of requests with buyer windows (the rest: any time). */
  readonly windowShare?: number;
  readonly officeId?: string;
}

export const CENTER = { lat: 35.6812, lng: 139.7671 };

export function jitter(random: Random, km: number): { lat: number; lng: number } {
  const r = km * Math.sqrt(random());
  const angle = random() * 2 * Math.PI;
  return {
    lat: CENTER.lat + (r / 111) * Math.cos(angle),
    lng: CENTER.lng + (r / (111 * Math.cos((CENTER.lat * Math.PI) / 180))) * Math.sin(angle),
  };
}

/**
 * Names and addresses like a Tokyo office's (or, for a Los Angeles mission, an LA office's)
 * real ones, by index: no random draw, so a seed plans exactly as before.
 */
const PLACES_JA = {
  hotel: { name: 'ホテル丸の内東京', address: '東京都千代田区丸の内1-6-3' },
  office: { name: '慶尚南道 東京通商事務所', address: '東京都港区虎ノ門1-2-8 虎ノ門琴平タワー9階' },
  hall: { name: '東京ビッグサイト 東展示棟', address: '東京都江東区有明3-11-1' },
  buyers: [
    '山田商事',
    '佐藤食品',
    '鈴木精機',
    '高橋物産',
    '田中工業',
    '伊藤貿易',
    '渡辺化成',
    '中村電機',
  ],
  forms: ['株式会社', '有限会社'],
  wards: [
    ['中央区', '日本橋本町'],
    ['港区', '芝浦'],
    ['品川区', '東品川'],
    ['大田区', '平和島'],
    ['江東区', '東陽'],
    ['千代田区', '神田須田町'],
    ['台東区', '蔵前'],
    ['墨田区', '両国'],
  ],
};
const PLACES_EN = {
  hotel: { name: 'The Westin Bonaventure', address: '404 S Figueroa St, Los Angeles, CA 90071' },
  office: {
    name: 'Gyeongnam Trade Office Los Angeles',
    address: '3435 Wilshire Blvd, Los Angeles, CA 90010',
  },
  hall: {
    name: 'Los Angeles Convention Center, West Hall',
    address: '1201 S Figueroa St, Los Angeles, CA 90015',
  },
  buyers: [
    'Pacific Rim Foods',
    'Golden State Imports',
    'Harbor Machinery',
    'Sunset Trading',
    'Coastal Auto Parts',
    'Valley Beauty Supply',
    'Angel City Textiles',
    'Bay Kitchenware',
  ],
  streets: [
    'E Olympic Blvd',
    'S Alameda St',
    'W 190th St',
    'E Washington Blvd',
    'S Main St',
    'Wilshire Blvd',
    'E 7th St',
    'S Broadway',
  ],
};

export function placeText(
  kind: Place['kind'],
  id: string,
  index: number,
  timeZone: string,
): { name: string; address: string } {
  const la = timeZone === 'America/Los_Angeles';
  if (kind === 'hotel' || kind === 'office' || kind === 'hall')
    return (la ? PLACES_EN : PLACES_JA)[kind];
  if (kind !== 'buyer') return { name: id, address: id };
  const n = PLACES_JA.buyers.length;
  const round = Math.floor(index / n);
  if (la) {
    const street = PLACES_EN.streets[index % PLACES_EN.streets.length]!;
    return {
      name: `${PLACES_EN.buyers[index % n]}${round ? ` ${round + 1}` : ''}, Inc.`,
      address: `${1200 + index * 37} ${street}, Los Angeles, CA`,
    };
  }
  const [ward, town] = PLACES_JA.wards[index % PLACES_JA.wards.length]!;
  const form = PLACES_JA.forms[round % PLACES_JA.forms.length]!;
  return {
    name: `${form}${PLACES_JA.buyers[index % n]}${round > 1 ? round : ''}`,
    address: `東京都${ward}${town}${1 + (index % 4)}-${2 + ((index * 7) % 20)}-${1 + ((index * 3) % 9)}`,
  };
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * What both generators (this one and generate-realistic.ts) share: the ids,
 * names and shapes of the records. No helper draws a random number, so a seed
 * generates exactly the same mission as before they were shared.
 */
export interface MissionFrame {
  readonly seed: number;
  readonly officeId: string;
  readonly missionId: string;
  readonly arrival: string;
  readonly timeZone: string;
  readonly days: number;
}

export function frameOf(options: GenerateOptions): MissionFrame {
  return {
    seed: options.seed,
    officeId: options.officeId ?? 'office-x',
    missionId: `mission-${options.seed}`,
    arrival: options.arrival ?? '2025-06-10',
    timeZone: options.timeZone ?? 'Asia/Tokyo',
    days: options.days,
  };
}

export const isoOf = (minutes: number): string => new Date(minutes * 60_000).toISOString();

export function placeRecord(
  frame: MissionFrame,
  id: string,
  kind: Place['kind'],
  at: { lat: number; lng: number },
  index = 0,
): Place {
  return {
    id,
    officeId: frame.officeId,
    kind,
    ...placeText(kind, id, index, frame.timeZone),
    ...at,
  };
}

/** A Tokyo-style mission: 09:00-18:00 with a lunch break, 20 km/h door to door, 10 minutes' buffer. */
export function missionRecord(
  frame: MissionFrame,
  places: { hotel: Place; office: Place; hall: Place },
): Mission {
  return {
    id: frame.missionId,
    officeId: frame.officeId,
    name: `Mission ${frame.seed}`,
    kind: 'trade-mission',
    status: 'planning',
    arrival: frame.arrival,
    departure: addDays(frame.arrival, frame.days - 1),
    timeZone: frame.timeZone,
    dayStart: '09:00',
    dayEnd: '18:00',
    breaks: [{ start: '12:00', end: '13:00' }],
    hqContact: '',
    notes: '',
    hotelPlaceId: places.hotel.id,
    hallPlaceId: places.hall.id,
    officePlaceId: places.office.id,
    citySpeedKmh: 20,
    travelBufferMinutes: 10,
  };
}

export function personRecord(i: number, k: number, languages: string[]): ParticipantPerson {
  return {
    id: `p-${i}-${k}`,
    nameKo: `참가자${i}-${k}`,
    nameLatin: `Person ${i}-${k}`,
    phone: '',
    languages,
  };
}

export function participantRecord(
  frame: MissionFrame,
  i: number,
  people: ParticipantPerson[],
  needsTransport: boolean,
): Participant {
  return {
    id: `p-${i}`,
    officeId: frame.officeId,
    missionId: frame.missionId,
    smeFirmId: `firm-${i}`,
    people,
    needsTransport,
    busy: [],
    notes: '',
  };
}

/** The request's place by venue: the buyer's premises or the mission's hotel, office or hall. */
export function venuePlaceId(
  venue: MeetingVenue,
  buyer: Place,
  places: { hotel: Place; office: Place; hall: Place },
): string {
  return {
    buyer: buyer.id,
    hotel: places.hotel.id,
    office: places.office.id,
    hall: places.hall.id,
  }[venue];
}

export function requestRecord(
  frame: MissionFrame,
  n: number,
  fields: {
    participant: Participant;
    buyerIndex: number;
    priority: Priority;
    durationMinutes: number;
    venue: MeetingVenue;
    placeId: string;
    windows: Interval[];
    /** The buyer's language: asked for only when no one of the firm speaks it. */
    buyerLanguage: string;
  },
): MeetingRequest {
  const speaksBuyers = fields.participant.people.some((person) =>
    person.languages.includes(fields.buyerLanguage),
  );
  return {
    id: `r-${n}`,
    officeId: frame.officeId,
    missionId: frame.missionId,
    participantId: fields.participant.id,
    buyerId: `buyer-${fields.buyerIndex}`,
    priority: fields.priority,
    durationMinutes: fields.durationMinutes,
    venue: fields.venue,
    placeId: fields.placeId,
    windows: fields.windows,
    ...(speaksBuyers ? {} : { language: fields.buyerLanguage }),
    notes: '',
  };
}

export function interpreterRecord(
  frame: MissionFrame,
  i: number,
  languagePairs: string[],
): Interpreter {
  return {
    id: `i-${i}`,
    officeId: frame.officeId,
    name: { native: `通訳${i}`, latin: `Interpreter ${i}`, script: 'japanese' },
    languagePairs,
    messengers: [],
    active: true,
  };
}

export function vehicleRecord(frame: MissionFrame, i: number, seats: number): Vehicle {
  return {
    id: `v-${i}`,
    officeId: frame.officeId,
    plate: `品川 300 あ ${1000 + i}`,
    model: 'HiAce',
    seats,
    defaultDriverId: `d-${i}`,
    turnaroundBufferMinutes: 10,
    active: true,
  };
}

/** The records of a generated mission, with a driver per vehicle and no meetings yet. */
export function missionRecords(
  frame: MissionFrame,
  parts: Pick<
    MissionRecords,
    'mission' | 'participants' | 'requests' | 'places' | 'interpreters' | 'vehicles'
  > & { bookings?: Booking[] },
): MissionRecords {
  return {
    ...parts,
    meetings: [],
    overrides: [],
    drivers: parts.vehicles.map((v, i) => ({
      id: v.defaultDriverId!,
      officeId: frame.officeId,
      name: { native: `運転手${i}`, latin: `Driver ${i}`, script: 'japanese' as const },
      messengers: [],
      active: true,
    })),
    bookings: parts.bookings ?? [],
  };
}

export function generateMission(options: GenerateOptions): MissionRecords {
  const random = seededRandom(options.seed);
  const frame = frameOf(options);
  const windowShare = options.windowShare ?? 0.6;
  const place = (id: string, kind: Place['kind'], km: number, index = 0): Place =>
    placeRecord(frame, id, kind, jitter(random, km), index);
  const hotel = place('hotel', 'hotel', 1);
  const office = place('office', 'office', 2);
  const hall = place('hall', 'hall', 6);
  const venues = { hotel, office, hall };
  const mission = missionRecord(frame, venues);
  const buyerCount = Math.max(1, Math.round(options.requests * 0.75));
  const buyerPlaces = Array.from({ length: buyerCount }, (_, i) =>
    place(`buyer-${i}`, 'buyer', 12, i),
  );
  const buyerLanguage = buyerPlaces.map(() => (random() < 0.75 ? 'ja' : 'en'));

  const participants: Participant[] = Array.from({ length: options.smes }, (_, i) =>
    participantRecord(
      frame,
      i,
      Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) =>
        personRecord(i, k, random() < 0.15 ? ['ko', 'en'] : ['ko']),
      ),
      random() < 0.85,
    ),
  );

  const timeZone = frame.timeZone;
  const dates = missionDates(mission);
  const halfDays = dates.flatMap((date) => [
    { start: wallMinutes(date, '09:00', timeZone), end: wallMinutes(date, '12:00', timeZone) },
    { start: wallMinutes(date, '13:00', timeZone), end: wallMinutes(date, '18:00', timeZone) },
  ]);
  const weights: Priority[] = ['must', 'want', 'want', 'nice', 'nice', 'must', 'want', 'nice'];
  const seen = new Set<string>();
  const requests: MeetingRequest[] = [];
  for (let n = 0; requests.length < options.requests && n < options.requests * 20; n += 1) {
    const participant = participants[requests.length % options.smes]!;
    const b = Math.floor(random() * buyerCount);
    if (seen.has(`${participant.id}|${b}`)) continue;
    seen.add(`${participant.id}|${b}`);
    const v = random();
    const venue = v < 0.6 ? 'buyer' : v < 0.85 ? 'hotel' : v < 0.95 ? 'office' : 'hall';
    const windows =
      random() < windowShare
        ? Array.from({ length: 1 + Math.floor(random() * Math.min(3, halfDays.length)) }, () =>
            pick(random, halfDays),
          )
            .filter((w, i, all) => all.findIndex((x) => x.start === w.start) === i)
            .map((w) => ({ start: isoOf(w.start), end: isoOf(w.end) }))
        : [];
    requests.push(
      requestRecord(frame, requests.length, {
        participant,
        buyerIndex: b,
        priority: pick(random, weights) ?? PRIORITIES[1],
        durationMinutes: pick(random, [45, 60, 60, 60, 90]),
        venue,
        placeId: venuePlaceId(venue, buyerPlaces[b]!, venues),
        windows,
        buyerLanguage: buyerLanguage[b]!,
      }),
    );
  }

  return missionRecords(frame, {
    mission,
    participants,
    requests,
    places: [hotel, office, hall, ...buyerPlaces],
    interpreters: Array.from({ length: options.interpreters }, (_, i) =>
      interpreterRecord(
        frame,
        i,
        i % 3 === 2 ? ['ko-ja', 'ko-en'] : i % 3 === 1 ? ['ko-en'] : ['ko-ja'],
      ),
    ),
    vehicles: Array.from({ length: options.vans }, (_, i) =>
      vehicleRecord(frame, i, i % 2 === 0 ? 8 : 12),
    ),
  });
}
