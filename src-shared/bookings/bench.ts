import { BookingIndex } from './booking-index';
import { checkConflicts } from './conflicts';
import { generateDemoData, seededRandom } from './demo';
import { expandOccurrences } from './recurrence';
import { resourceKey, resourcesOf } from './resources';
import type { Booking, InterpreterBooking, VehicleTrip } from './schemas';

/**
 * Micro-benchmark for `npm run bench`: median time of one checkConflicts call
 * against 10,000 existing bookings, and a naive linear scan over the same
 * bookings measured in the same run (so the ratio is machine-independent).
 * Uses only `performance.now()` (renderer, worker and Node alike).
 */

export interface BenchMetric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export interface BookingsBenchResult extends BenchMetric {
  readonly baseline: BenchMetric;
  /** baseline / indexed. */
  readonly speedup: BenchMetric;
  readonly indexBuild: BenchMetric;
  readonly details: {
    readonly existing: number;
    readonly candidatesPerRepeat: number;
    readonly repeats: number;
  };
}

export interface BenchOptions {
  readonly existing?: number;
  readonly candidates?: number;
  readonly repeats?: number;
  readonly seed?: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Linear scan: every active booking's occurrences, compared one by one. */
function naiveCheck(
  candidate: Booking,
  flat: ReadonlyArray<{ key: string; start: number; end: number; bookingId: string }>,
  buffers: ReadonlyMap<string, number>,
): number {
  let clashes = 0;
  const occurrences = expandOccurrences(candidate, { to: Number.POSITIVE_INFINITY });
  for (const ref of resourcesOf(candidate)) {
    const key = resourceKey(ref);
    const buffer = buffers.get(key) ?? 0;
    for (const o of occurrences) {
      for (const it of flat) {
        if (
          it.key === key &&
          it.start < o.end + buffer &&
          it.end > o.start &&
          it.bookingId !== candidate.id
        ) {
          clashes += 1;
        }
      }
    }
  }
  return clashes;
}

/** Runs the benchmark; the headline metric is `bookings.conflict_check_ms_10k`. */
export function runBookingsBench(options: BenchOptions = {}): BookingsBenchResult {
  const existing = options.existing ?? 10_000;
  const candidatesPerRepeat = options.candidates ?? 200;
  const repeats = options.repeats ?? 15;
  const data = generateDemoData({ bookings: existing, seed: options.seed ?? 7 });
  const horizon = { from: '2024-01-01T00:00:00.000Z', to: '2028-01-01T00:00:00.000Z' };

  const buildStart = performance.now();
  const index = BookingIndex.build(data.bookings, { horizon, ...data });
  const buildMs = performance.now() - buildStart;

  // Candidates: copies of random existing bookings shifted by a random amount,
  // so roughly half of them clash; a few are weekly series.
  const rnd = seededRandom(99);
  const candidates: Booking[] = Array.from({ length: candidatesPerRepeat }, (_, i) => {
    const base = data.bookings[Math.floor(rnd() * data.bookings.length)]!;
    const shift = (Math.floor(rnd() * 16) - 8) * 15 * 60_000;
    const start = new Date(Date.parse(base.start) + shift).toISOString();
    const end = new Date(Date.parse(base.end) + shift).toISOString();
    const copy = { ...base, id: `bench-${i}`, start, end, status: 'confirmed' as const };
    if (i % 10 === 0) {
      return {
        ...copy,
        recurrence: {
          freq: 'weekly',
          interval: 1,
          count: 12,
          timeZone: base.timeZone,
          exdates: [],
        },
      } as InterpreterBooking | VehicleTrip;
    }
    return copy;
  });

  const flat: Array<{ key: string; start: number; end: number; bookingId: string }> = [];
  const buffers = new Map<string, number>();
  for (const v of data.vehicles) buffers.set(`vehicle:${v.id}`, v.turnaroundBufferMinutes * 60_000);
  for (const b of data.bookings) {
    if (b.status === 'cancelled') continue;
    for (const ref of resourcesOf(b)) {
      const key = resourceKey(ref);
      for (const o of expandOccurrences(b, { to: Number.POSITIVE_INFINITY })) {
        flat.push({ key, start: o.start, end: o.end + (buffers.get(key) ?? 0), bookingId: b.id });
      }
    }
  }

  const indexed: number[] = [];
  const naive: number[] = [];
  let sink = 0;
  for (let r = 0; r < repeats; r += 1) {
    let t = performance.now();
    for (const c of candidates) sink += checkConflicts(c, index).ok ? 0 : 1;
    indexed.push((performance.now() - t) / candidates.length);
    t = performance.now();
    for (const c of candidates) sink += naiveCheck(c, flat, buffers) > 0 ? 1 : 0;
    naive.push((performance.now() - t) / candidates.length);
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the work observable

  const value = median(indexed);
  const baseline = median(naive);
  return {
    name: 'bookings.conflict_check_ms_10k',
    value,
    unit: 'ms',
    baseline: { name: 'bookings.conflict_check_naive_ms_10k', value: baseline, unit: 'ms' },
    speedup: { name: 'bookings.conflict_check_speedup_10k', value: baseline / value, unit: 'x' },
    indexBuild: { name: 'bookings.index_build_ms_10k', value: buildMs, unit: 'ms' },
    details: { existing, candidatesPerRepeat, repeats },
  };
}

/** Alias for the lead's bench runner. */
export const bench = runBookingsBench;
