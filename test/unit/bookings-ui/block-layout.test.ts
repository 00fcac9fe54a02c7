import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_MARK_PX,
  blockText,
  CELL_BLOCK_PAD_PX,
  TRACK_BLOCK_PAD_PX,
  dayIndexOf,
  fittedDay,
  groupByDay,
  laneLayout,
  timeTextWidth,
  weekColumnWidth,
} from '../../../src-renderer/src/features/bookings/model/block-layout';
import { buildAxis, rangeOf } from '../../../src-renderer/src/features/bookings/model/time-axis';
import { filterRows } from '../../../src-renderer/src/features/bookings/model/row-filter';

const zone = 'Asia/Tokyo';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('block text: a time is shown whole or not at all', () => {
  it('keeps the whole range when it fits, else the start, else nothing (never "08:00–1")', () => {
    const rangePx = timeTextWidth('08:00–10:30');
    const startPx = timeTextWidth('08:00');
    expect(blockText({ widthPx: 130, rangePx, startPx })).toEqual({ time: 'range', label: true });
    // The old week: 22 px an hour, a 2.5 hour booking was 55 px and showed "08:00–1";
    // 60 px has room for "08:00" alone.
    expect(blockText({ widthPx: 60, rangePx, startPx })).toEqual({ time: 'start', label: true });
    expect(blockText({ widthPx: 24, rangePx, startPx })).toEqual({ time: 'none', label: false });
    // The threshold is the text's width plus padding: one pixel less drops the range.
    const need = Math.ceil(rangePx) + TRACK_BLOCK_PAD_PX;
    expect(blockText({ widthPx: need, rangePx, startPx }).time).toBe('range');
    expect(blockText({ widthPx: need - 1, rangePx, startPx }).time).toBe('start');
    // Measured in the real font (82 px for "11:00–12:00" in DejaVu Sans Bold): a 90 px block
    // at zoom "1 hour" has 78 px of room, so it shows the start, not "11:00–12:0".
    expect(blockText({ widthPx: 90, rangePx: 82, startPx: 38 }).time).toBe('start');
  });

  it("keeps a double booking's whole range: the conflict mark takes the name line's room", () => {
    // From the screen read: a 75-minute vehicle trip of a fitted day at 1280 px (68 px an
    // hour: 86 px) showed "10:00" beside its conflict icon, so the overlap could not be read.
    // "10:00–11:15" is 72 px in Noto Sans CJK 600 12px (measured, with the pixel of slack).
    const conflict = { rangePx: 72, startPx: 34, borderPx: 2, marksPx: BLOCK_MARK_PX };
    expect(blockText({ widthPx: 86, ...conflict })).toEqual({ time: 'range', label: true });
    // Both marks (conflict and not at HQ) shorten the name line only.
    expect(blockText({ widthPx: 86, ...conflict, marksPx: 2 * BLOCK_MARK_PX })).toEqual({
      time: 'range',
      label: true,
    });
    expect(blockText({ widthPx: 60, ...conflict, marksPx: 2 * BLOCK_MARK_PX })).toEqual({
      time: 'start',
      label: false,
    });
  });

  it('stacks a range too long for one line ("10:00–" / "11:15") rather than show "Gi…"', () => {
    // Zoom "1 hour" of a week, 48 px an hour: a 75-minute trip is 60 px, 46 px of room
    // beside a conflict's border; "10:00–" is 40 px and "11:15" 34 px (Noto Sans CJK).
    const trip = { rangePx: 72, startPx: 34, stackedPx: [40, 34] as const };
    const conflict = { ...trip, borderPx: 2, marksPx: BLOCK_MARK_PX, inConflict: true };
    expect(blockText({ widthPx: 60, ...conflict })).toEqual({ time: 'stacked', label: false });
    // Without the conflict: the start and a name line of 48 px read "Gi…"; the end says more.
    expect(blockText({ widthPx: 60, ...trip })).toEqual({ time: 'stacked', label: false });
    // A name line of 60 px or more stays (the start and the name), unless in conflict.
    expect(blockText({ widthPx: 72, ...trip })).toEqual({ time: 'start', label: true });
    expect(blockText({ widthPx: 72, ...conflict })).toEqual({ time: 'stacked', label: false });
    // Too narrow for "10:00–": the start alone.
    expect(blockText({ widthPx: 50, ...trip })).toEqual({ time: 'start', label: true });
  });

  it('gives a 30-minute block of a fitted day its start in small type, not an empty box', () => {
    // 68 px an hour: 34 px. "12:30" is 34 px at 12 px (no room) and 28 px at 10 px.
    expect(blockText({ widthPx: 34, rangePx: 72, startPx: 34, smallStartPx: 28 })).toEqual({
      time: 'small',
      label: false,
    });
    // 45 minutes (51 px, 39 px of room): the start at full size, and the name line (room for
    // two letters and "…").
    expect(blockText({ widthPx: 51, rangePx: 72, startPx: 34, smallStartPx: 28 })).toEqual({
      time: 'start',
      label: true,
    });
    // Without a measured small width, the 12 px width scaled down (no canvas in unit tests).
    expect(blockText({ widthPx: 36, rangePx: 72, startPx: 36 }).time).toBe('small');
    expect(blockText({ widthPx: 20, rangePx: 72, startPx: 34, smallStartPx: 28 }).time).toBe(
      'none',
    );
  });

  it('estimates no narrower than the widest font the e2e met', () => {
    expect(timeTextWidth('11:00–12:00')).toBeGreaterThanOrEqual(82);
    expect(timeTextWidth('11:00', 10)).toBeGreaterThanOrEqual(31.7);
  });

  it('gives each day column of a 1280 px wide fitted week room for a whole range', () => {
    // 1280 px window: 1280 - navigation (200) - padding (48) - row heads (176) = 856 px.
    const column = weekColumnWidth(1280 - 200 - 48, 176);
    expect(column).toBe(122);
    const fit = blockText({
      widthPx: column - 8,
      rangePx: timeTextWidth('08:00–10:30'),
      startPx: 40,
      padPx: CELL_BLOCK_PAD_PX,
      borderPx: 2,
      marksPx: BLOCK_MARK_PX,
    });
    expect(fit.time).toBe('range');
  });
});

