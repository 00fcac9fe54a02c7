import type { BookingIndex } from './booking-index';
import type { BookingError, BookingErrorCode } from './errors';
import { expandOccurrences } from './recurrence';
import { resourcesOf, type ResourceKind, type ResourceRef } from './resources';
import { isActive, validateTripAgainstVehicle, type Booking } from './schemas';
import { instantMs, toIsoInstant, toZoned } from './wall-time';

/** One existing booking occurrence the candidate runs into. */
export interface Clash {
  readonly resource: ResourceRef;
  readonly bookingId: string;
  /** The existing occurrence (ISO UTC, without buffer). */
  readonly start: string;
  readonly end: string;
  /** The candidate occurrence that clashes with it. */
  readonly candidateStart: string;
  readonly candidateEnd: string;
}

export interface FreeSlot {
  readonly start: string;
  readonly end: string;
}

export type ConflictCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Translate with `t('errors:' + code, params)`. */
      readonly code: BookingErrorCode;
      readonly params: Readonly<Record<string, string | number>>;
      readonly clashes: readonly Clash[];
      /** Next time the clashing occurrence would fit (same duration), or null. */
      readonly nextFreeSlot: FreeSlot | null;
    };

/** Daily window suggestions must fit in, as office wall times ("08:00"-"20:00"). */
export interface WorkingHours {
  readonly zone: string;
  readonly start: string;
  readonly end: string;
}

export interface CheckOptions {
  /** Bookings to disregard, e.g. the series being edited "this and following". */
  readonly ignoreIds?: Iterable<string>;
  readonly workingHours?: WorkingHours;
  /** Cap on reported clashes (the UI lists a few). Default 50. */
  readonly maxClashes?: number;
}

const DOUBLE_BOOKED: Record<ResourceKind, BookingErrorCode> = {
  interpreter: 'bookings.interpreter_double_booked',
  vehicle: 'bookings.vehicle_double_booked',
  driver: 'bookings.driver_double_booked',
};

function refusal(error: BookingError): ConflictCheck {
  return {
    ok: false,
    code: error.code,
    params: error.params ?? {},
    clashes: [],
    nextFreeSlot: null,
  };
}

/**
 * May `candidate` be saved next to what the index holds? Checks resource
 * directory rules (active, seats, office) when the index knows the resource,
 * then every occurrence (recurring series inside the index horizon) against
 * every active booking of the same interpreter, vehicle (with turnaround
 * buffer) and driver. Cancelled candidates never conflict. The candidate's
 * own id is ignored, so editing a booking does not clash with its old self.
 */
export function checkConflicts(
  candidate: Booking,
  index: BookingIndex,
  options: CheckOptions = {},
): ConflictCheck {
  if (!isActive(candidate)) return { ok: true };
  const directoryError = checkDirectory(candidate, index);
  if (directoryError) return refusal(directoryError);

  const ignore = new Set(options.ignoreIds ?? []);
  ignore.add(candidate.id);
  const maxClashes = options.maxClashes ?? 50;
  const occurrences = expandOccurrences(
    candidate,
    candidate.recurrence ? index.horizon : { to: Number.POSITIVE_INFINITY },
  );
  const clashes: Clash[] = [];
  let firstClashing: { start: number; end: number } | null = null;
  for (const ref of resourcesOf(candidate)) {
    const bufferMs = index.bufferMinutes(ref) * 60_000;
    for (const occ of occurrences) {
      for (const it of index.overlapping(ref, occ.start, occ.end + bufferMs)) {
        if (ignore.has(it.bookingId)) continue;
        if (!firstClashing || occ.start < firstClashing.start) firstClashing = occ;
        if (clashes.length < maxClashes) {
          clashes.push({
            resource: ref,
            bookingId: it.bookingId,
            start: toIsoInstant(it.occurrenceStart),
            end: toIsoInstant(it.occurrenceEnd),
            candidateStart: toIsoInstant(occ.start),
            candidateEnd: toIsoInstant(occ.end),
          });
        }
      }
    }
  }
  if (clashes.length === 0 || !firstClashing) return { ok: true };
  clashes.sort((a, b) => instantMs(a.candidateStart) - instantMs(b.candidateStart));
  const first = clashes[0]!;
  const slot = nextFreeSlot(
    index,
    resourcesOf(candidate),
    firstClashing.end - firstClashing.start,
    firstClashing.start,
    {
      ignoreIds: ignore,
      ...(options.workingHours ? { workingHours: options.workingHours } : {}),
    },
  );
  return {
    ok: false,
    code: DOUBLE_BOOKED[first.resource.kind],
    params: {
      clashCount: clashes.length,
      start: first.start,
      end: first.end,
      bookingId: first.bookingId,
    },
    clashes,
    nextFreeSlot: slot,
  };
}

