import { SortedIntervals, type Interval } from './interval-index';
import { expandOccurrences } from './recurrence';
import {
  bufferLookupFromVehicles,
  NO_BUFFERS,
  resourceKey,
  resourcesOf,
  type BufferLookup,
  type ResourceKey,
  type ResourceRef,
} from './resources';
import { isActive, type Booking, type Driver, type Interpreter, type Vehicle } from './schemas';
import { instantMs } from './wall-time';

/**
 * Window recurring series are expanded in. Finite bookings are always
 * indexed whole; open-ended series only inside the horizon.
 */
export interface Horizon {
  readonly from: number | string;
  readonly to: number | string;
}

/** One month back, one year ahead of `now`: what the calendar and checks need. */
export function defaultHorizon(now: number | string): { from: number; to: number } {
  const t = instantMs(now);
  return { from: t - 31 * 86_400_000, to: t + 366 * 86_400_000 };
}

export interface ResourceDirectory {
  readonly interpreters?: Iterable<Interpreter>;
  readonly vehicles?: Iterable<Vehicle>;
  readonly drivers?: Iterable<Driver>;
}

export interface BookingIndexOptions extends ResourceDirectory {
  readonly horizon: Horizon;
  /** Overrides the vehicle-derived turnaround buffers (tests, what-ifs). */
  readonly buffers?: BufferLookup;
}

/**
 * Active bookings of one office as per-resource sorted interval lists, kept
 * up to date incrementally (`upsert` / `remove`) as Dexie live queries or sync
 * deliver changes. Cancelled bookings are remembered but hold no time.
 */
export class BookingIndex {
  readonly horizon: { readonly from: number; readonly to: number };
  private readonly byResource = new Map<ResourceKey, SortedIntervals>();
  private readonly records = new Map<string, Booking>();
  private readonly heldBy = new Map<string, ResourceKey[]>();
  readonly interpreters = new Map<string, Interpreter>();
  readonly vehicles = new Map<string, Vehicle>();
  readonly drivers = new Map<string, Driver>();
  private bufferLookup: BufferLookup;
  private readonly explicitBuffers: boolean;

  constructor(options: BookingIndexOptions) {
    this.horizon = { from: instantMs(options.horizon.from), to: instantMs(options.horizon.to) };
    this.explicitBuffers = options.buffers !== undefined;
    this.bufferLookup = options.buffers ?? NO_BUFFERS;
    this.setResources(options);
  }

  static build(bookings: Iterable<Booking>, options: BookingIndexOptions): BookingIndex {
    const index = new BookingIndex(options);
    const pending = new Map<ResourceKey, Interval[]>();
    for (const b of bookings) {
      index.records.set(b.id, b);
      for (const [key, intervals] of index.intervalsOf(b)) {
        let list = pending.get(key);
        if (!list) pending.set(key, (list = []));
        list.push(...intervals);
        index.noteHeld(b.id, key);
      }
    }
    for (const [key, list] of pending) index.byResource.set(key, SortedIntervals.from(list));
    return index;
  }

  /**
   * Replaces the resource directory. Buffers change with vehicles, so the
   * caller should rebuild when a vehicle's buffer changes.
   */
  setResources(directory: ResourceDirectory): void {
    if (directory.interpreters) {
      this.interpreters.clear();
      for (const i of directory.interpreters) this.interpreters.set(i.id, i);
    }
    if (directory.drivers) {
      this.drivers.clear();
      for (const d of directory.drivers) this.drivers.set(d.id, d);
    }
    if (directory.vehicles) {
      this.vehicles.clear();
      for (const v of directory.vehicles) this.vehicles.set(v.id, v);
      if (!this.explicitBuffers)
        this.bufferLookup = bufferLookupFromVehicles(this.vehicles.values());
    }
  }

  bufferMinutes(ref: ResourceRef): number {
    return this.bufferLookup(ref);
  }

  get size(): number {
    return this.records.size;
  }

  get(id: string): Booking | undefined {
    return this.records.get(id);
  }

  bookings(): IterableIterator<Booking> {
    return this.records.values();
  }

  /** Adds or replaces a booking (same id). */
  upsert(booking: Booking): void {
    this.remove(booking.id);
    this.records.set(booking.id, booking);
    for (const [key, intervals] of this.intervalsOf(booking)) {
      let list = this.byResource.get(key);
      if (!list) this.byResource.set(key, (list = new SortedIntervals()));
      for (const it of intervals) list.insert(it);
      this.noteHeld(booking.id, key);
    }
  }

  remove(id: string): boolean {
    const existed = this.records.delete(id);
    for (const key of this.heldBy.get(id) ?? []) this.byResource.get(key)?.removeBooking(id);
    this.heldBy.delete(id);
    return existed;
  }

  /** Busy intervals of a resource overlapping [start, end) (epoch ms, buffers included). */
  overlapping(ref: ResourceRef, start: number, end: number): Interval[] {
    return this.byResource.get(resourceKey(ref))?.overlapping(start, end) ?? [];
  }

  /** Sorted busy intervals of a resource. */
  intervals(ref: ResourceRef): readonly Interval[] {
    return this.byResource.get(resourceKey(ref))?.all() ?? [];
  }

  /** Earliest t >= after at which `ref` is free for `lengthMs` (buffer not added here). */
  nextFreeFor(
    ref: ResourceRef,
    after: number,
    lengthMs: number,
    ignoreIds?: ReadonlySet<string>,
  ): number {
    const list = this.byResource.get(resourceKey(ref));
    if (!list) return after;
    return list.nextFree(
      after,
      lengthMs,
      ignoreIds && ignoreIds.size > 0 ? (it) => ignoreIds.has(it.bookingId) : undefined,
    );
  }

  /** Occurrence intervals a booking holds, per resource, buffers applied. */
  intervalsOf(booking: Booking): Map<ResourceKey, Interval[]> {
    const out = new Map<ResourceKey, Interval[]>();
    if (!isActive(booking)) return out;
    const occurrences = expandOccurrences(booking, this.horizonFor(booking));
    for (const ref of resourcesOf(booking)) {
      const bufferMs = this.bufferLookup(ref) * 60_000;
      out.set(
        resourceKey(ref),
        occurrences.map((o) => ({
          start: o.start,
          end: o.end + bufferMs,
          bookingId: booking.id,
          occurrenceStart: o.start,
          occurrenceEnd: o.end,
        })),
      );
    }
    return out;
  }

  private horizonFor(booking: Booking): { from?: number; to: number } {
    if (!booking.recurrence) return { to: Number.POSITIVE_INFINITY };
    return this.horizon;
  }

  private noteHeld(id: string, key: ResourceKey): void {
    const held = this.heldBy.get(id);
    if (!held) this.heldBy.set(id, [key]);
    else if (!held.includes(key)) held.push(key);
  }
}
