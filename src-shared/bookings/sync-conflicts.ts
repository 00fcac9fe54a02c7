import { BookingIndex, type Horizon } from './booking-index';
import { nextFreeSlotFor, type FreeSlot, type WorkingHours } from './conflicts';
import { expandOccurrences } from './recurrence';
import {
  NO_BUFFERS,
  parseResourceKey,
  resourceKey,
  resourcesOf,
  type BufferLookup,
  type ResourceKey,
  type ResourceRef,
} from './resources';
import { isActive, type Booking, type Driver, type Interpreter, type Vehicle } from './schemas';
import { instantMs, toIsoInstant } from './wall-time';

/**
 * Conflicts that arrive with sync: two laptops booked the same van offline.
 * `detectConflicts` finds every overlapping pair per resource with a sweep
 * line (sort by start, keep the still-running intervals), O(n log n + k).
 */

export interface OverlapOccurrence {
  readonly a: { readonly start: string; readonly end: string };
  readonly b: { readonly start: string; readonly end: string };
}

/** Two bookings holding one resource at the same time. `bookingIds` sorted. */
export interface BookingConflict {
  /** Stable key for the inbox: `resourceKey|idA|idB`. */
  readonly key: string;
  readonly resource: ResourceRef;
  readonly bookingIds: readonly [string, string];
  /** Number of overlapping occurrence pairs (recurring bookings can clash many times). */
  readonly count: number;
  /** The first few overlapping occurrence pairs, earliest first. */
  readonly occurrences: readonly OverlapOccurrence[];
}

export interface DetectOptions {
  /** Where recurring series are expanded. */
  readonly horizon: Horizon;
  /** Vehicle turnaround buffers; from `vehicles` or explicit. */
  readonly vehicles?: Iterable<Vehicle>;
  readonly buffers?: BufferLookup;
  /** Occurrence pairs kept per conflict (default 5). */
  readonly maxOccurrences?: number;
}

interface SweepItem {
  readonly start: number;
  readonly end: number; // with buffer
  readonly occStart: number;
  readonly occEnd: number;
  readonly bookingId: string;
}

export function detectConflicts(
  bookings: Iterable<Booking>,
  options: DetectOptions,
): BookingConflict[] {
  const expander = new BookingIndex({
    horizon: options.horizon,
    ...(options.vehicles ? { vehicles: options.vehicles } : {}),
    ...(options.buffers
      ? { buffers: options.buffers }
      : options.vehicles
        ? {}
        : { buffers: NO_BUFFERS }),
  });
  const perResource = new Map<ResourceKey, SweepItem[]>();
  for (const booking of bookings) {
    if (!isActive(booking)) continue;
    for (const [key, intervals] of expander.intervalsOf(booking)) {
      let list = perResource.get(key);
      if (!list) perResource.set(key, (list = []));
      for (const it of intervals) {
        list.push({
          start: it.start,
          end: it.end,
          occStart: it.occurrenceStart,
          occEnd: it.occurrenceEnd,
          bookingId: it.bookingId,
        });
      }
    }
  }
  const maxOcc = options.maxOccurrences ?? 5;
  const found = new Map<
    string,
    { resource: ResourceRef; ids: [string, string]; count: number; occ: OverlapOccurrence[] }
  >();
  for (const [key, items] of perResource) {
    items.sort((x, y) => x.start - y.start || x.end - y.end);
    // Running intervals; dropped once they end at or before the sweep position.
    let running: SweepItem[] = [];
    for (const item of items) {
      running = running.filter((r) => r.end > item.start);
      for (const other of running) {
        if (other.bookingId === item.bookingId) continue;
        const [first, second] = other.bookingId < item.bookingId ? [other, item] : [item, other];
        const pairKey = `${key}|${first.bookingId}|${second.bookingId}`;
        let entry = found.get(pairKey);
        if (!entry) {
          entry = {
            resource: parseResourceKey(key),
            ids: [first.bookingId, second.bookingId],
            count: 0,
            occ: [],
          };
          found.set(pairKey, entry);
        }
        entry.count += 1;
        if (entry.occ.length < maxOcc) {
          entry.occ.push({
            a: { start: toIsoInstant(first.occStart), end: toIsoInstant(first.occEnd) },
            b: { start: toIsoInstant(second.occStart), end: toIsoInstant(second.occEnd) },
          });
        }
      }
      running.push(item);
    }
  }
  return [...found.entries()]
    .map(([key, e]) => ({
      key,
      resource: e.resource,
      bookingIds: e.ids,
      count: e.count,
      occurrences: e.occ,
    }))
    .sort((x, y) => firstOverlapAt(x) - firstOverlapAt(y) || (x.key < y.key ? -1 : 1));
}

function firstOverlapAt(c: BookingConflict): number {
  const o = c.occurrences[0]!;
  return Math.max(instantMs(o.a.start), instantMs(o.b.start));
}

