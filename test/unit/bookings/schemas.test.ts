import { describe, expect, it } from 'vitest';
import {
  parseInterpreter,
  parseInterpreterBooking,
  parseVehicle,
  parseVehicleTrip,
  validateTripAgainstVehicle,
} from '@shared/bookings/schemas';
import { runBookingsBench } from '@shared/bookings/bench';
import { LA, ib, trip, van } from './helpers';

describe('booking schemas', () => {
  it('accept valid records and normalise instants to UTC ISO', () => {
    const r = parseInterpreterBooking({
      ...ib('a', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z'),
      start: '2025-04-01T10:00:00-07:00',
    });
    expect(r.ok && r.value.start).toBe('2025-04-01T17:00:00.000Z');
    expect(parseVehicleTrip(trip('t', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z')).ok).toBe(
      true,
    );
  });

  it.each([
    [
      'end before start',
      { end: '2025-04-01T16:00:00.000Z' },
      'bookings.end_not_after_start',
      'end',
    ],
    [
      'end equal to start',
      { end: '2025-04-01T17:00:00.000Z' },
      'bookings.end_not_after_start',
      'end',
    ],
    ['unknown status', { status: 'maybe' }, 'bookings.invalid_status', 'status'],
    ['unknown purpose', { purpose: 'party' }, 'bookings.invalid_purpose', 'purpose'],
    [
      'instant without offset',
      { start: '2025-04-01T17:00:00' },
      'bookings.invalid_instant',
      'start',
    ],
    ['impossible date', { start: '2025-02-30T17:00:00.000Z' }, 'bookings.invalid_instant', 'start'],
    ['unknown zone', { timeZone: 'America/Atlantis' }, 'bookings.invalid_time_zone', 'timeZone'],
    ['empty id', { id: '' }, 'bookings.invalid_record', 'id'],
  ])('rejects %s with a code', (_label, patch, code, path) => {
    const r = parseInterpreterBooking({
      ...ib('a', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z'),
      ...patch,
    });
    expect(r).toEqual({ ok: false, error: { code, path } });
  });

  it.each([
    [
      'count and until together',
      { count: 3, until: '2025-05-01T00:00:00.000Z' },
      'bookings.recurrence_count_and_until',
    ],
    ['zero interval', { interval: 0 }, 'bookings.invalid_recurrence'],
    ['byWeekday on daily', { freq: 'daily', byWeekday: ['MO'] }, 'bookings.invalid_recurrence'],
    [
      'start not on a listed weekday',
      { byWeekday: ['WE'] },
      'bookings.recurrence_start_not_on_weekday',
    ],
    ['unknown weekday', { byWeekday: ['XX'] }, 'bookings.invalid_recurrence'],
  ])('rejects a recurrence with %s', (_label, patch, code) => {
    // 2025-04-01 is a Tuesday in Los Angeles.
    const r = parseInterpreterBooking({
      ...ib('a', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z'),
      recurrence: { freq: 'weekly', interval: 1, timeZone: LA, ...patch },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('rejects a daily series whose occurrences would overlap each other', () => {
    const r = parseInterpreterBooking({
      ...ib('a', '2025-04-01T17:00:00Z', '2025-04-02T17:30:00Z'),
      recurrence: { freq: 'daily', interval: 1, timeZone: LA },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'bookings.recurrence_overlaps_itself' } });
  });

  it('rejects more passenger names than passengers and passengers beyond the seats', () => {
    const named = parseVehicleTrip({
      ...trip('t', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z'),
      passengers: 1,
      passengerNames: ['A', 'B'],
    });
    expect(named).toMatchObject({
      ok: false,
      error: { code: 'bookings.passenger_names_exceed_count' },
    });
    const negative = parseVehicleTrip({
      ...trip('t', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z'),
      passengers: -1,
    });
    expect(negative).toMatchObject({
      ok: false,
      error: { code: 'bookings.invalid_record', path: 'passengers' },
    });
    const tooMany = trip('t', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z', { passengers: 8 });
    expect(validateTripAgainstVehicle(tooMany, van)).toEqual({
      code: 'bookings.passengers_exceed_seats',
      params: { passengers: 8, seats: 7, plate: '8ABC123' },
      path: 'passengers',
    });
    expect(validateTripAgainstVehicle({ ...tooMany, passengers: 7 }, van)).toBeNull();
    expect(
      validateTripAgainstVehicle({ ...tooMany, passengers: 2, officeId: 'tokyo' }, van),
    ).toEqual({
      code: 'bookings.office_mismatch',
    });
  });

  it('validates resources', () => {
    expect(parseVehicle({ ...van, seats: 0 })).toMatchObject({
      ok: false,
      error: { path: 'seats' },
    });
    expect(parseVehicle({ ...van, turnaroundBufferMinutes: undefined })).toMatchObject({
      ok: true,
      value: { turnaroundBufferMinutes: 0 },
    });
    const interpreter = {
      id: 'i',
      officeId: 'tokyo',
      name: { native: '山田 花子', latin: 'YAMADA Hanako', script: 'japanese' },
      languagePairs: ['ko-ja'],
      rate: { amountMinor: 5000, currency: 'JPY' },
    };
    expect(parseInterpreter(interpreter)).toMatchObject({
      ok: true,
      value: { active: true, messengers: [] },
    });
    expect(parseInterpreter({ ...interpreter, languagePairs: ['korean/japanese'] }).ok).toBe(false);
    expect(
      parseInterpreter({ ...interpreter, rate: { amountMinor: 1.5, currency: 'JPY' } }).ok,
    ).toBe(false);
  });
});

describe('runBookingsBench (shape only; timings are not asserted)', () => {
  it('returns the headline metric, a baseline and a ratio', () => {
    const r = runBookingsBench({ existing: 300, candidates: 10, repeats: 3 });
    expect(r.name).toBe('bookings.conflict_check_ms_10k');
    expect(r.unit).toBe('ms');
    expect(r.baseline.name).toBe('bookings.conflict_check_naive_ms_10k');
    for (const v of [r.value, r.baseline.value, r.speedup.value, r.indexBuild.value]) {
      expect(Number.isFinite(v) && v > 0).toBe(true);
    }
  });
});
