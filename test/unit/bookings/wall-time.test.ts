import { describe, expect, it } from 'vitest';
import {
  instantToWallTime,
  wallRangeToInstants,
  wallTimeToInstant,
} from '@shared/bookings/wall-time';

const LA = 'America/Los_Angeles';

describe('wallTimeToInstant', () => {
  it('converts an ordinary LA wall time with the right offset (PST and PDT)', () => {
    const winter = wallTimeToInstant({ date: '2025-01-15', time: '09:00' }, LA);
    expect(winter).toEqual({
      ok: true,
      value: { instant: '2025-01-15T17:00:00.000Z', offsetMinutes: -480 },
    });
    const summer = wallTimeToInstant({ date: '2025-07-15', time: '09:00' }, LA);
    expect(summer.ok && summer.value.instant).toBe('2025-07-15T16:00:00.000Z');
  });

  it('rejects a wall time inside the spring-forward gap (2025-03-09 02:30 LA)', () => {
    const r = wallTimeToInstant({ date: '2025-03-09', time: '02:30' }, LA, 'earlier');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bookings.wall_time_nonexistent');
      expect(r.error.params).toMatchObject({ zone: LA, wallTime: '2025-03-09 02:30' });
    }
  });

  it('accepts the edges of the gap: 01:59 PST and 03:00 PDT', () => {
    const before = wallTimeToInstant({ date: '2025-03-09', time: '01:59' }, LA);
    const after = wallTimeToInstant({ date: '2025-03-09', time: '03:00' }, LA);
    expect(before.ok && before.value.instant).toBe('2025-03-09T09:59:00.000Z');
    expect(after.ok && after.value.instant).toBe('2025-03-09T10:00:00.000Z');
  });

  it('refuses an ambiguous fall-back time unless the caller chooses, offering both', () => {
    const wall = { date: '2025-11-02', time: '01:30' };
    const r = wallTimeToInstant(wall, LA);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bookings.wall_time_ambiguous');
      expect(r.error.params).toMatchObject({
        earlier: '2025-11-02T08:30:00.000Z',
        later: '2025-11-02T09:30:00.000Z',
        earlierOffset: 'UTC-07:00',
        laterOffset: 'UTC-08:00',
      });
    }
    const earlier = wallTimeToInstant(wall, LA, 'earlier');
    const later = wallTimeToInstant(wall, LA, 'later');
    expect(earlier.ok && earlier.value).toEqual({
      instant: '2025-11-02T08:30:00.000Z',
      offsetMinutes: -420,
    });
    expect(later.ok && later.value).toEqual({
      instant: '2025-11-02T09:30:00.000Z',
      offsetMinutes: -480,
    });
  });

  it('is unambiguous in zones without DST', () => {
    const r = wallTimeToInstant({ date: '2025-11-02', time: '01:30' }, 'Asia/Tokyo');
    expect(r.ok && r.value.instant).toBe('2025-11-01T16:30:00.000Z');
  });

  it('rejects malformed input and unknown zones with codes', () => {
    expect(wallTimeToInstant({ date: '2025-02-30', time: '09:00' }, LA)).toMatchObject({
      ok: false,
      error: { code: 'bookings.wall_time_invalid' },
    });
    expect(wallTimeToInstant({ date: '2025-02-01', time: '25:00' }, LA)).toMatchObject({
      ok: false,
      error: { code: 'bookings.wall_time_invalid' },
    });
    expect(wallTimeToInstant({ date: '2025-02-01', time: '09:00' }, 'Mars/Olympus')).toMatchObject({
      ok: false,
      error: { code: 'bookings.invalid_time_zone' },
    });
  });
});

describe('instantToWallTime', () => {
  it('shows the office wall time and flags the repeated hour', () => {
    expect(instantToWallTime('2025-11-02T08:30:00.000Z', LA)).toEqual({
      date: '2025-11-02',
      time: '01:30',
      offsetMinutes: -420,
      ambiguous: true,
    });
    expect(instantToWallTime('2025-11-02T09:30:00.000Z', LA)).toMatchObject({
      time: '01:30',
      offsetMinutes: -480,
      ambiguous: true,
    });
    expect(instantToWallTime('2025-03-10T00:00:00.000Z', 'Asia/Seoul')).toEqual({
      date: '2025-03-10',
      time: '09:00',
      offsetMinutes: 540,
      ambiguous: false,
    });
  });

  it('round-trips every quarter hour across both LA transition days', () => {
    for (const date of ['2025-03-09', '2025-11-02']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const r = wallTimeToInstant({ date, time }, LA, 'later');
        if (!r.ok) {
          expect(r.error.code).toBe('bookings.wall_time_nonexistent');
          expect(date === '2025-03-09' && time >= '02:00' && time < '03:00').toBe(true);
          continue;
        }
        expect(instantToWallTime(r.value.instant, LA)).toMatchObject({ date, time });
      }
    }
  });
});

describe('wallRangeToInstants', () => {
  it('converts a form range, including overnight, and refuses bad ends', () => {
    expect(
      wallRangeToInstants(
        { date: '2025-03-08', startTime: '22:00', endTime: '04:00', endDate: '2025-03-09' },
        LA,
      ),
    ).toEqual({
      ok: true,
      value: { start: '2025-03-09T06:00:00.000Z', end: '2025-03-09T11:00:00.000Z' },
    });
    expect(
      wallRangeToInstants({ date: '2025-03-08', startTime: '10:00', endTime: '09:00' }, LA),
    ).toMatchObject({
      ok: false,
      error: { code: 'bookings.end_not_after_start' },
    });
    expect(
      wallRangeToInstants({ date: '2025-03-09', startTime: '01:00', endTime: '02:15' }, LA),
    ).toMatchObject({
      ok: false,
      error: { code: 'bookings.wall_time_nonexistent' },
    });
  });
});