describe('fitted day', () => {
  const range = rangeOf('2025-03-10', zone, 'day');
  it('is the working day 08:00-19:00 when nothing is booked outside it', () => {
    const fit = fittedDay(
      [{ start: at('2025-03-10T09:00'), end: at('2025-03-10T10:00') }],
      range,
      zone,
    );
    expect(fit).toEqual({ from: at('2025-03-10T08:00'), to: at('2025-03-10T19:00') });
  });
  it('widens to whole hours to hold an early or late booking, within the day', () => {
    const fit = fittedDay(
      [
        { start: at('2025-03-10T06:30'), end: at('2025-03-10T07:15') },
        { start: at('2025-03-10T19:30'), end: at('2025-03-10T20:10') },
        // Another day's booking changes nothing.
        { start: at('2025-03-11T05:00'), end: at('2025-03-11T06:00') },
      ],
      range,
      zone,
    );
    expect(fit).toEqual({ from: at('2025-03-10T06:00'), to: at('2025-03-10T21:00') });
  });
  it('spreads over the width there is: no scrolling at fit', () => {
    const fit = fittedDay([], range, zone);
    const axis = buildAxis(range, zone, 'day', 'fit', { range: fit, width: 880 });
    expect(axis.width).toBe(880);
    expect(axis.toX(at('2025-03-10T08:00'))).toBe(0);
    expect(axis.toX(at('2025-03-10T19:00'))).toBe(880);
    // 11 hours in 880 px: 80 px an hour; zoom "1 hour" is 96, "30 min" 192, whole day.
    expect(axis.scale * 3_600_000).toBe(80);
    expect(buildAxis(range, zone, 'day', 'hour').width).toBe(24 * 96);
    expect(buildAxis(range, zone, 'day', 'half').width).toBe(24 * 192);
  });
});

describe('week grouping and lanes', () => {
  const week = rangeOf('2025-03-10', zone, 'week');
  const dayStarts = Array.from({ length: 7 }, (_, i) =>
    DateTime.fromMillis(week.from, { zone }).plus({ days: i }).toMillis(),
  );
  it('puts each booking in the day column it starts in, sorted', () => {
    expect(dayIndexOf(at('2025-03-10T00:00'), dayStarts)).toBe(0);
    expect(dayIndexOf(at('2025-03-16T23:59'), dayStarts)).toBe(6);
    expect(dayIndexOf(at('2025-03-09T23:59'), dayStarts)).toBe(-1);
    const items = [
      { key: 'b', start: at('2025-03-11T10:00'), end: at('2025-03-11T11:00') },
      { key: 'a', start: at('2025-03-11T08:00'), end: at('2025-03-11T09:00') },
      { key: 'c', start: at('2025-03-16T08:00'), end: at('2025-03-16T09:00') },
    ];
    const days = groupByDay(items, dayStarts);
    expect(days.map((d) => d.map((i) => i.key))).toEqual([[], ['a', 'b'], [], [], [], [], ['c']]);
  });
  it('stacks overlapping bookings in lanes', () => {
    const { lanes, count } = laneLayout([
      { key: 'a', start: 0, end: 10 },
      { key: 'b', start: 5, end: 15 },
      { key: 'c', start: 10, end: 20 },
    ]);
    expect(count).toBe(2);
    expect([lanes.get('a'), lanes.get('b'), lanes.get('c')]).toEqual([0, 1, 0]);
  });
});

describe('filter by resource', () => {
  const rows = [{ id: 'i1' }, { id: 'i2' }, { id: 'i3' }];
  const pairs: Record<string, string[]> = { i1: ['ko-ja'], i2: ['ko-vi'], i3: ['ko-ja', 'ko-en'] };
  it('shows every row when nothing is chosen, chosen ones, or whole language pairs', () => {
    expect(filterRows(rows, []).map((r) => r.id)).toEqual(['i1', 'i2', 'i3']);
    expect(filterRows(rows, ['i2']).map((r) => r.id)).toEqual(['i2']);
    expect(filterRows(rows, ['pair:ko-ja'], (id) => pairs[id]!).map((r) => r.id)).toEqual([
      'i1',
      'i3',
    ]);
    expect(filterRows(rows, ['pair:ko-en', 'i2'], (id) => pairs[id]!).map((r) => r.id)).toEqual([
      'i2',
      'i3',
    ]);
  });
});
