import { describe, expect, it } from 'vitest';
import {
  estimateTravel,
  haversineKm,
  parseMeeting,
  parseMission,
  parsePlace,
  parseTravelOverride,
  TravelMatrix,
  travelPairKey,
  UNKNOWN_TRAVEL_MINUTES,
  type MissionInput,
} from '@shared/missions';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';

const mission: MissionInput = {
  id: 'm1',
  officeId: 'tokyo',
  name: 'Gyeongnam food mission',
  kind: 'trade-mission',
  status: 'planning',
  arrival: '2025-06-10',
  departure: '2025-06-12',
  timeZone: 'Asia/Tokyo',
  dayStart: '09:00',
  dayEnd: '18:00',
  breaks: [{ start: '12:00', end: '13:00' }],
};

describe('mission schema', () => {
  it('accepts a mission and fills defaults', () => {
    const parsed = parseMission(mission);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.value).toMatchObject({ citySpeedKmh: 20, travelBufferMinutes: 10, notes: '' });
  });

  it.each([
    [{ departure: '2025-06-09' }, 'missions.departure_before_arrival'],
    [{ departure: '2025-07-30' }, 'missions.mission_too_long'],
    [{ dayEnd: '08:00' }, 'missions.day_window_empty'],
    [{ breaks: [{ start: '07:00', end: '08:00' }] }, 'missions.break_outside_day'],
    [{ dayStart: '9:00' }, 'missions.invalid_time'],
    [{ arrival: '2025-02-30' }, 'missions.invalid_date'],
  ])('refuses %j with %s', (patch, code) => {
    const parsed = parseMission({ ...mission, ...patch });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('refuses a place with only one coordinate and a travel override of a place to itself', () => {
    const place = parsePlace({
      id: 'p',
      officeId: 'tokyo',
      kind: 'hotel',
      name: 'H',
      address: '東京都',
      lat: 35,
    });
    expect(place.ok || place.error.code).toBe('missions.invalid_coordinates');
    const same = parseTravelOverride({
      id: 'a|a',
      officeId: 'tokyo',
      placeIds: ['a', 'a'],
      minutes: 5,
    });
    expect(same.ok || same.error.code).toBe('missions.same_place');
  });

  it('refuses a meeting that ends before it starts', () => {
    const parsed = parseMeeting({
      id: 'x',
      officeId: 'tokyo',
      missionId: 'm1',
      requestId: 'r',
      status: 'proposed',
      start: '2025-06-10T02:00:00Z',
      end: '2025-06-10T01:00:00Z',
      timeZone: 'Asia/Tokyo',
      placeId: 'p',
    });
    expect(parsed.ok || parsed.error.code).toBe('missions.window_end_not_after_start');
  });
});

describe('travel estimates', () => {
  const tokyo = { id: 'tokyo-st', lat: 35.6812, lng: 139.7671 };
  const yokohama = { id: 'yokohama-st', lat: 35.4658, lng: 139.6223 };

  it('measures great-circle distance', () => {
    expect(haversineKm(tokyo, yokohama)).toBeCloseTo(27.3, 0);
  });

  it('estimates distance x detour at the city speed plus the buffer, rounded up', () => {
    const est = estimateTravel(tokyo, yokohama, { citySpeedKmh: 20, bufferMinutes: 10 });
    // 27.3 km * 1.3 = 35.5 km at 20 km/h = 106.5 min + 10
    expect(est).toMatchObject({ source: 'estimate', minutes: 117 });
    expect(estimateTravel(tokyo, tokyo, { citySpeedKmh: 20, bufferMinutes: 10 }).minutes).toBe(0);
    expect(estimateTravel(tokyo, { id: 'x' }, { citySpeedKmh: 20, bufferMinutes: 10 })).toEqual({
      minutes: UNKNOWN_TRAVEL_MINUTES,
      source: 'unknown',
    });
  });

  it('lets a staff override win in both directions', () => {
    const matrix = new TravelMatrix([tokyo, yokohama], { citySpeedKmh: 20, bufferMinutes: 10 }, [
      { placeIds: [yokohama.id, tokyo.id], minutes: 55 },
    ]);
    expect(matrix.minutes(tokyo.id, yokohama.id)).toBe(55);
    expect(matrix.minutes(yokohama.id, tokyo.id)).toBe(55);
    expect(matrix.source(tokyo.id, yokohama.id)).toBe('override');
    expect(travelPairKey('b', 'a')).toBe(travelPairKey('a', 'b'));
  });
});

describe('sync registration', () => {
  it('declares every mission table, office-scoped, with field schemas HQ checks', () => {
    for (const name of [
      'missions',
      'missionParticipants',
      'missionRequests',
      'missionMeetings',
      'missionPlaces',
      'travelOverrides',
    ]) {
      const table = DEFAULT_TABLE_REGISTRY.get(name);
      expect(table?.scope).toBe('office');
      expect(Object.keys(table?.fields ?? {}).length).toBeGreaterThan(2);
    }
    const meetings = DEFAULT_TABLE_REGISTRY.get('missionMeetings')!;
    expect(meetings.registerOf('legs')).toBe(meetings.registerOf('start'));
    expect(meetings.fields!['start']!.safeParse('not a time').success).toBe(false);
    expect(meetings.fields!['status']!.safeParse('accepted').success).toBe(true);
  });
});
