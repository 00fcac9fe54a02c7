import { describe, expect, it } from 'vitest';
import { BookingIndex } from '@shared/bookings/booking-index';
import { checkConflicts } from '@shared/bookings/conflicts';
import {
  applyResolution,
  describeResolutions,
  detectConflicts,
} from '@shared/bookings/sync-conflicts';
import type { Booking, Vehicle } from '@shared/bookings/schemas';
import { LA, ib, trip, van } from './helpers';

const horizon = { from: '2024-12-01T00:00:00Z', to: '2026-06-01T00:00:00Z' };

describe('detectConflicts', () => {
  it('finds the van booked on two laptops, once per pair and resource', () => {
    const laptopA = trip('a', '2025-04-01T16:00:00Z', '2025-04-01T18:00:00Z');
    const laptopB = trip('b', '2025-04-01T17:00:00Z', '2025-04-01T19:00:00Z', {
      driverId: 'drv-2',
    });
    const fine = trip('c', '2025-04-01T18:30:00Z', '2025-04-01T19:00:00Z', { vehicleId: 'van-2' });
    const conflicts = detectConflicts([laptopB, fine, laptopA], { horizon, vehicles: [van] });
    expect(conflicts).toEqual([
      {
        key: 'vehicle:van-1|a|b',
        resource: { kind: 'vehicle', id: 'van-1' },
        bookingIds: ['a', 'b'],
        count: 1,
        occurrences: [
          {
            a: { start: '2025-04-01T16:00:00.000Z', end: '2025-04-01T18:00:00.000Z' },
            b: { start: '2025-04-01T17:00:00.000Z', end: '2025-04-01T19:00:00.000Z' },
          },
        ],
      },
    ]);
  });

  it('uses the vehicle buffer, skips cancelled and back-to-back, reports the driver too', () => {
    const a = trip('a', '2025-04-01T16:00:00Z', '2025-04-01T17:00:00Z');
    const withinBuffer = trip('b', '2025-04-01T17:10:00Z', '2025-04-01T18:00:00Z', {
      driverId: 'drv-2',
    });
    const cancelled = trip('c', '2025-04-01T16:00:00Z', '2025-04-01T17:00:00Z', {
      status: 'cancelled',
    });
    const driverClash = trip('d', '2025-04-01T16:59:00Z', '2025-04-01T17:30:00Z', {
      vehicleId: 'van-2',
    });
    const backToBack = ib('i1', '2025-04-01T16:00:00Z', '2025-04-01T17:00:00Z');
    const backToBack2 = ib('i2', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z');
    const keys = detectConflicts(
      [a, withinBuffer, cancelled, driverClash, backToBack, backToBack2],
      {
        horizon,
        vehicles: [van],
      },
    ).map((c) => c.key);
    expect(keys.sort()).toEqual(['driver:drv-1|a|d', 'vehicle:van-1|a|b']);
    // Without the buffer the b trip is fine.
    expect(
      detectConflicts([a, withinBuffer], {
        horizon,
        vehicles: [{ ...van, turnaroundBufferMinutes: 0 }],
      }),
    ).toEqual([]);
  });

  it('counts every clashing occurrence between recurring series', () => {
    const mondays = ib('m', '2025-01-06T17:00:00Z', '2025-01-06T18:00:00Z', {
      recurrence: { freq: 'weekly', interval: 1, count: 8, timeZone: LA, exdates: [] },
    });
    const everyOtherMonday = ib('o', '2025-01-06T17:30:00Z', '2025-01-06T18:30:00Z', {
      recurrence: { freq: 'weekly', interval: 2, count: 10, timeZone: LA, exdates: [] },
    });
    const [c] = detectConflicts([mondays, everyOtherMonday], { horizon });
    expect(c?.count).toBe(4); // weeks 0, 2, 4, 6 of the 8 Mondays
    expect(c?.occurrences).toHaveLength(4);
  });

  it('agrees with pairwise checkConflicts on random data', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const bookings: Booking[] = [];
    for (let i = 0; i < 120; i += 1) {
      const start = Date.UTC(2025, 3, 1) + Math.floor(rnd() * 96) * 15 * 60_000;
      const end = start + (1 + Math.floor(rnd() * 8)) * 15 * 60_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      bookings.push(
        rnd() < 0.5
          ? ib(`i${i}`, iso(start), iso(end), { interpreterId: `int-${Math.floor(rnd() * 4)}` })
          : trip(`t${i}`, iso(start), iso(end), {
              vehicleId: `van-${Math.floor(rnd() * 3)}`,
              driverId: `drv-${Math.floor(rnd() * 3)}`,
              status: rnd() < 0.1 ? 'cancelled' : 'confirmed',
            }),
      );
    }
    const vehicles: Vehicle[] = [0, 1, 2].map((n) => ({
      ...van,
      id: `van-${n}`,
      turnaroundBufferMinutes: n * 15,
    }));
    const pairs = new Set(
      detectConflicts(bookings, { horizon, vehicles }).map((c) => c.bookingIds.join('|')),
    );
    const expected = new Set<string>();
    // checkConflicts ignores the candidate's own id, so one index of all serves every check.
    const all = BookingIndex.build(bookings, { horizon, vehicles });
    for (const b of bookings) {
      const r = checkConflicts(b, all, { maxClashes: 1000 });
      if (!r.ok) for (const c of r.clashes) expected.add([b.id, c.bookingId].sort().join('|'));
    }
    expect(pairs.size).toBeGreaterThan(5);
    expect(pairs).toEqual(expected);
  });
});

