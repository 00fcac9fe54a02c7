import { DateTime } from 'luxon';
import { fail, ok, type Result } from './errors';
import { WEEKDAYS, type Booking, type RecurrenceRule } from './schemas';
import { instantMs, instantsForLocal, toIsoInstant, toZoned } from './wall-time';

/**
 * Recurrence expansion in the rule's IANA zone with luxon. `rrule` was not
 * used: its `tzid` results depend on the host zone (same rule gives different
 * instants under TZ=UTC and TZ=Pacific/Auckland), see docs/decisions.md.
 */

export interface Occurrence {
  /** Id of the booking (series) this occurrence belongs to. */
  readonly bookingId: string;
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
  /** 0-based index in the generated set (EXDATEd ones keep their slot). */
  readonly index: number;
}

export interface ExpandWindow {
  /** Only occurrences ending after `from` (epoch ms or ISO). */
  readonly from?: number | string;
  /** Only occurrences starting before `to`. Required for open-ended series. */
  readonly to: number | string;
}

/** Hard cap so a malformed rule can never loop forever. */
export const MAX_GENERATED_OCCURRENCES = 5000;

/**
 * Local wall time -> instant, RFC 5545 §3.3.5 style: a time in a DST gap
 * takes the offset before the gap (02:30 -> 03:30 PDT), a repeated time takes
 * its first occurrence.
 */
function localToInstant(
  local: DateTime,
  hour: number,
  minute: number,
  second: number,
  zone: string,
) {
  const fields = { year: local.year, month: local.month, day: local.day, hour, minute, second };
  const instants = instantsForLocal(fields, zone);
  if (instants.length > 0) return instants[0]!;
  // Gap: keep the pre-gap offset, which lands after the gap.
  const before = DateTime.fromObject(fields, { zone: 'UTC' }).toMillis();
  const preGapOffset = toZoned(before - 86_400_000 / 4, zone).offset;
  return before - preGapOffset * 60_000;
}

/**
 * Yields generated occurrence starts (epoch ms) in order, honouring
 * COUNT/UNTIL but not EXDATE, until `stopAfter` (exclusive) is passed.
 */
function* generateStarts(
  dtstart: number,
  rule: RecurrenceRule,
  stopAfter: number,
): Generator<number> {
  const zone = rule.timeZone;
  const first = toZoned(dtstart, zone);
  const { hour, minute, second } = first;
  const until = rule.until !== undefined ? instantMs(rule.until) : Number.POSITIVE_INFINITY;
  const limit = Math.min(rule.count ?? MAX_GENERATED_OCCURRENCES, MAX_GENERATED_OCCURRENCES);
  let produced = 0;
  const emit = (start: number): 'stop' | 'go' | 'skip' => {
    if (start < dtstart) return 'skip';
    if (start > until || start >= stopAfter || produced >= limit) return 'stop';
    produced += 1;
    return 'go';
  };
  const firstDay = first.startOf('day');
  if (rule.freq === 'daily') {
    for (let step = 0; ; step += 1) {
      const day = firstDay.plus({ days: step * rule.interval });
      const start = localToInstant(day, hour, minute, second, zone);
      const verdict = emit(start);
      if (verdict === 'stop') return;
      if (verdict === 'go') yield start;
    }
  }
  const weekdays = (rule.byWeekday ?? [WEEKDAYS[first.weekday - 1]!])
    .map((d) => WEEKDAYS.indexOf(d) + 1)
    .sort((a, b) => a - b);
  // WKST=MO: weeks are counted from the Monday of the first occurrence.
  const firstMonday = firstDay.minus({ days: first.weekday - 1 });
  for (let week = 0; ; week += 1) {
    const monday = firstMonday.plus({ weeks: week * rule.interval });
    for (const weekday of weekdays) {
      const day = monday.plus({ days: weekday - 1 });
      const start = localToInstant(day, hour, minute, second, zone);
      const verdict = emit(start);
      if (verdict === 'stop') return;
      if (verdict === 'go') yield start;
    }
  }
}

type Timed = Pick<Booking, 'id' | 'start' | 'end' | 'recurrence'>;

/**
 * Occurrences of a booking overlapping the window, EXDATEs removed. A
 * non-recurring booking yields itself. Durations are exact (RFC 5545: DTEND
 * gives every instance the same exact duration).
 */
export function expandOccurrences(booking: Timed, window: ExpandWindow): Occurrence[] {
  const start = instantMs(booking.start);
  const end = instantMs(booking.end);
  const from = window.from === undefined ? Number.NEGATIVE_INFINITY : instantMs(window.from);
  const to = instantMs(window.to);
  const rule = booking.recurrence;
  if (!rule) {
    return start < to && end > from ? [{ bookingId: booking.id, start, end, index: 0 }] : [];
  }
  const duration = end - start;
  const excluded = new Set(rule.exdates.map(instantMs));
  const result: Occurrence[] = [];
  let index = 0;
  for (const s of generateStarts(start, rule, to)) {
    if (!excluded.has(s) && s + duration > from) {
      result.push({ bookingId: booking.id, start: s, end: s + duration, index });
    }
    index += 1;
  }
  return result;
}

/** End of the last occurrence, or +Infinity for an open-ended series. */
export function seriesEnd(booking: Timed): number {
  const rule = booking.recurrence;
  if (!rule) return instantMs(booking.end);
  if (rule.count === undefined && rule.until === undefined) return Number.POSITIVE_INFINITY;
  const all = expandOccurrences(booking, { to: Number.POSITIVE_INFINITY });
  const last = all[all.length - 1];
  return last ? last.end : instantMs(booking.start);
}