/** What a person can do about one conflict, for one of the two bookings. */
export type ResolutionAction =
  | {
      readonly kind: 'reschedule';
      readonly bookingId: string;
      /** The first time the booking fits, keeping its duration and resources. */
      readonly slot: FreeSlot;
    }
  | {
      readonly kind: 'reassign';
      readonly bookingId: string;
      readonly resource: ResourceRef;
      /** Same kind, active, free for every occurrence (interpreters: same language pair). */
      readonly candidates: readonly ResourceRef[];
    }
  | { readonly kind: 'cancel'; readonly bookingId: string };

export interface DescribeOptions {
  readonly workingHours?: WorkingHours;
  /** Language pairs an interpreter must cover when reassigning (e.g. from the talk). */
  readonly requiredLanguagePair?: string;
}

/**
 * Options for a conflict inbox entry: for each booking, reschedule to its next
 * free slot (ignoring the other booking would defeat the purpose, so it is
 * kept), reassign to a free resource of the same kind, or cancel. `index`
 * holds the office's bookings and resource directory.
 */
export function describeResolutions(
  conflict: BookingConflict,
  index: BookingIndex,
  options: DescribeOptions = {},
): ResolutionAction[] {
  const actions: ResolutionAction[] = [];
  for (const id of conflict.bookingIds) {
    const booking = index.get(id);
    if (!booking) continue;
    if (!booking.recurrence) {
      const slot = nextFreeSlotFor(booking, index, booking.start, {
        ...(options.workingHours ? { workingHours: options.workingHours } : {}),
      });
      if (slot) actions.push({ kind: 'reschedule', bookingId: id, slot });
    }
    const candidates = freeAlternatives(booking, conflict.resource, index, options);
    actions.push({ kind: 'reassign', bookingId: id, resource: conflict.resource, candidates });
    actions.push({ kind: 'cancel', bookingId: id });
  }
  return actions;
}

function freeAlternatives(
  booking: Booking,
  resource: ResourceRef,
  index: BookingIndex,
  options: DescribeOptions,
): ResourceRef[] {
  const pool: Array<Interpreter | Vehicle | Driver> =
    resource.kind === 'interpreter'
      ? [...index.interpreters.values()].filter(
          (p) =>
            !options.requiredLanguagePair ||
            p.languagePairs.some((pair) => samePair(pair, options.requiredLanguagePair!)),
        )
      : resource.kind === 'vehicle'
        ? [...index.vehicles.values()].filter(
            (v) => booking.kind !== 'vehicle' || v.seats >= booking.passengers,
          )
        : [...index.drivers.values()];
  const occurrences = expandOccurrences(
    booking,
    booking.recurrence ? index.horizon : { to: Number.POSITIVE_INFINITY },
  );
  const out: ResourceRef[] = [];
  for (const candidate of pool) {
    if (!candidate.active || candidate.id === resource.id) continue;
    if (candidate.officeId !== booking.officeId) continue;
    const ref: ResourceRef = { kind: resource.kind, id: candidate.id };
    const bufferMs = index.bufferMinutes(ref) * 60_000;
    const busy = occurrences.some((o) =>
      index.overlapping(ref, o.start, o.end + bufferMs).some((it) => it.bookingId !== booking.id),
    );
    if (!busy) out.push(ref);
  }
  return out;
}

function samePair(a: string, b: string): boolean {
  const split = (p: string) => {
    const m = /^([a-z]{2,3}(?:-[A-Z]{2})?)-([a-z]{2,3}(?:-[A-Z]{2})?)$/.exec(p);
    return m ? [m[1]!, m[2]!].sort().join('|') : p;
  };
  return split(a) === split(b);
}

/**
 * Applies a chosen action, returning the updated booking (pure). For
 * `reassign`, `to` is one of the action's candidates.
 */
export function applyResolution<B extends Booking>(
  booking: B,
  action: ResolutionAction,
  to?: ResourceRef,
): B {
  if (action.bookingId !== booking.id) return booking;
  switch (action.kind) {
    case 'cancel':
      return { ...booking, status: 'cancelled' };
    case 'reschedule':
      return { ...booking, start: action.slot.start, end: action.slot.end };
    case 'reassign': {
      if (!to || to.kind !== action.resource.kind) return booking;
      if (booking.kind === 'interpreter' && to.kind === 'interpreter') {
        return { ...booking, interpreterId: to.id };
      }
      if (booking.kind === 'vehicle' && to.kind === 'vehicle')
        return { ...booking, vehicleId: to.id };
      if (booking.kind === 'vehicle' && to.kind === 'driver')
        return { ...booking, driverId: to.id };
      return booking;
    }
  }
}

/** Keys of resources a booking holds, for grouping inbox entries. */
export function resourceKeysOf(booking: Booking): ResourceKey[] {
  return resourcesOf(booking).map(resourceKey);
}
