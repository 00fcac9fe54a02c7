import { DateTime } from 'luxon';
import { expandOccurrences } from './recurrence';
import { resourceKey, resourcesOf, type ResourceKey, type ResourceRef } from './resources';
import { WEEKDAYS, type Booking, type Weekday } from './schemas';
import { toIsoInstant } from './wall-time';

/**
 * Booked vs available hours per resource and ISO week or calendar month in
 * the office zone. A resource's overlapping bookings (possible after sync)
 * are merged so no hour counts twice; cancelled bookings are excluded;
 * bookings are clipped to each period. Buffers are not booked time.
 */

export type Granularity = 'week' | 'month';

export interface AvailabilityRule {
  /** Working days (default Monday-Friday). */
  readonly weekdays?: readonly Weekday[];
  /** Daily wall-clock window (default 09:00-18:00). */
  readonly start?: string;
  readonly end?: string;
}

export interface UtilizationOptions {
  readonly zone: string;
  readonly granularity: Granularity;
  /** Local dates, inclusive from / exclusive to (yyyy-MM-dd); snapped to whole periods. */
  readonly from: string;
  readonly to: string;
  /** Defaults to every resource held by a booking. */
  readonly resources?: readonly ResourceRef[];
  readonly availability?: AvailabilityRule;
}

export interface UtilizationRow {
  readonly resource: ResourceRef;
  /** `2025-W10` or `2025-03`. */
  readonly period: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly bookedHours: number;
  readonly availableHours: number;
  /** booked / available; null when nothing was available. Can exceed 1 (overtime). */
  readonly ratio: number | null;
}

interface Period {
  label: string;
  start: number;
  end: number;
  startDt: DateTime;
  endDt: DateTime;
}

function periods(options: UtilizationOptions): Period[] {
  const unit = options.granularity === 'week' ? 'week' : 'month';
  let cursor = DateTime.fromISO(options.from, { zone: options.zone }).startOf(unit);
  const stop = DateTime.fromISO(options.to, { zone: options.zone });
  const out: Period[] = [];
  while (cursor < stop) {
    const next = cursor.plus(unit === 'week' ? { weeks: 1 } : { months: 1 }).startOf(unit);
    out.push({
      label: unit === 'week' ? cursor.toFormat("kkkk-'W'WW") : cursor.toFormat('yyyy-MM'),
      start: cursor.toMillis(),
      end: next.toMillis(),
      startDt: cursor,
      endDt: next,
    });
    cursor = next;
  }
  return out;
}

function hm(text: string): { hour: number; minute: number } {
  const [h, m] = text.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}

/** Working hours inside a period, by wall clock (a DST day still has 09:00-18:00). */
export function availableHours(
  start: DateTime,
  end: DateTime,
  rule: AvailabilityRule = {},
): number {
  const days = new Set(
    (rule.weekdays ?? ['MO', 'TU', 'WE', 'TH', 'FR']).map((d) => WEEKDAYS.indexOf(d) + 1),
  );
  const open = hm(rule.start ?? '09:00');
  const close = hm(rule.end ?? '18:00');
  let ms = 0;
  for (let day = start.startOf('day'); day < end; day = day.plus({ days: 1 }).startOf('day')) {
    if (!days.has(day.weekday)) continue;
    const a = day.set(open).toMillis();
    const b = day.set(close).toMillis();
    if (b > a) ms += b - a;
  }
  return ms / 3_600_000;
}

/** Sorted, merged [start, end) intervals. */
function union(intervals: Array<[number, number]>): Array<[number, number]> {
  intervals.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of intervals) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function computeUtilization(
  bookings: Iterable<Booking>,
  options: UtilizationOptions,
): UtilizationRow[] {
  const ps = periods(options);
  if (ps.length === 0) return [];
  const windowFrom = ps[0]!.start;
  const windowTo = ps[ps.length - 1]!.end;
  const byResource = new Map<
    ResourceKey,
    { ref: ResourceRef; intervals: Array<[number, number]> }
  >();
  for (const ref of options.resources ?? [])
    byResource.set(resourceKey(ref), { ref, intervals: [] });
  for (const booking of bookings) {
    if (booking.status === 'cancelled') continue;
    const occ = expandOccurrences(booking, { from: windowFrom, to: windowTo });
    if (occ.length === 0) continue;
    for (const ref of resourcesOf(booking)) {
      const key = resourceKey(ref);
      let entry = byResource.get(key);
      if (!entry) {
        if (options.resources) continue;
        byResource.set(key, (entry = { ref, intervals: [] }));
      }
      for (const o of occ) entry.intervals.push([o.start, o.end]);
    }
  }
  const available = ps.map((p) => availableHours(p.startDt, p.endDt, options.availability));
  const rows: UtilizationRow[] = [];
  const keys = [...byResource.keys()].sort();
  for (const key of keys) {
    const { ref, intervals } = byResource.get(key)!;
    const merged = union(intervals);
    let i = 0;
    ps.forEach((p, n) => {
      let ms = 0;
      while (i < merged.length && merged[i]![1] <= p.start) i += 1;
      for (let j = i; j < merged.length && merged[j]![0] < p.end; j += 1) {
        ms += Math.min(merged[j]![1], p.end) - Math.max(merged[j]![0], p.start);
      }
      const bookedHours = ms / 3_600_000;
      const availableHours = available[n]!;
      rows.push({
        resource: ref,
        period: p.label,
        periodStart: toIsoInstant(p.start),
        periodEnd: toIsoInstant(p.end),
        bookedHours,
        availableHours,
        ratio: availableHours > 0 ? bookedHours / availableHours : null,
      });
    });
  }
  return rows;
}
