import { describe, expect, it } from 'vitest';
import { buildDaySheet } from '@shared/bookings/day-sheet';
import { directoryOf } from '@shared/bookings/people';
import type { Driver, Interpreter } from '@shared/bookings/schemas';
import { LA, ib, trip, van } from './helpers';

const driver: Driver = {
  id: 'drv-1',
  officeId: 'losangeles',
  name: { native: '박준호', latin: 'PARK Junho', script: 'hangul' },
  phone: '+1 213 555 0100',
  messengers: [{ kind: 'KakaoTalk', handle: 'junho.park' }],
  active: true,
};
const interpreter: Interpreter = {
  id: 'int-1',
  officeId: 'losangeles',
  name: { native: '김민지', latin: 'KIM Minji', script: 'hangul' },
  languagePairs: ['ko-en'],
  phone: '+1 213 555 0199',
  messengers: [],
  active: true,
};
const people = directoryOf({ drivers: [driver], vehicles: [van], interpreters: [interpreter] });

describe('buildDaySheet', () => {
  const bookings = [
    trip('late', '2025-11-03T02:00:00Z', '2025-11-03T04:00:00Z', {
      pickUp: { address: '3500 W 6th St, Los Angeles, CA 90020', label: 'Hotel' },
      passengers: 2,
      passengerNames: ['Lee Seojun', 'Choi Yuna'],
    }), // 18:00-20:00 PST on Nov 2
    trip('early', '2025-11-02T08:30:00Z', '2025-11-02T09:40:00Z'), // 01:30 PDT - 01:40 PST
    trip('cancelled', '2025-11-02T18:00:00Z', '2025-11-02T19:00:00Z', { status: 'cancelled' }),
    trip('other-driver', '2025-11-02T18:00:00Z', '2025-11-02T19:00:00Z', { driverId: 'drv-2' }),
    trip('next-day', '2025-11-03T17:00:00Z', '2025-11-03T18:00:00Z'),
    ib('interp', '2025-11-02T18:00:00Z', '2025-11-02T19:00:00Z', { location: 'Downtown LA' }),
  ];

  it('lists the driver’s trips of the local day in order, with wall times and local addresses', () => {
    const sheet = buildDaySheet(
      '2025-11-02',
      LA,
      { kind: 'driver', id: 'drv-1' },
      bookings,
      people,
      'ko',
    );
    expect(sheet.dayLengthHours).toBe(25);
    expect(sheet.weekday).toBe(7);
    expect(sheet.person?.name).toEqual({ primary: '박준호', secondary: 'PARK Junho', lang: 'ko' });
    expect(sheet.rows.map((r) => r.bookingId)).toEqual(['early', 'late']);
    const [early, late] = sheet.rows;
    // Both ends of the early trip sit in the repeated hour: the offsets tell them apart.
    expect(early).toMatchObject({
      start: '01:30',
      end: '01:40',
      startOffset: 'UTC-07:00',
      endOffset: 'UTC-08:00',
    });
    expect(late).toMatchObject({
      start: '18:00',
      end: '20:00',
      startOffset: null,
      pickUp: { address: '3500 W 6th St, Los Angeles, CA 90020', label: 'Hotel' },
      passengers: 2,
      passengerNames: ['Lee Seojun', 'Choi Yuna'],
      vehicle: { plate: '8ABC123', model: 'Toyota Sienna', seats: 7 },
      driver: {
        phone: '+1 213 555 0100',
        messengers: [{ kind: 'KakaoTalk', handle: 'junho.park' }],
      },
    });
  });

  it('shows names in the reader’s script: Latin for an English reader', () => {
    const sheet = buildDaySheet(
      '2025-11-02',
      LA,
      { kind: 'interpreter', id: 'int-1' },
      bookings,
      people,
      'en',
    );
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]?.interpreter?.name).toEqual({
      primary: 'KIM Minji',
      secondary: '김민지',
      lang: 'und-Latn',
    });
    expect(sheet.rows[0]?.location).toBe('Downtown LA');
  });

  it('includes cancelled rows only on request and expands series for the day', () => {
    const withCancelled = buildDaySheet(
      '2025-11-02',
      LA,
      { kind: 'vehicle', id: 'van-1' },
      bookings,
      people,
      'en',
      {
        includeCancelled: true,
      },
    );
    expect(withCancelled.rows.map((r) => r.bookingId)).toEqual([
      'early',
      'cancelled',
      'other-driver',
      'late',
    ]);
    const series = ib('s', '2025-03-03T17:00:00Z', '2025-03-03T18:00:00Z', {
      recurrence: { freq: 'daily', interval: 1, count: 30, timeZone: LA, exdates: [] },
    });
    const springDay = buildDaySheet(
      '2025-03-09',
      LA,
      { kind: 'interpreter', id: 'int-1' },
      [series],
      people,
      'ko',
    );
    expect(springDay.dayLengthHours).toBe(23);
    expect(springDay.rows.map((r) => [r.start, r.startInstant])).toEqual([
      ['09:00', '2025-03-09T16:00:00.000Z'],
    ]);
  });
});
