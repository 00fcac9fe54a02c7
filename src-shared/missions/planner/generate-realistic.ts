import { pick, seededRandom, type Random } from '../../random/seeded';
import type { Booking } from '../../bookings/schemas';
import type { MeetingRequest, Participant, Priority } from '../schemas';
import { missionDates, wallMinutes, type MissionRecords } from './build-problem';
import {
  CENTER,
  frameOf,
  interpreterRecord,
  isoOf,
  missionRecord,
  missionRecords,
  participantRecord,
  personRecord,
  placeRecord,
  requestRecord,
  vehicleRecord,
  venuePlaceId,
  type GenerateOptions,
} from './generate';

/**
 * Seeded missions with the contention a real delegation meets, for
 * `npm run bench` (missions.*). `generate.ts` makes loose random missions for
 * the property tests; this one follows how a Tokyo office's mission looks
 * (the assumptions are listed in docs/decisions.md, "Missions: the bench's
 * generated missions"). In short:
 *
 * - firms of 1-3 people who speak Korean (a few English, very few Japanese);
 * - buyers who speak the local language (about 1 in 12 English), across the
 *   city and its industrial suburbs; a few popular buyers wanted by several
 *   firms; each buyer gives the same one or two narrow windows to every firm;
 * - most meetings at the buyer's premises, the rest at the hotel, the office
 *   or the exhibition hall;
 * - per firm one must-have meeting (sometimes two), the rest wanted or nice;
 * - interpreters of Korean and the local language, one in four of Korean and
 *   English only; some already booked elsewhere for half a day;
 * - vans of 7 and 9 passenger seats, one firm per leg (as the planner plans).
 */

/** Windows a buyer offers, local wall times: start hour and length in hours. */
const WINDOW_SHAPES: readonly [number, number][] = [
  [9, 3],
  [10, 2],
  [13, 5],
  [13, 3],
  [14, 2],
  [14, 4],
  [15, 3],
  [16, 2],
];

function around(random: Random, minKm: number, maxKm: number): { lat: number; lng: number } {
  const r = Math.sqrt(minKm ** 2 + random() * (maxKm ** 2 - minKm ** 2));
  const angle = random() * 2 * Math.PI;
  return {
    lat: CENTER.lat + (r / 111) * Math.cos(angle),
    lng: CENTER.lng + (r / (111 * Math.cos((CENTER.lat * Math.PI) / 180))) * Math.sin(angle),
  };
}

export function generateRealisticMission(options: GenerateOptions): MissionRecords {
  const random = seededRandom(options.seed);
  const frame = frameOf(options);
  const timeZone = frame.timeZone;
  const local = timeZone === 'America/Los_Angeles' ? 'en' : 'ja';
  const second = local === 'en' ? 'es' : 'en';
  const hotel = placeRecord(frame, 'hotel', 'hotel', around(random, 0, 1));
  const office = placeRecord(frame, 'office', 'office', around(random, 1, 3));
  const hall = placeRecord(frame, 'hall', 'hall', around(random, 6, 8));
  const venues = { hotel, office, hall };
  const mission = missionRecord(frame, venues);

  // Buyers: three in four in the city (up to 12 km), the rest in the suburbs (12-25 km).
  const buyerCount = Math.max(1, Math.round(options.requests * 0.7));
  const buyerPlaces = Array.from({ length: buyerCount }, (_, i) =>
    placeRecord(
      frame,
      `buyer-${i}`,
      'buyer',
      random() < 0.75 ? around(random, 0, 12) : around(random, 12, 25),
      i,
    ),
  );
  const buyerLanguage = buyerPlaces.map(() => (random() < 0.92 ? local : second));
  const dates = missionDates(mission);
  const windowOn = (date: string, [hour, hours]: [number, number]) => {
    const start = wallMinutes(date, `${String(hour).padStart(2, '0')}:00`, timeZone);
    return { start: isoOf(start), end: isoOf(start + hours * 60) };
  };
  // One or two windows per buyer, on one or two days; one buyer in ten is free any time.
  const buyerWindows = buyerPlaces.map(() =>
    random() < 0.1
      ? []
      : Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          windowOn(pick(random, dates), pick(random, WINDOW_SHAPES)),
        ).filter((w, i, all) => all.findIndex((x) => x.start === w.start) === i),
  );
  // Popularity: a request names one of the first fifth of the buyers (the big importers) two times in five.
  const popular = Math.max(1, Math.round(buyerCount / 5));
  const drawBuyer = () =>
    random() < 0.25 ? Math.floor(random() * popular) : Math.floor(random() * buyerCount);

  const participants: Participant[] = Array.from({ length: options.smes }, (_, i) =>
    participantRecord(
      frame,
      i,
      Array.from({ length: pick(random, [1, 2, 2, 2, 3]) }, (_, k) => {
        const v = random();
        return personRecord(i, k, v < 0.1 ? ['ko', 'en'] : v < 0.22 ? ['ko', local] : ['ko']);
      }),
      random() < 0.9,
    ),
  );

  const seen = new Set<string>();
  const requests: MeetingRequest[] = [];
  const perFirm = new Map<string, number>();
  for (let n = 0; requests.length < options.requests && n < options.requests * 50; n += 1) {
    // Firms bring uneven lists: the first firms of the order ask for more.
    const participant =
      random() < 0.5
        ? participants[requests.length % options.smes]!
        : participants[Math.floor(random() ** 1.5 * options.smes)]!;
    const b = drawBuyer();
    if (seen.has(`${participant.id}|${b}`)) continue;
    seen.add(`${participant.id}|${b}`);
    const count = perFirm.get(participant.id) ?? 0;
    perFirm.set(participant.id, count + 1);
    const priority: Priority =
      count === 0 || (count === 1 && random() < 0.3) ? 'must' : random() < 0.5 ? 'want' : 'nice';
    const v = random();
    const venue = v < 0.7 ? 'buyer' : v < 0.85 ? 'hotel' : v < 0.95 ? 'office' : 'hall';
    requests.push(
      requestRecord(frame, requests.length, {
        participant,
        buyerIndex: b,
        priority,
        durationMinutes: pick(random, [45, 60, 60, 60, 60, 90]),
        venue,
        placeId: venuePlaceId(venue, buyerPlaces[b]!, venues),
        windows: buyerWindows[b]!,
        buyerLanguage: buyerLanguage[b]!,
      }),
    );
  }

  const interpreters = Array.from({ length: options.interpreters }, (_, i) =>
    interpreterRecord(frame, i, i % 4 === 3 ? [`ko-${second}`] : [`ko-${local}`]),
  );
  const vehicles = Array.from({ length: options.vans }, (_, i) =>
    vehicleRecord(frame, i, i % 2 === 0 ? 7 : 9),
  );
  // The office's other work: some interpreters are booked elsewhere for a half-day.
  const bookings: Booking[] = interpreters.flatMap((interpreter, i) => {
    if (random() >= 0.4) return [];
    const date = pick(random, dates);
    const morning = random() < 0.5;
    const start = wallMinutes(date, morning ? '09:00' : '13:00', timeZone);
    return [
      {
        kind: 'interpreter' as const,
        id: `other-${i}`,
        officeId: frame.officeId,
        timeZone,
        start: isoOf(start),
        end: isoOf(start + (morning ? 180 : 300)),
        purpose: 'trade-talk' as const,
        status: 'confirmed' as const,
        interpreterId: interpreter.id,
      },
    ];
  });
  return missionRecords(frame, {
    mission,
    participants,
    requests,
    places: [hotel, office, hall, ...buyerPlaces],
    interpreters,
    vehicles,
    bookings,
  });
}