function findOccurrence(series: Timed, occurrenceStart: string | number): Occurrence | undefined {
  const target = instantMs(occurrenceStart);
  return expandOccurrences(series, { from: target, to: target + 1 }).find(
    (o) => o.start === target,
  );
}

/** Removes one occurrence (EXDATE). */
export function excludeOccurrence<B extends Booking>(
  series: B,
  occurrenceStart: string | number,
): Result<B> {
  if (!series.recurrence) return fail('bookings.occurrence_not_in_series');
  if (!findOccurrence(series, occurrenceStart)) return fail('bookings.occurrence_not_in_series');
  const iso = toIsoInstant(instantMs(occurrenceStart));
  const exdates = [...new Set([...series.recurrence.exdates, iso])].sort();
  return ok({ ...series, recurrence: { ...series.recurrence, exdates } });
}

/** Fields an occurrence edit may change (times are the edited occurrence's). */
export type OccurrenceChanges<B extends Booking> = Partial<
  Omit<B, 'id' | 'officeId' | 'kind' | 'recurrence' | 'detachedFrom'>
>;

export interface EditResult<B extends Booking> {
  /** The series, updated (EXDATE or truncated). Null when nothing is left of it. */
  readonly series: B | null;
  /** The new record: a standalone booking ("this one") or a new series. */
  readonly created: B;
}

/**
 * "This one": the occurrence leaves the series (EXDATE) and becomes a
 * standalone booking with `changes` applied. `newId` comes from the caller
 * (crypto.randomUUID in the app) so this stays pure.
 */
export function editThisOccurrence<B extends Booking>(
  series: B,
  occurrenceStart: string | number,
  changes: OccurrenceChanges<B>,
  newId: string,
): Result<EditResult<B>> {
  const occurrence = series.recurrence ? findOccurrence(series, occurrenceStart) : undefined;
  if (!occurrence) return fail('bookings.occurrence_not_in_series');
  const excluded = excludeOccurrence(series, occurrence.start);
  if (!excluded.ok) return excluded;
  const created = {
    ...series,
    start: toIsoInstant(occurrence.start),
    end: toIsoInstant(occurrence.end),
    ...changes,
    id: newId,
    recurrence: undefined,
    detachedFrom: { seriesId: series.id, originalStart: toIsoInstant(occurrence.start) },
  } as B;
  delete (created as { recurrence?: unknown }).recurrence;
  return ok({ series: excluded.value, created });
}

/**
 * "This and following": the series stops before the occurrence; a new series
 * starts at it with `changes` applied. COUNT is split between the two;
 * EXDATEs after the split move to the new series (kept on the same local
 * dates, at the new series' wall time).
 */
export function editThisAndFollowing<B extends Booking>(
  series: B,
  occurrenceStart: string | number,
  changes: OccurrenceChanges<B>,
  newId: string,
): Result<EditResult<B>> {
  const rule = series.recurrence;
  const occurrence = rule ? findOccurrence(series, occurrenceStart) : undefined;
  if (!rule || !occurrence) return fail('bookings.occurrence_not_in_series');
  const split = occurrence.start;
  const before = rule.exdates.filter((d) => instantMs(d) < split);
  const after = rule.exdates.filter((d) => instantMs(d) >= split);

  const truncated: B | null =
    occurrence.index === 0
      ? null
      : ({
          ...series,
          recurrence:
            rule.count !== undefined
              ? { ...rule, count: occurrence.index, exdates: before }
              : { ...rule, until: toIsoInstant(split - 1000), exdates: before },
        } as B);

  const created = {
    ...series,
    start: toIsoInstant(occurrence.start),
    end: toIsoInstant(occurrence.end),
    ...changes,
    id: newId,
  } as B;
  const newStart = toZoned(created.start, rule.timeZone);
  const movedExdates = after.map((d) => {
    const day = toZoned(d, rule.timeZone);
    return toIsoInstant(
      localToInstant(day, newStart.hour, newStart.minute, newStart.second, rule.timeZone),
    );
  });
  const newRule: RecurrenceRule = {
    ...rule,
    exdates: movedExdates,
    ...(rule.count !== undefined ? { count: rule.count - occurrence.index } : {}),
  };
  (created as Booking).recurrence = newRule;
  delete (created as { detachedFrom?: unknown }).detachedFrom;
  return ok({ series: truncated, created });
}

/** "This and following" delete: the series ends before the occurrence. */
export function endSeriesBefore<B extends Booking>(
  series: B,
  occurrenceStart: string | number,
): Result<B | null> {
  const rule = series.recurrence;
  const occurrence = rule ? findOccurrence(series, occurrenceStart) : undefined;
  if (!rule || !occurrence) return fail('bookings.occurrence_not_in_series');
  if (occurrence.index === 0) return ok(null);
  const exdates = rule.exdates.filter((d) => instantMs(d) < occurrence.start);
  const recurrence: RecurrenceRule =
    rule.count !== undefined
      ? { ...rule, count: occurrence.index, exdates }
      : { ...rule, until: toIsoInstant(occurrence.start - 1000), exdates };
  return ok({ ...series, recurrence });
}

/** RRULE value (without `RRULE:`) for ICS export; UNTIL in UTC as RFC 5545 requires with TZID. */
export function toRRuleString(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq === 'daily' ? 'DAILY' : 'WEEKLY'}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) {
    parts.push(`UNTIL=${toZoned(rule.until, 'UTC').toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
  }
  if (rule.byWeekday) parts.push(`BYDAY=${rule.byWeekday.join(',')}`);
  parts.push('WKST=MO');
  return parts.join(';');
}