describe('resolutions', () => {
  const a = trip('a', '2025-04-01T16:00:00Z', '2025-04-01T18:00:00Z');
  const b = trip('b', '2025-04-01T17:00:00Z', '2025-04-01T19:00:00Z', { driverId: 'drv-2' });
  const van2: Vehicle = {
    ...van,
    id: 'van-2',
    plate: '8XYZ999',
    seats: 4,
    turnaroundBufferMinutes: 0,
  };
  const van3: Vehicle = {
    ...van,
    id: 'van-3',
    plate: '7QRS111',
    seats: 12,
    turnaroundBufferMinutes: 0,
  };
  const busyVan3 = trip('c', '2025-04-01T18:30:00Z', '2025-04-01T20:00:00Z', {
    vehicleId: 'van-3',
    driverId: 'drv-3',
  });

  it('offers reschedule, reassign to free vehicles with enough seats, and cancel', () => {
    const index = BookingIndex.build([a, b, busyVan3], { horizon, vehicles: [van, van2, van3] });
    const [conflict] = detectConflicts(index.bookings(), { horizon, vehicles: [van, van2, van3] });
    expect(conflict?.key).toBe('vehicle:van-1|a|b');
    const actions = describeResolutions(conflict!, index);
    // a (3 passengers, 16:00-18:00): van-2 (4 seats) and van-3 free. b (17:00-19:00): van-3 busy from 18:30.
    expect(actions).toEqual([
      {
        kind: 'reschedule',
        bookingId: 'a',
        slot: { start: '2025-04-01T19:30:00.000Z', end: '2025-04-01T21:30:00.000Z' },
      },
      {
        kind: 'reassign',
        bookingId: 'a',
        resource: { kind: 'vehicle', id: 'van-1' },
        candidates: [
          { kind: 'vehicle', id: 'van-2' },
          { kind: 'vehicle', id: 'van-3' },
        ],
      },
      { kind: 'cancel', bookingId: 'a' },
      {
        kind: 'reschedule',
        bookingId: 'b',
        slot: { start: '2025-04-01T18:30:00.000Z', end: '2025-04-01T20:30:00.000Z' },
      },
      {
        kind: 'reassign',
        bookingId: 'b',
        resource: { kind: 'vehicle', id: 'van-1' },
        candidates: [{ kind: 'vehicle', id: 'van-2' }],
      },
      { kind: 'cancel', bookingId: 'b' },
    ]);
    const moved = applyResolution(b, actions[4]!, { kind: 'vehicle', id: 'van-2' });
    expect(moved.vehicleId).toBe('van-2');
    const after = BookingIndex.build([a, moved, busyVan3], {
      horizon,
      vehicles: [van, van2, van3],
    });
    expect(detectConflicts(after.bookings(), { horizon, vehicles: [van, van2, van3] })).toEqual([]);
    expect(applyResolution(a, actions[2]!).status).toBe('cancelled');
    expect(applyResolution(a, actions[0]!)).toMatchObject({
      start: '2025-04-01T19:30:00.000Z',
      end: '2025-04-01T21:30:00.000Z',
    });
    // An action for another booking changes nothing.
    expect(applyResolution(a, actions[5]!)).toBe(a);
  });
});
