import { describe, expect, it } from 'vitest';
import {
  editThisAndFollowing,
  editThisOccurrence,
  endSeriesBefore,
  excludeOccurrence,
  expandOccurrences,
  seriesEnd,
  toRRuleString,
} from '@shared/bookings/recurrence';
import { parseInterpreterBooking, type RecurrenceRule } from '@shared/bookings/schemas';
import { instantToWallTime } from '@shared/bookings/wall-time';
import { LA, ib } from './helpers';

const weekly = (extra: Partial<RecurrenceRule> = {}): RecurrenceRule => ({
  freq: 'weekly',
  interval: 1,
  timeZone: LA,
  exdates: [],
  ...extra,
});

const walls = (starts: number[]) =>
  starts.map((s) => {
    const w = instantToWallTime(s, LA);
    return `${w.date} ${w.time}`;
  });

describe('expandOccurrences', () => {
  it('keeps a weekly 09:00 at 09:00 Los Angeles time across both DST changes', () => {
    // Sunday 2025-03-02 09:00 PST; the 2025-03-09 and 2025-11-02 Sundays are DST days.
    const b = ib('s', '2025-03-02T17:00:00Z', '2025-03-02T18:00:00Z', {
      recurrence: weekly({ until: '2025-11-09T23:00:00.000Z' }),
    });
    const occ = expandOccurrences(b, { to: '2026-01-01T00:00:00Z' });
    expect(occ).toHaveLength(37);
    for (const o of occ) {
      expect(instantToWallTime(o.start, LA).time).toBe('09:00');
      expect(o.end - o.start).toBe(3_600_000);
    }
    const iso = occ.map((o) => new Date(o.start).toISOString());
    expect(iso[0]).toBe('2025-03-02T17:00:00.000Z');
    expect(iso[1]).toBe('2025-03-09T16:00:00.000Z'); // PDT now
    expect(iso).toContain('2025-11-02T17:00:00.000Z'); // PST again
    expect(iso[iso.length - 1]).toBe('2025-11-09T17:00:00.000Z');
  });

  it('handles interval, byWeekday and count (count includes the first occurrence)', () => {
    // Monday 2025-03-03 10:00 PST, every 2 weeks on Mon and Thu, 5 times.
    const b = ib('s', '2025-03-03T18:00:00Z', '2025-03-03T19:00:00Z', {
      recurrence: weekly({ interval: 2, count: 5, byWeekday: ['MO', 'TH'] }),
    });
    const occ = expandOccurrences(b, { to: '2026-01-01T00:00:00Z' });
    expect(walls(occ.map((o) => o.start))).toEqual([
      '2025-03-03 10:00',
      '2025-03-06 10:00',
      '2025-03-17 10:00',
      '2025-03-20 10:00',
      '2025-03-31 10:00',
    ]);
    expect(seriesEnd(b)).toBe(occ[4]!.end);
  });

  it('daily series crossing spring forward: a 02:30 occurrence moves to 03:30 PDT (RFC 5545)', () => {
    const b = ib('s', '2025-03-08T10:30:00Z', '2025-03-08T11:00:00Z', {
      recurrence: { freq: 'daily', interval: 1, count: 3, timeZone: LA, exdates: [] },
    });
    expect(walls(expandOccurrences(b, { to: '2026-01-01T00:00:00Z' }).map((o) => o.start))).toEqual(
      ['2025-03-08 02:30', '2025-03-09 03:30', '2025-03-10 02:30'],
    );
  });

  it('removes EXDATEs, clips to the window and stops open-ended series at the window', () => {
    const b = ib('s', '2025-01-06T17:00:00Z', '2025-01-06T18:00:00Z', {
      recurrence: weekly({ exdates: ['2025-01-13T17:00:00.000Z'] }),
    });
    const occ = expandOccurrences(b, { from: '2025-01-07T00:00:00Z', to: '2025-02-01T00:00:00Z' });
    expect(occ.map((o) => new Date(o.start).toISOString())).toEqual([
      '2025-01-20T17:00:00.000Z',
      '2025-01-27T17:00:00.000Z',
    ]);
    expect(occ.map((o) => o.index)).toEqual([2, 3]);
    expect(seriesEnd(b)).toBe(Number.POSITIVE_INFINITY);
  });

  it('non-recurring booking expands to itself only when inside the window', () => {
    const b = ib('x', '2025-01-06T17:00:00Z', '2025-01-06T18:00:00Z');
    expect(expandOccurrences(b, { to: '2025-02-01T00:00:00Z' })).toHaveLength(1);
    expect(
      expandOccurrences(b, { from: '2025-01-06T18:00:00Z', to: '2025-02-01T00:00:00Z' }),
    ).toHaveLength(0);
  });
});

