import { describe, expect, it } from 'vitest';
import { parseVehicleTrip } from '@shared/bookings';
import {
  buildCandidate,
  valuesOf,
} from '../../../src-renderer/src/features/bookings/model/candidate';

const ctx = {
  kind: 'vehicle' as const,
  id: 'new',
  officeId: 'losangeles',
  zone: 'America/Los_Angeles',
};
const base = {
  resourceId: 'van',
  driverId: '',
  pickUp: 'LAX',
  dropOff: 'Downtown',
  passengers: 2,
  purpose: 'delegation' as const,
  status: 'confirmed' as const,
};

describe('booking form values -> record', () => {
  it('refuses a wall time in the spring-forward gap', () => {
    const built = buildCandidate(
      { ...base, date: '2025-03-09', startTime: '02:30', endTime: '04:00' },
      ctx,
    );
    expect(built.ok ? null : built.error.code).toBe('bookings.wall_time_nonexistent');
  });

  it('asks which 01:30 on the fall-back night, then takes the chosen one', () => {
    const values = { ...base, date: '2025-11-02', startTime: '01:30', endTime: '03:00' };
    const asked = buildCandidate(values, ctx);
    expect(asked.ok).toBe(false);
    if (!asked.ok) expect(asked.needsAmbiguity).toBe(true);
    const earlier = buildCandidate({ ...values, ambiguity: 'earlier' }, ctx);
    const later = buildCandidate({ ...values, ambiguity: 'later' }, ctx);
    expect(earlier.ok && earlier.start).toBe('2025-11-02T08:30:00.000Z'); // PDT
    expect(later.ok && later.start).toBe('2025-11-02T09:30:00.000Z'); // PST
  });

  it('builds a weekly rule in the office zone that the schema accepts and the form reads back', () => {
    const built = buildCandidate(
      {
        ...base,
        date: '2025-03-10',
        startTime: '08:00',
        endTime: '09:00',
        endsNextDay: false,
        repeat: 'weekly',
        interval: 1,
        repeatEnd: 'until',
        until: '2025-03-31',
        weekdays: ['WE', 'MO'],
        passengerNames: [' Kim ', ''],
      },
      ctx,
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const parsed = parseVehicleTrip(built.booking);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.recurrence).toMatchObject({
      freq: 'weekly',
      byWeekday: ['MO', 'WE'],
      timeZone: 'America/Los_Angeles',
    });
    expect(parsed.value.passengerNames).toEqual(['Kim']);
    // The until date is inclusive: its end of day, local.
    expect(parsed.value.recurrence?.until).toBe('2025-04-01T06:59:59.999Z');
    const back = valuesOf(parsed.value, ctx.zone, Date.parse('2025-03-12T15:00:00.000Z'));
    expect(back).toMatchObject({
      date: '2025-03-12',
      startTime: '08:00',
      endTime: '09:00',
      repeat: 'weekly',
      until: '2025-03-31',
    });
  });

  it('takes an overnight end from "ends the next day"', () => {
    const built = buildCandidate(
      { ...base, date: '2025-03-10', startTime: '23:00', endTime: '01:00', endsNextDay: true },
      ctx,
    );
    expect(built.ok && [built.start, built.end]).toEqual([
      '2025-03-11T06:00:00.000Z',
      '2025-03-11T08:00:00.000Z',
    ]);
    const refused = buildCandidate(
      { ...base, date: '2025-03-10', startTime: '23:00', endTime: '01:00' },
      ctx,
    );
    expect(refused.ok ? null : refused.error.code).toBe('bookings.end_not_after_start');
  });
});

describe('the repeated hour of a DST change, once chosen', () => {
  it.each(['earlier', 'later'] as const)(
    'is kept with the saved booking (%s 01:30) and not asked again on edit',
    (choice) => {
      const first = buildCandidate(
        {
          ...base,
          date: '2025-11-02',
          startTime: '01:30',
          endTime: '02:30',
          ambiguity: choice,
        },
        ctx,
      );
      if (!first.ok) throw new Error(first.error.code);
      const saved = parseVehicleTrip(first.booking);
      if (!saved.ok) throw new Error(saved.error.code);
      // 01:30 PDT (UTC-7) is 08:30Z; 01:30 PST (UTC-8) is 09:30Z.
      expect(saved.value.start).toBe(
        choice === 'earlier' ? '2025-11-02T08:30:00.000Z' : '2025-11-02T09:30:00.000Z',
      );
      const values = valuesOf(saved.value, ctx.zone);
      expect(values.ambiguity).toBe(choice);
      // Saving the edit again (a note changed) needs no new choice and keeps the instant.
      const again = buildCandidate({ ...values, notes: 'gate 4' }, ctx);
      expect(again.ok).toBe(true);
      if (again.ok) expect(again.start).toBe(saved.value.start);
    },
  );

  it('asks nothing for a booking outside the repeated hour', () => {
    const built = buildCandidate(
      { ...base, date: '2025-11-03', startTime: '01:30', endTime: '02:30' },
      ctx,
    );
    if (!built.ok) throw new Error(built.error.code);
    const saved = parseVehicleTrip(built.booking);
    if (!saved.ok) throw new Error(saved.error.code);
    expect(valuesOf(saved.value, ctx.zone).ambiguity).toBeUndefined();
  });
});

describe('the repeated hour shown on the saved booking', () => {
  it('says which 01:30 with its offset wherever the booking is listed', async () => {
    const { timeRange } =
      await import('../../../src-renderer/src/features/bookings/model/describe');
    const zone = 'America/Los_Angeles';
    const earlier = Date.parse('2025-11-02T08:30:00.000Z');
    const later = Date.parse('2025-11-02T09:30:00.000Z');
    expect(timeRange(earlier, earlier + 1_800_000, zone, 'en')).toBe(
      '01:30 (UTC-07:00)–01:00 (UTC-08:00)',
    );
    expect(timeRange(later, later + 3_600_000, zone, 'en')).toBe('01:30 (UTC-08:00)–02:30');
    // Any other day: plain times.
    expect(timeRange(later + 86_400_000, later + 90_000_000, zone, 'en')).toBe('01:30–02:30');
  });
});
