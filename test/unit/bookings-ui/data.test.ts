import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { loadBookingsDemo } from '../../../src-renderer/src/features/bookings/data/demo';
import { BookingsRepository } from '../../../src-renderer/src/features/bookings/data/repository';
import { dueReminders } from '../../../src-renderer/src/features/bookings/model/reminders';
import {
  buildAxis,
  hourTicks,
  rangeOf,
} from '../../../src-renderer/src/features/bookings/model/time-axis';
import { detectConflicts } from '@shared/bookings';
import { uniqueDbName } from '../renderer/migration-harness';
import { morningTrip, seed, van } from './fixtures';

describe('bookings repository', () => {
  it('loads the demo for an office in one go, idempotently, with one after-sync conflict', async () => {
    const db = new BridgeheadDatabase(uniqueDbName('bk-demo'));
    const written = await loadBookingsDemo(db, 'losangeles');
    expect(written).toBe(14 + 6 + 5 + 401);
    expect(await loadBookingsDemo(db, 'losangeles')).toBe(written);
    const repo = new BookingsRepository(db, 'losangeles');
    const data = await repo.load();
    expect(data.interpreters).toHaveLength(14);
    expect(data.vehicles).toHaveLength(5);
    expect(data.bookings).toHaveLength(401);
    expect(
      data.bookings.every(
        (b) => b.officeId === 'losangeles' && b.timeZone === 'America/Los_Angeles',
      ),
    ).toBe(true);
    const conflicts = detectConflicts(data.bookings, {
      horizon: data.index.horizon,
      vehicles: data.vehicles,
    });
    expect(conflicts.map((c) => c.resource.kind)).toContain('vehicle');
    expect(conflicts.some((c) => c.bookingIds.some((id) => id.endsWith('-offline')))).toBe(true);
    // Demo records are marked as such and never enter the outbox: they never reach HQ.
    expect(data.bookings.every((b) => b.id.startsWith('demo-'))).toBe(true);
    expect(data.interpreters.every((i) => i.id.startsWith('demo-'))).toBe(true);
    const outbox = (await db.table('_outbox').toArray()) as Array<{ entries: unknown[] }>;
    expect(outbox.reduce((n, row) => n + row.entries.length, 0)).toBe(0);
    db.close();
  });

  it('refuses double bookings and too many passengers, allows back-to-back and cancelled', async () => {
    const db = new BridgeheadDatabase(uniqueDbName('bk-repo'));
    await seed(db);
    const repo = new BookingsRepository(db, 'hq');
    await repo.load();
    const overlapping = {
      ...morningTrip,
      id: 'x1',
      start: '2025-03-10T00:30:00.000Z',
      end: '2025-03-10T01:30:00.000Z',
    };
    const refused = await repo.saveBooking(overlapping);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('bookings.vehicle_double_booked');
      expect(refused.error.clashes?.[0]?.bookingId).toBe(morningTrip.id);
      expect(refused.error.nextFreeSlot?.start).toBe('2025-03-10T01:15:00.000Z');
    }
    // Inside the 15-minute turnaround buffer is a clash; after it is fine.
    expect(
      (
        await repo.saveBooking({
          ...overlapping,
          start: '2025-03-10T01:10:00.000Z',
          end: '2025-03-10T02:00:00.000Z',
        })
      ).ok,
    ).toBe(false);
    expect(
      (
        await repo.saveBooking({
          ...overlapping,
          start: '2025-03-10T01:15:00.000Z',
          end: '2025-03-10T02:00:00.000Z',
        })
      ).ok,
    ).toBe(true);
    expect((await repo.saveBooking({ ...overlapping, id: 'x2', status: 'cancelled' })).ok).toBe(
      true,
    );
    const crowded = await repo.saveBooking({
      ...overlapping,
      id: 'x3',
      start: '2025-03-11T00:00:00.000Z',
      end: '2025-03-11T01:00:00.000Z',
      passengers: van.seats + 1,
    });
    expect(crowded.ok ? null : crowded.error.code).toBe('bookings.passengers_exceed_seats');
    expect(await db.table('vehicleTrips').count()).toBe(3);
    db.close();
  });

  it('edits one occurrence of a series ("this one") and checks it against the rest', async () => {
    const db = new BridgeheadDatabase(uniqueDbName('bk-series'));
    await seed(db, []);
    const repo = new BookingsRepository(db, 'hq');
    await repo.load();
    const series = {
      ...morningTrip,
      id: 'series',
      recurrence: { freq: 'daily', interval: 1, count: 3, timeZone: 'Asia/Seoul', exdates: [] },
    };
    expect((await repo.saveBooking(series)).ok).toBe(true);
    const second = Date.parse('2025-03-11T00:00:00.000Z');
    const moved = await repo.editOccurrence(
      'series',
      second,
      { start: '2025-03-11T03:00:00.000Z', end: '2025-03-11T04:00:00.000Z' },
      'this',
    );
    expect(moved.ok).toBe(true);
    const rows = await db.table('vehicleTrips').toArray();
    expect(rows).toHaveLength(2);
    const updated = rows.find((r) => r.id === 'series');
    expect(updated.recurrence.exdates).toEqual(['2025-03-11T00:00:00.000Z']);
    // Moving the third occurrence onto the detached one is refused.
    const clash = await repo.editOccurrence(
      'series',
      Date.parse('2025-03-12T00:00:00.000Z'),
      { start: '2025-03-11T03:30:00.000Z', end: '2025-03-11T04:00:00.000Z' },
      'this',
    );
    expect(clash.ok).toBe(false);
    db.close();
  });
});

