import { describe, expect, it } from 'vitest';
import { BookingIndex } from '@shared/bookings/booking-index';
import { checkConflicts, nextFreeSlot, nextFreeSlotFor } from '@shared/bookings/conflicts';
import { SortedIntervals, type Interval } from '@shared/bookings/interval-index';
import type { Booking } from '@shared/bookings/schemas';
import { LA, ib, trip, van } from './helpers';

const horizon = { from: '2024-12-01T00:00:00Z', to: '2026-06-01T00:00:00Z' };
const build = (bookings: Booking[]) => BookingIndex.build(bookings, { horizon, vehicles: [van] });

describe('checkConflicts: interpreters', () => {
  const existing = ib('a', '2025-04-01T17:00:00Z', '2025-04-01T19:00:00Z');

  it('refuses an overlapping booking of the same interpreter, with clash times and next free slot', () => {
    const r = checkConflicts(
      ib('b', '2025-04-01T18:00:00Z', '2025-04-01T19:00:00Z'),
      build([existing]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('bookings.interpreter_double_booked');
    expect(r.clashes).toEqual([
      {
        resource: { kind: 'interpreter', id: 'int-1' },
        bookingId: 'a',
        start: '2025-04-01T17:00:00.000Z',
        end: '2025-04-01T19:00:00.000Z',
        candidateStart: '2025-04-01T18:00:00.000Z',
        candidateEnd: '2025-04-01T19:00:00.000Z',
      },
    ]);
    expect(r.nextFreeSlot).toEqual({
      start: '2025-04-01T19:00:00.000Z',
      end: '2025-04-01T20:00:00.000Z',
    });
  });

  it('allows back-to-back, other interpreters, and ignores cancelled on either side', () => {
    const index = build([
      existing,
      ib('c', '2025-04-01T19:00:00Z', '2025-04-01T20:00:00Z', { status: 'cancelled' }),
    ]);
    expect(checkConflicts(ib('b', '2025-04-01T19:00:00Z', '2025-04-01T20:00:00Z'), index).ok).toBe(
      true,
    );
    expect(checkConflicts(ib('b', '2025-04-01T15:00:00Z', '2025-04-01T17:00:00Z'), index).ok).toBe(
      true,
    );
    expect(
      checkConflicts(
        ib('b', '2025-04-01T17:30:00Z', '2025-04-01T18:00:00Z', { interpreterId: 'int-2' }),
        index,
      ).ok,
    ).toBe(true);
    expect(
      checkConflicts(
        ib('b', '2025-04-01T17:30:00Z', '2025-04-01T18:00:00Z', { status: 'cancelled' }),
        index,
      ).ok,
    ).toBe(true);
    // A contained booking and a containing one both clash.
    expect(checkConflicts(ib('b', '2025-04-01T17:30:00Z', '2025-04-01T18:00:00Z'), index).ok).toBe(
      false,
    );
    expect(checkConflicts(ib('b', '2025-04-01T16:00:00Z', '2025-04-01T21:00:00Z'), index).ok).toBe(
      false,
    );
    // Tentative bookings hold the time too.
    const tentative = build([{ ...existing, status: 'tentative' }]);
    expect(
      checkConflicts(ib('b', '2025-04-01T18:00:00Z', '2025-04-01T18:30:00Z'), tentative).ok,
    ).toBe(false);
  });

  it('does not clash with its own previous version when editing, and follows incremental updates', () => {
    const index = build([existing]);
    expect(checkConflicts({ ...existing, end: '2025-04-01T20:00:00.000Z' }, index).ok).toBe(true);
    index.upsert({ ...existing, status: 'cancelled' });
    expect(checkConflicts(ib('b', '2025-04-01T18:00:00Z', '2025-04-01T19:00:00Z'), index).ok).toBe(
      true,
    );
    index.upsert(existing);
    expect(checkConflicts(ib('b', '2025-04-01T18:00:00Z', '2025-04-01T19:00:00Z'), index).ok).toBe(
      false,
    );
    index.remove('a');
    expect(checkConflicts(ib('b', '2025-04-01T18:00:00Z', '2025-04-01T19:00:00Z'), index).ok).toBe(
      true,
    );
    expect(index.size).toBe(0);
  });

  it('checks every occurrence of a recurring candidate against recurring bookings', () => {
    // Existing: every Tuesday 10:00-11:00 LA from 2025-01-07. Candidate: every day 10:30 from Jan 1.
    const tuesdays = ib('tue', '2025-01-07T18:00:00Z', '2025-01-07T19:00:00Z', {
      recurrence: {
        freq: 'weekly',
        interval: 1,
        timeZone: LA,
        exdates: ['2025-01-07T18:00:00.000Z'],
      },
    });
    const daily = ib('d', '2025-01-01T18:30:00Z', '2025-01-01T19:00:00Z', {
      recurrence: { freq: 'daily', interval: 1, count: 21, timeZone: LA, exdates: [] },
    });
    const r = checkConflicts(daily, build([tuesdays]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Jan 7 is excluded; Jan 14 and Jan 21 are inside the 21 days.
    expect(r.clashes.map((c) => c.candidateStart)).toEqual([
      '2025-01-14T18:30:00.000Z',
      '2025-01-21T18:30:00.000Z',
    ]);
    expect(r.params).toMatchObject({ clashCount: 2 });
    expect(r.nextFreeSlot).toEqual({
      start: '2025-01-14T19:00:00.000Z',
      end: '2025-01-14T19:30:00.000Z',
    });
    // Skipping those two days resolves it.
    const fixed = {
      ...daily,
      recurrence: {
        ...daily.recurrence!,
        exdates: ['2025-01-14T18:30:00.000Z', '2025-01-21T18:30:00.000Z'],
      },
    };
    expect(checkConflicts(fixed, build([tuesdays])).ok).toBe(true);
  });

  it('refuses inactive interpreters known to the index', () => {
    const index = BookingIndex.build([], {
      horizon,
      interpreters: [
        {
          id: 'int-1',
          officeId: 'losangeles',
          name: { native: 'Jane Kim', latin: 'Jane Kim', script: 'latin' },
          languagePairs: ['ko-en'],
          messengers: [],
          active: false,
        },
      ],
    });
    const r = checkConflicts(ib('b', '2025-04-01T18:00:00Z', '2025-04-01T19:00:00Z'), index);
    expect(r).toMatchObject({ ok: false, code: 'bookings.resource_inactive' });
  });
});

describe('checkConflicts: vehicles and drivers', () => {
  const first = trip('t1', '2025-04-01T16:00:00Z', '2025-04-01T17:00:00Z');

  it('counts the turnaround buffer: 30 min after the trip is blocked, exactly after is fine', () => {
    const index = build([first]);
    const early = checkConflicts(
      trip('t2', '2025-04-01T17:15:00Z', '2025-04-01T18:00:00Z', { driverId: 'drv-2' }),
      index,
    );
    expect(early).toMatchObject({ ok: false, code: 'bookings.vehicle_double_booked' });
    if (!early.ok) {
      expect(early.nextFreeSlot).toEqual({
        start: '2025-04-01T17:30:00.000Z',
        end: '2025-04-01T18:15:00.000Z',
      });
    }
    expect(
      checkConflicts(
        trip('t2', '2025-04-01T17:30:00Z', '2025-04-01T18:00:00Z', { driverId: 'drv-2' }),
        index,
      ).ok,
    ).toBe(true);
    // The buffer also applies to the NEW trip: it must be back 30 min before the next one.
    expect(
      checkConflicts(
        trip('t0', '2025-04-01T15:00:00Z', '2025-04-01T15:45:00Z', { driverId: 'drv-2' }),
        index,
      ).ok,
    ).toBe(false);
    expect(
      checkConflicts(
        trip('t0', '2025-04-01T15:00:00Z', '2025-04-01T15:30:00Z', { driverId: 'drv-2' }),
        index,
      ).ok,
    ).toBe(true);
  });

  it('the driver has no vehicle buffer but cannot drive two vans at once', () => {
    const index = build([first]);
    const other = { vehicleId: 'van-2' };
    expect(
      checkConflicts(trip('t2', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z', other), index).ok,
    ).toBe(true);
    const r = checkConflicts(
      trip('t2', '2025-04-01T16:30:00Z', '2025-04-01T18:00:00Z', other),
      index,
    );
    expect(r).toMatchObject({ ok: false, code: 'bookings.driver_double_booked' });
    // An unassigned driver holds nothing.
    const noDriver = checkConflicts(
      trip('t2', '2025-04-01T16:30:00Z', '2025-04-01T18:00:00Z', { ...other, driverId: null }),
      index,
    );
    expect(noDriver.ok).toBe(true);
  });

  it('refuses more passengers than seats', () => {
    const r = checkConflicts(
      trip('t2', '2025-05-01T16:00:00Z', '2025-05-01T17:00:00Z', { passengers: 8 }),
      build([]),
    );
    expect(r).toMatchObject({
      ok: false,
      code: 'bookings.passengers_exceed_seats',
      params: { passengers: 8, seats: 7 },
      clashes: [],
    });
    expect(
      checkConflicts(
        trip('t2', '2025-05-01T16:00:00Z', '2025-05-01T17:00:00Z', { passengers: 7 }),
        build([]),
      ).ok,
    ).toBe(true);
  });

  it('DST spring forward 2025-03-09 LA: 01:00-01:59 PST then 03:00 PDT is back-to-back minus buffer', () => {
    // 01:00 PST = 09:00Z; trip until 01:30 PST = 09:30Z; buffer to 10:00Z = 03:00 PDT.
    const index = build([trip('n1', '2025-03-09T09:00:00Z', '2025-03-09T09:30:00Z')]);
    expect(
      checkConflicts(trip('n2', '2025-03-09T10:00:00Z', '2025-03-09T11:00:00Z'), index).ok,
    ).toBe(true);
    expect(
      checkConflicts(trip('n2', '2025-03-09T09:59:00Z', '2025-03-09T11:00:00Z'), index).ok,
    ).toBe(false);
  });

  it('DST fall back 2025-11-02 LA: the two 01:30s are different instants', () => {
    // First 01:00-01:45 PDT (08:00Z-08:45Z); the second 01:30 PST is 09:30Z.
    const index = build([ib('f1', '2025-11-02T08:00:00Z', '2025-11-02T08:45:00Z')]);
    expect(checkConflicts(ib('f2', '2025-11-02T09:30:00Z', '2025-11-02T10:00:00Z'), index).ok).toBe(
      true,
    );
    expect(checkConflicts(ib('f2', '2025-11-02T08:30:00Z', '2025-11-02T09:00:00Z'), index).ok).toBe(
      false,
    );
  });

  it('a weekly LA series stays at 09:00 local, so a 09:00 booking after DST clashes and 08:00 does not', () => {
    const series = ib('w', '2025-03-02T17:00:00Z', '2025-03-02T18:00:00Z', {
      recurrence: { freq: 'weekly', interval: 1, count: 10, timeZone: LA, exdates: [] },
    });
    const index = build([series]);
    // 2025-03-16 09:00 PDT = 16:00Z (a UTC-expanded series would sit at 17:00Z).
    expect(checkConflicts(ib('x', '2025-03-16T16:00:00Z', '2025-03-16T16:30:00Z'), index).ok).toBe(
      false,
    );
    expect(checkConflicts(ib('x', '2025-03-16T17:00:00Z', '2025-03-16T17:30:00Z'), index).ok).toBe(
      true,
    );
  });
});

describe('nextFreeSlot', () => {
  const index = build([
    trip('t1', '2025-04-01T16:00:00Z', '2025-04-01T17:00:00Z'),
    trip('t2', '2025-04-01T17:30:00Z', '2025-04-01T18:00:00Z', { driverId: 'drv-2' }),
    trip('t3', '2025-04-01T19:00:00Z', '2025-04-01T20:00:00Z', { vehicleId: 'van-2' }),
  ]);
  const van1 = { kind: 'vehicle', id: 'van-1' } as const;
  const drv1 = { kind: 'driver', id: 'drv-1' } as const;

  it('finds the first gap that fits the duration plus the buffer', () => {
    // Gap between t1+buffer (17:30) and t2 is 0; after t2+buffer 18:30.
    expect(nextFreeSlot(index, [van1], 3_600_000, '2025-04-01T16:30:00Z')).toEqual({
      start: '2025-04-01T18:30:00.000Z',
      end: '2025-04-01T19:30:00.000Z',
    });
    expect(nextFreeSlot(index, [van1], 1_800_000, '2025-04-01T14:00:00Z')).toEqual({
      start: '2025-04-01T14:00:00.000Z',
      end: '2025-04-01T14:30:00.000Z',
    });
  });

  it('needs every resource free at once (vehicle and driver)', () => {
    // van-1 free from 18:30; drv-1 busy 19:00-20:00 with van-2 -> first joint 1h slot 20:00.
    expect(nextFreeSlot(index, [van1, drv1], 3_600_000, '2025-04-01T16:30:00Z')).toEqual({
      start: '2025-04-01T20:00:00.000Z',
      end: '2025-04-01T21:00:00.000Z',
    });
  });

  it('respects working hours in the office zone and a search limit', () => {
    // 10:00-11:00 LA only; on 2025-04-01 the van is busy 09:00-11:00 LA (16:00-18:00Z + buffer).
    const slot = nextFreeSlot(index, [van1], 3_600_000, '2025-04-01T16:00:00Z', {
      workingHours: { zone: LA, start: '09:00', end: '11:00' },
    });
    expect(slot).toEqual({ start: '2025-04-02T16:00:00.000Z', end: '2025-04-02T17:00:00.000Z' });
    expect(
      nextFreeSlot(index, [van1], 3_600_000, '2025-04-01T16:00:00Z', {
        workingHours: { zone: LA, start: '09:00', end: '11:00' },
        notAfter: '2025-04-01T23:00:00Z',
      }),
    ).toBeNull();
  });

  it('nextFreeSlotFor ignores the booking being moved', () => {
    const t1 = index.get('t1')!;
    expect(nextFreeSlotFor(t1, index, '2025-04-01T16:00:00Z')).toEqual({
      start: '2025-04-01T16:00:00.000Z',
      end: '2025-04-01T17:00:00.000Z',
    });
  });
});

describe('SortedIntervals', () => {
  it('agrees with a linear scan under random inserts and removals', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const list = new SortedIntervals();
    let all: Interval[] = [];
    for (let i = 0; i < 400; i += 1) {
      const start = Math.floor(rnd() * 10_000);
      const it: Interval = {
        start,
        end: start + 1 + Math.floor(rnd() * (rnd() < 0.1 ? 3000 : 200)),
        bookingId: `b${i % 150}`,
        occurrenceStart: start,
        occurrenceEnd: start,
      };
      if (rnd() < 0.15) {
        const id = `b${Math.floor(rnd() * 150)}`;
        list.removeBooking(id);
        all = all.filter((x) => x.bookingId !== id);
      } else {
        list.insert(it);
        all.push(it);
      }
      const qs = Math.floor(rnd() * 10_000);
      const qe = qs + 1 + Math.floor(rnd() * 500);
      const expected = all
        .filter((x) => x.start < qe && x.end > qs)
        .map((x) => `${x.bookingId}@${x.start}`)
        .sort();
      expect(
        list
          .overlapping(qs, qe)
          .map((x) => `${x.bookingId}@${x.start}`)
          .sort(),
      ).toEqual(expected);
      const len = 1 + Math.floor(rnd() * 300);
      const free = list.nextFree(qs, len);
      expect(free).toBeGreaterThanOrEqual(qs);
      expect(all.some((x) => x.start < free + len && x.end > free)).toBe(false);
    }
  });
});