function checkDirectory(candidate: Booking, index: BookingIndex): BookingError | null {
  if (candidate.kind === 'interpreter') {
    const person = index.interpreters.get(candidate.interpreterId);
    if (person && !person.active) {
      return { code: 'bookings.resource_inactive', params: { resourceId: person.id } };
    }
    if (person && person.officeId !== candidate.officeId)
      return { code: 'bookings.office_mismatch' };
    return null;
  }
  const vehicle = index.vehicles.get(candidate.vehicleId);
  if (vehicle) {
    if (!vehicle.active) {
      return { code: 'bookings.resource_inactive', params: { resourceId: vehicle.id } };
    }
    const tripError = validateTripAgainstVehicle(candidate, vehicle);
    if (tripError) return tripError;
  }
  const driver = candidate.driverId ? index.drivers.get(candidate.driverId) : undefined;
  if (driver && !driver.active) {
    return { code: 'bookings.resource_inactive', params: { resourceId: driver.id } };
  }
  return null;
}

export interface NextFreeOptions {
  readonly ignoreIds?: Iterable<string>;
  readonly workingHours?: WorkingHours;
  /** Give up (null) when no slot starts before this. Default: 366 days after `after`. */
  readonly notAfter?: number | string;
}

/**
 * Earliest slot of `durationMs` starting at or after `after` in which every
 * resource is free (a vehicle's turnaround buffer must fit after the slot
 * too), optionally inside daily working hours in the office zone.
 */
export function nextFreeSlot(
  index: BookingIndex,
  resources: readonly ResourceRef[],
  durationMs: number,
  after: number | string,
  options: NextFreeOptions = {},
): FreeSlot | null {
  const start = instantMs(after);
  const limit =
    options.notAfter !== undefined ? instantMs(options.notAfter) : start + 366 * 86_400_000;
  const ignore = new Set(options.ignoreIds ?? []);
  let t = start;
  // Each round moves t forward; resources agree or the limit is reached.
  for (let round = 0; round < 10_000 && t <= limit; round += 1) {
    if (options.workingHours) {
      const fitted = fitWorkingHours(t, durationMs, options.workingHours);
      if (fitted === null) return null;
      t = fitted;
      if (t > limit) return null;
    }
    let moved = false;
    for (const ref of resources) {
      const length = durationMs + index.bufferMinutes(ref) * 60_000;
      const free = index.nextFreeFor(ref, t, length, ignore);
      if (free > t) {
        t = free;
        moved = true;
      }
    }
    if (!moved) return { start: toIsoInstant(t), end: toIsoInstant(t + durationMs) };
  }
  return null;
}

/** Earliest t' >= t such that [t', t' + duration) lies inside one day's working hours. */
function fitWorkingHours(t: number, durationMs: number, hours: WorkingHours): number | null {
  const [sh, sm] = hours.start.split(':').map(Number);
  const [eh, em] = hours.end.split(':').map(Number);
  let day = toZoned(t, hours.zone).startOf('day');
  for (let i = 0; i < 370; i += 1) {
    const open = day.set({ hour: sh ?? 0, minute: sm ?? 0 }).toMillis();
    const close = day.set({ hour: eh ?? 0, minute: em ?? 0 }).toMillis();
    const candidate = Math.max(t, open);
    if (candidate + durationMs <= close) return candidate;
    day = day.plus({ days: 1 }).startOf('day');
  }
  return null;
}

/** Convenience for forms: next free slot for a booking's resources and duration. */
export function nextFreeSlotFor(
  booking: Booking,
  index: BookingIndex,
  after: number | string,
  options: NextFreeOptions = {},
): FreeSlot | null {
  const duration = instantMs(booking.end) - instantMs(booking.start);
  return nextFreeSlot(index, resourcesOf(booking), duration, after, {
    ...options,
    ignoreIds: [booking.id, ...(options.ignoreIds ?? [])],
  });
}
