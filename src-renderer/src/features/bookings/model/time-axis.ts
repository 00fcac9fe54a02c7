import { DateTime } from 'luxon';

/**
 * The timeline's time axis: real instants from the start of the first local
 * day to the start of the day after the last, in the view zone. On a DST day
 * in Los Angeles that is 23 or 25 hours, and each hour column is one real
 * hour labelled with its wall time (01, 03 … or 01, 01 …).
 */

export type ViewMode = 'day' | 'week';

export interface AxisRange {
  readonly from: number;
  readonly to: number;
}

export interface Tick {
  readonly at: number;
  /** Wall hour ("07") or the local date ("2025-03-09") for day ticks. */
  readonly label: string;
  /** For hours that occur twice (fall back): the UTC offset to tell them apart. */
  readonly repeated: boolean;
}

export const SNAP_MINUTES = 15;
const HOUR = 3_600_000;

export function todayIn(zone: string, now: number = Date.now()): string {
  return DateTime.fromMillis(now, { zone }).toFormat('yyyy-MM-dd');
}

export function rangeOf(date: string, zone: string, mode: ViewMode): AxisRange {
  const day = DateTime.fromISO(date, { zone }).startOf('day');
  const first = mode === 'week' ? day.startOf('week') : day;
  const last = first.plus({ days: mode === 'week' ? 7 : 1 }).startOf('day');
  return { from: first.toMillis(), to: last.toMillis() };
}

export function shiftDate(date: string, zone: string, mode: ViewMode, steps: number): string {
  return DateTime.fromISO(date, { zone })
    .plus({ days: (mode === 'week' ? 7 : 1) * steps })
    .toFormat('yyyy-MM-dd');
}

export function hourTicks(range: AxisRange, zone: string): Tick[] {
  const ticks: Tick[] = [];
  const seen = new Set<string>();
  for (let at = range.from; at < range.to; at += HOUR) {
    const label = DateTime.fromMillis(at, { zone }).toFormat('HH');
    ticks.push({ at, label, repeated: seen.has(label) });
    seen.add(label);
  }
  return ticks;
}

export function dayTicks(range: AxisRange, zone: string): Tick[] {
  const ticks: Tick[] = [];
  let day = DateTime.fromMillis(range.from, { zone }).startOf('day');
  while (day.toMillis() < range.to) {
    ticks.push({ at: day.toMillis(), label: day.toFormat('yyyy-MM-dd'), repeated: false });
    day = day.plus({ days: 1 }).startOf('day');
  }
  return ticks;
}

/** Position of an instant as a fraction of the range, clamped to [0, 1]. */
export function fractionOf(at: number, range: AxisRange): number {
  return Math.min(1, Math.max(0, (at - range.from) / (range.to - range.from)));
}

/** Rounds to the snap grid (15 minutes) measured in real time from the range start. */
export function snap(at: number, range: AxisRange, minutes: number = SNAP_MINUTES): number {
  const step = minutes * 60_000;
  return range.from + Math.round((at - range.from) / step) * step;
}

/** Local date and wall time of an instant, for prefilling forms. */
export function wallOf(at: number, zone: string): { date: string; time: string } {
  const dt = DateTime.fromMillis(at, { zone });
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** Where "new booking" starts: the next full hour when the range holds now, else 09:00 on its first day. */
export function defaultStart(range: AxisRange, zone: string, now: number): number {
  if (now >= range.from && now < range.to) {
    return DateTime.fromMillis(now, { zone }).startOf('hour').plus({ hours: 1 }).toMillis();
  }
  return DateTime.fromMillis(range.from, { zone }).set({ hour: 9 }).toMillis();
}

/** One continuous stretch of real time drawn at a constant scale. */
export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly x: number;
  readonly width: number;
}

/**
 * Instants <-> pixels. The day view is one segment (every real hour, so 23
 * or 25 on DST days). The week view shows each day's working window
 * (07:00-21:00 wall time, in the view zone) side by side: a week of 24-hour
 * days would leave a 2-hour booking a few pixels wide.
 */
export interface Axis {
  readonly segments: readonly Segment[];
  readonly width: number;
  /** Pixels per millisecond inside a segment. */
  readonly scale: number;
  toX(at: number): number;
  fromX(x: number): number;
}

export const HOUR_PX = 96;
/** The zoomed week: each day's working window at this many pixels an hour. */
export const WEEK_HOUR_PX = 48;
export const WEEK_WINDOW = { start: 7, end: 21 } as const;

/** Pixels per real hour of a zoom level ('fit' is computed from the width). */
export function hourPx(mode: ViewMode, zoom: 'hour' | 'half'): number {
  const base = mode === 'day' ? HOUR_PX : WEEK_HOUR_PX;
  return zoom === 'half' ? base * 2 : base;
}

/**
 * The axis of a view. Day, zoom 'fit': only `fit` (the working day, see
 * blockLayout.fittedDay) spread over `fitWidth` pixels, so it is seen whole
 * without scrolling. Day, 'hour' / 'half': the whole day at 96 / 192 px an
 * hour. Week, 'hour' / 'half': each day's 07:00-21:00 window at 48 / 96 px an
 * hour side by side (the fitted week is drawn as day columns, with no axis).
 */
export function buildAxis(
  range: AxisRange,
  zone: string,
  mode: ViewMode,
  zoom: 'fit' | 'hour' | 'half' = 'hour',
  fit?: { range: AxisRange; width: number },
): Axis {
  const segments: Segment[] = [];
  let scale: number;
  if (mode === 'day' && zoom === 'fit' && fit && fit.width > 0) {
    scale = fit.width / (fit.range.to - fit.range.from);
    segments.push({ from: fit.range.from, to: fit.range.to, x: 0, width: fit.width });
  } else if (mode === 'day') {
    scale = hourPx('day', zoom === 'half' ? 'half' : 'hour') / HOUR;
    segments.push({ from: range.from, to: range.to, x: 0, width: (range.to - range.from) * scale });
  } else {
    scale = hourPx('week', zoom === 'half' ? 'half' : 'hour') / HOUR;
    let x = 0;
    for (const tick of dayTicks(range, zone)) {
      const day = DateTime.fromMillis(tick.at, { zone });
      const from = day.set({ hour: WEEK_WINDOW.start }).toMillis();
      const to = day.set({ hour: WEEK_WINDOW.end }).toMillis();
      const width = (to - from) * scale;
      segments.push({ from, to, x, width });
      x += width;
    }
  }
  const width = segments.reduce((w, s) => w + s.width, 0);
  const toX = (at: number) => {
    for (const s of segments) {
      if (at < s.from) return s.x;
      if (at <= s.to) return s.x + (at - s.from) * scale;
    }
    return width;
  };
  const fromX = (px: number) => {
    const x = Math.min(Math.max(px, 0), width);
    const s = segments.find((seg) => x <= seg.x + seg.width) ?? segments[segments.length - 1]!;
    return s.from + (x - s.x) / scale;
  };
  return { segments, width, scale, toX, fromX };
}