describe('series edits', () => {
  const series = ib('s', '2025-01-06T17:00:00Z', '2025-01-06T18:00:00Z', {
    recurrence: weekly({ count: 6 }),
  });

  it('excludeOccurrence adds an EXDATE and refuses instants not in the series', () => {
    const r = excludeOccurrence(series, '2025-01-13T17:00:00Z');
    expect(r.ok && r.value.recurrence?.exdates).toEqual(['2025-01-13T17:00:00.000Z']);
    expect(series.recurrence?.exdates).toEqual([]); // input untouched
    expect(excludeOccurrence(series, '2025-01-13T18:00:00Z')).toMatchObject({
      ok: false,
      error: { code: 'bookings.occurrence_not_in_series' },
    });
  });

  it('"this one" detaches the occurrence with changes and excludes it from the series', () => {
    const r = editThisOccurrence(
      series,
      '2025-01-20T17:00:00.000Z',
      { start: '2025-01-20T19:00:00.000Z', end: '2025-01-20T20:00:00.000Z', status: 'tentative' },
      'new-1',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.series?.recurrence?.exdates).toEqual(['2025-01-20T17:00:00.000Z']);
    expect(r.value.created).toMatchObject({
      id: 'new-1',
      start: '2025-01-20T19:00:00.000Z',
      status: 'tentative',
      detachedFrom: { seriesId: 's', originalStart: '2025-01-20T17:00:00.000Z' },
    });
    expect(r.value.created.recurrence).toBeUndefined();
    expect(parseInterpreterBooking(r.value.created).ok).toBe(true);
    expect(expandOccurrences(r.value.series!, { to: '2026-01-01T00:00:00Z' })).toHaveLength(5);
  });

  it('"this and following" splits COUNT and moves later EXDATEs to the new wall time', () => {
    const withEx = {
      ...series,
      recurrence: weekly({ count: 6, exdates: ['2025-02-03T17:00:00.000Z'] }),
    };
    // Occurrence 3 (2025-01-20) onwards moves from 09:00 to 10:30 LA.
    const r = editThisAndFollowing(
      withEx,
      '2025-01-20T17:00:00.000Z',
      { start: '2025-01-20T18:30:00.000Z', end: '2025-01-20T19:30:00.000Z' },
      'new-2',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const before = expandOccurrences(r.value.series!, { to: '2026-01-01T00:00:00Z' });
    const after = expandOccurrences(r.value.created, { to: '2026-01-01T00:00:00Z' });
    expect(walls(before.map((o) => o.start))).toEqual(['2025-01-06 09:00', '2025-01-13 09:00']);
    expect(walls(after.map((o) => o.start))).toEqual([
      '2025-01-20 10:30',
      '2025-01-27 10:30',
      '2025-02-10 10:30',
    ]);
    expect(r.value.created.recurrence).toMatchObject({
      count: 4,
      exdates: ['2025-02-03T18:30:00.000Z'],
    });
    expect(parseInterpreterBooking(r.value.series).ok).toBe(true);
    expect(parseInterpreterBooking(r.value.created).ok).toBe(true);
  });

  it('"this and following" on an open series truncates with UNTIL; on the first occurrence leaves nothing', () => {
    const open = { ...series, recurrence: weekly() };
    const r = editThisAndFollowing(open, '2025-01-20T17:00:00.000Z', { notes: 'moved' }, 'n');
    expect(r.ok && r.value.series?.recurrence?.until).toBe('2025-01-20T16:59:59.000Z');
    const first = editThisAndFollowing(open, '2025-01-06T17:00:00.000Z', {}, 'n');
    expect(first.ok && first.value.series).toBeNull();
    const ended = endSeriesBefore(open, '2025-01-13T17:00:00.000Z');
    expect(
      ended.ok && ended.value && expandOccurrences(ended.value, { to: '2026-01-01T00:00:00Z' }),
    ).toHaveLength(1);
  });

  it('formats RRULE with UTC UNTIL', () => {
    expect(toRRuleString(weekly({ interval: 2, byWeekday: ['MO', 'TH'], count: 4 }))).toBe(
      'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=MO,TH;WKST=MO',
    );
    expect(
      toRRuleString({
        freq: 'daily',
        interval: 1,
        until: '2025-03-09T10:00:00.000Z',
        timeZone: LA,
        exdates: [],
      }),
    ).toBe('FREQ=DAILY;UNTIL=20250309T100000Z;WKST=MO');
  });
});
