import { DateTime, IANAZone } from 'luxon';
import { fail, ok, type Result } from './errors';

/**
 * Wall time <-> instant in an office's IANA zone. All date math goes through
 * luxon: never native Date arithmetic, never the host zone.
 */

/** Local date and time as typed in a form: `2025-03-09` and `09:30`. */
export interface WallTime {
  readonly date: string; // yyyy-MM-dd
  readonly time: string; // HH:mm or HH:mm:ss
}

/**
 * How to read a wall time that occurs twice (fall-back hour):
 * `reject` asks the user; `earlier`/`later` pick the first/second occurrence.
 */
export type Disambiguation = 'reject' | 'earlier' | 'later';

// IANAZone.isValidZone builds an Intl.DateTimeFormat per call; zones are few.
const zoneValidity = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parseWall(wall: WallTime): LocalFields | null {
  const d = DATE_RE.exec(wall.date);
  const t = TIME_RE.exec(wall.time);
  if (!d || !t) return null;
  const fields = {
    year: Number(d[1]),
    month: Number(d[2]),
    day: Number(d[3]),
    hour: Number(t[1]),
    minute: Number(t[2]),
    second: Number(t[3] ?? 0),
  };
  // Validate the calendar date and clock independently of any zone.
  const probe = DateTime.fromObject(fields, { zone: 'UTC' });
  if (!probe.isValid) return null;
  return fields;
}

/**
 * Every instant (epoch ms, ascending) whose wall clock in `zone` reads exactly
 * `fields`: 0 in a DST gap, 2 in a fall-back overlap, 1 otherwise.
 */
export function instantsForLocal(fields: LocalFields, zone: string): number[] {
  const asUtc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  const iana = IANAZone.create(zone);
  // Candidate offsets: those in force a day either side cover any transition.
  const offsets = new Set<number>([
    iana.offset(asUtc - 86_400_000),
    iana.offset(asUtc),
    iana.offset(asUtc + 86_400_000),
  ]);
  const found = new Set<number>();
  for (const offsetMinutes of offsets) {
    const instant = asUtc - offsetMinutes * 60_000;
    if (iana.offset(instant) === offsetMinutes) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

export interface ResolvedWallTime {
  /** ISO-8601 UTC, e.g. `2025-03-09T17:00:00.000Z`. */
  readonly instant: string;
  /** Offset from UTC in minutes at that instant (-420 for PDT). */
  readonly offsetMinutes: number;
}

/**
 * Converts a wall time in `zone` to an instant. Non-existent times (spring
 * forward gap) fail with `bookings.wall_time_nonexistent`; times that occur
 * twice fail with `bookings.wall_time_ambiguous` unless `disambiguation`
 * picks one. The ambiguous error carries both candidates so the UI can offer
 * the choice (params `earlier`, `later` are ISO instants).
 */
export function wallTimeToInstant(
  wall: WallTime,
  zone: string,
  disambiguation: Disambiguation = 'reject',
): Result<ResolvedWallTime> {
  if (!isValidTimeZone(zone)) return fail('bookings.invalid_time_zone', { zone });
  const fields = parseWall(wall);
  if (!fields) return fail('bookings.wall_time_invalid', { date: wall.date, time: wall.time });
  const instants = instantsForLocal(fields, zone);
  const label = `${wall.date} ${wall.time}`;
  if (instants.length === 0) {
    return fail('bookings.wall_time_nonexistent', { wallTime: label, zone });
  }
  let chosen: number;
  if (instants.length === 1) {
    chosen = instants[0]!;
  } else if (disambiguation === 'earlier') {
    chosen = instants[0]!;
  } else if (disambiguation === 'later') {
    chosen = instants[instants.length - 1]!;
  } else {
    return fail('bookings.wall_time_ambiguous', {
      wallTime: label,
      zone,
      earlier: new Date(instants[0]!).toISOString(),
      later: new Date(instants[instants.length - 1]!).toISOString(),
      earlierOffset: offsetLabel(IANAZone.create(zone).offset(instants[0]!)),
      laterOffset: offsetLabel(IANAZone.create(zone).offset(instants[instants.length - 1]!)),
    });
  }
  return ok({
    instant: new Date(chosen).toISOString(),
    offsetMinutes: IANAZone.create(zone).offset(chosen),
  });
}

/** `UTC-07:00` style label for the ambiguous-time choice. */
export function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

export interface WallTimeView extends WallTime {
  readonly offsetMinutes: number;
  /** True when this wall time occurs twice that day (show the offset). */
  readonly ambiguous: boolean;
}

/** Instant -> wall time in `zone` (for forms and lists). */
export function instantToWallTime(instant: string | number, zone: string): WallTimeView {
  const dt = toZoned(instant, zone);
  const fields = {
    year: dt.year,
    month: dt.month,
    day: dt.day,
    hour: dt.hour,
    minute: dt.minute,
    second: dt.second,
  };
  return {
    date: dt.toFormat('yyyy-MM-dd'),
    time: dt.toFormat('HH:mm'),
    offsetMinutes: dt.offset,
    ambiguous: instantsForLocal(fields, zone).length > 1,
  };
}

/** Parses an ISO instant to epoch ms; NaN when invalid. */
// The stored form (Date#toISOString) is defined by ECMAScript: parse it natively.
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function instantMs(instant: string | number): number {
  if (typeof instant === 'number') return instant;
  if (CANONICAL_INSTANT.test(instant)) {
    const ms = Date.parse(instant);
    // Date.parse rolls some impossible dates over; only trust exact round trips.
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === instant) return ms;
  }
  const dt = DateTime.fromISO(instant, { setZone: true });
  return dt.isValid ? dt.toMillis() : Number.NaN;
}

export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

export function toZoned(instant: string | number, zone: string): DateTime {
  return DateTime.fromMillis(instantMs(instant), { zone });
}

/** True for a full ISO-8601 instant with an explicit offset or Z. */
export function isIsoInstant(value: string): boolean {
  if (typeof value !== 'string') return false;
  if (CANONICAL_INSTANT.test(value)) return !Number.isNaN(instantMs(value));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return false;
  }
  return DateTime.fromISO(value, { setZone: true }).isValid;
}

export interface WallRange {
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  /** End on a later local date (overnight); defaults to `date`. */
  readonly endDate?: string;
}

/**
 * A booking form's local date + start/end times -> instants, with the same
 * gap/ambiguity rules as `wallTimeToInstant` (the choice applies to both ends).
 */
export function wallRangeToInstants(
  range: WallRange,
  zone: string,
  disambiguation: Disambiguation = 'reject',
): Result<{ start: string; end: string }> {
  const start = wallTimeToInstant(
    { date: range.date, time: range.startTime },
    zone,
    disambiguation,
  );
  if (!start.ok) return start;
  const end = wallTimeToInstant(
    { date: range.endDate ?? range.date, time: range.endTime },
    zone,
    disambiguation,
  );
  if (!end.ok) return end;
  if (instantMs(end.value.instant) <= instantMs(start.value.instant)) {
    return fail('bookings.end_not_after_start');
  }
  return ok({ start: start.value.instant, end: end.value.instant });
}