describe('time axis and reminders', () => {
  it('has 23 and 25 hour columns on Los Angeles DST days', () => {
    const zone = 'America/Los_Angeles';
    const spring = hourTicks(rangeOf('2025-03-09', zone, 'day'), zone);
    expect(spring).toHaveLength(23);
    expect(spring.map((t) => t.label).slice(0, 4)).toEqual(['00', '01', '03', '04']);
    const fall = hourTicks(rangeOf('2025-11-02', zone, 'day'), zone);
    expect(fall).toHaveLength(25);
    expect(fall.filter((t) => t.repeated).map((t) => t.label)).toEqual(['01']);
    const week = rangeOf('2025-03-12', zone, 'week');
    expect(DateTime.fromMillis(week.from, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      '2025-03-10 00:00',
    );
  });

  it('maps instants to pixels: one segment a day view, 07:00-21:00 windows in a week view', () => {
    const zone = 'America/Los_Angeles';
    const day = buildAxis(rangeOf('2025-03-09', zone, 'day'), zone, 'day');
    expect(day.width).toBe(23 * 96);
    const week = buildAxis(rangeOf('2025-03-10', zone, 'week'), zone, 'week');
    expect(week.segments).toHaveLength(7);
    expect(week.width).toBe(7 * 14 * 48);
    const tuesday9 = DateTime.fromISO('2025-03-11T09:00', { zone }).toMillis();
    // Monday's 14 hours, then two hours into Tuesday's window.
    expect(week.toX(tuesday9)).toBe(14 * 48 + 2 * 48);
    expect(week.fromX(week.toX(tuesday9))).toBe(tuesday9);
    // Night time sits on the window's edge.
    const mondayNight = DateTime.fromISO('2025-03-10T23:00', { zone }).toMillis();
    expect(week.toX(mondayNight)).toBe(14 * 48);
  });

  it('reminds the day before and an hour before, once each, never for cancelled', () => {
    const start = Date.parse(morningTrip.start);
    const bookings = [morningTrip, { ...morningTrip, id: 'gone', status: 'cancelled' as const }];
    const dayBefore = dueReminders(bookings, start - 20 * 3_600_000, new Set());
    expect(dayBefore.map((r) => r.lead)).toEqual(['day']);
    const hourBefore = dueReminders(bookings, start - 30 * 60_000, new Set([dayBefore[0]!.key]));
    expect(hourBefore.map((r) => [r.bookingId, r.lead])).toEqual([[morningTrip.id, 'hour']]);
    expect(
      dueReminders(bookings, start - 30 * 60_000, new Set([hourBefore[0]!.key, dayBefore[0]!.key])),
    ).toEqual([]);
    expect(dueReminders(bookings, start + 60_000, new Set())).toEqual([]);
  });
});
