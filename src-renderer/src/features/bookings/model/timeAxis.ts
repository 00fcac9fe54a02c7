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
