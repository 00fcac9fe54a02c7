import { describe, expect, it } from 'vitest';
import { availableHours, computeUtilization } from '@shared/bookings/utilization';
import { DateTime } from 'luxon';
import { LA, ib, trip } from './helpers';

describe('computeUtilization', () => {
  it('merges overlaps, excludes cancelled, clips at period edges (ISO weeks, LA)', () => {
    const bookings = [
      ib('a', '2025-03-03T17:00:00Z', '2025-03-03T20:00:00Z'), // Mon 09-12 PST: 3 h
      ib('b', '2025-03-03T19:00:00Z', '2025-03-03T21:00:00Z'), // overlaps a by 1 h: +1 h
      ib('c', '2025-03-04T17:00:00Z', '2025-03-04T18:00:00Z', { status: 'cancelled' }),
      // Sun 22:00 PST to Mon 02:00 PST: 2 h in W10, 2 h in W11.
      ib('d', '2025-03-10T05:00:00Z', '2025-03-10T09:00:00Z', { interpreterId: 'int-2' }),
    ];
    const rows = computeUtilization(bookings, {
      zone: LA,
      granularity: 'week',
      from: '2025-03-03',
      to: '2025-03-17',
    });
    const get = (id: string, period: string) =>
      rows.find((r) => r.resource.id === id && r.period === period);
    expect(get('int-1', '2025-W10')).toMatchObject({ bookedHours: 4, availableHours: 45 });
    expect(get('int-1', '2025-W10')?.ratio).toBeCloseTo(4 / 45);
    expect(get('int-1', '2025-W11')).toMatchObject({ bookedHours: 0 });
    expect(get('int-2', '2025-W10')).toMatchObject({ bookedHours: 2 });
    expect(get('int-2', '2025-W11')).toMatchObject({ bookedHours: 2 });
    // W10 holds the spring-forward Sunday: the period is 167 h long, but working hours are by wall clock.
    expect(
      Date.parse(get('int-1', '2025-W10')!.periodEnd) -
        Date.parse(get('int-1', '2025-W10')!.periodStart),
    ).toBe(167 * 3_600_000);
  });

  it('per month, counting vehicle and driver separately, with a recurring series', () => {
    const weekly = trip('w', '2025-10-06T16:00:00Z', '2025-10-06T18:00:00Z', {
      recurrence: { freq: 'weekly', interval: 1, timeZone: LA, exdates: [] },
    });
    const rows = computeUtilization([weekly], {
      zone: LA,
      granularity: 'month',
      from: '2025-10-01',
      to: '2025-12-01',
      resources: [
        { kind: 'vehicle', id: 'van-1' },
        { kind: 'vehicle', id: 'van-9' },
      ],
    });
    expect(rows.map((r) => [r.resource.id, r.period, r.bookedHours])).toEqual([
      ['van-1', '2025-10', 8], // Mondays 6, 13, 20, 27 Oct
      ['van-1', '2025-11', 8], // 3, 10, 17, 24 Nov, still 09:00 PST after fall back
      ['van-9', '2025-10', 0],
      ['van-9', '2025-11', 0],
    ]);
    expect(rows[0]?.availableHours).toBe(23 * 9);
  });

  it('available hours follow the rule', () => {
    const start = DateTime.fromISO('2025-03-03', { zone: LA });
    expect(
      availableHours(start, start.plus({ weeks: 1 }), {
        weekdays: ['MO', 'SA'],
        start: '08:00',
        end: '12:30',
      }),
    ).toBe(9);
  });
});
