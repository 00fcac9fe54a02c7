import { DateTime } from 'luxon';
import {
  instantsForLocal,
  wallRangeToInstants,
  type Booking,
  type BookingError,
  type BookingPurpose,
  type BookingStatus,
  type Disambiguation,
  type RecurrenceRuleInput,
  type Weekday,
  WEEKDAYS,
} from '@shared/bookings';

/** The booking form's fields as plain values (dates as yyyy-MM-dd strings). */
export interface BookingFormValues {
  resourceId?: string;
  /** Vehicles only; '' = no driver yet. */
  driverId?: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  endsNextDay?: boolean;
  /** Only asked when a time falls in the repeated fall-back hour. */
  ambiguity?: 'earlier' | 'later';
  purpose?: BookingPurpose;
  tradeTalkId?: string;
  requesterKind?: 'none' | 'sme' | 'delegation';
  smeId?: string;
  requesterLabel?: string;
  /** The requester's name in Latin script (an SME's CRM English name, a delegation's). */
  requesterLabelLatin?: string;
  location?: string;
  pickUp?: string;
  dropOff?: string;
  passengers?: number | null;
  passengerNames?: string[];
  status?: BookingStatus;
  notes?: string;
  repeat?: 'none' | 'daily' | 'weekly';
  interval?: number | null;
  repeatEnd?: 'count' | 'until';
  count?: number | null;
  until?: string;
  weekdays?: Weekday[];
}

export interface CandidateContext {
  readonly kind: Booking['kind'];
  readonly id: string;
  readonly officeId: string;
  readonly zone: string;
}

export type CandidateResult =
  | { ok: true; booking: Record<string, unknown>; start: string; end: string }
  | { ok: false; error: BookingError; needsAmbiguity?: boolean };

const trimmed = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/**
 * Form values -> a booking record for the shared schema: wall times in the
 * office zone become instants (gap refused, fall-back asks which one), the
 * repeat rule carries the zone. Schema validation happens in the repository.
 */
export function buildCandidate(values: BookingFormValues, ctx: CandidateContext): CandidateResult {
  if (!values.resourceId) {
    return { ok: false, error: { code: 'bookings.unknown_resource', params: { resourceId: '' } } };
  }
  if (!values.date || !values.startTime || !values.endTime) {
    return {
      ok: false,
      error: { code: 'bookings.wall_time_invalid', params: { date: '', time: '' } },
    };
  }
  const endDate = values.endsNextDay
    ? DateTime.fromISO(values.date, { zone: ctx.zone }).plus({ days: 1 }).toFormat('yyyy-MM-dd')
    : values.date;
  const disambiguation: Disambiguation = values.ambiguity ?? 'reject';
  const times = wallRangeToInstants(
    { date: values.date, startTime: values.startTime, endTime: values.endTime, endDate },
    ctx.zone,
    disambiguation,
  );
  if (!times.ok) {
    return {
      ok: false,
      error: times.error,
      needsAmbiguity: times.error.code === 'bookings.wall_time_ambiguous',
    };
  }
  const latin = trimmed(values.requesterLabelLatin)
    ? { labelLatin: trimmed(values.requesterLabelLatin)! }
    : {};
  const requester =
    values.requesterKind === 'sme' && values.smeId
      ? {
          kind: 'sme' as const,
          smeId: values.smeId,
          ...(trimmed(values.requesterLabel) ? { label: trimmed(values.requesterLabel) } : {}),
          ...latin,
        }
      : values.requesterKind === 'delegation' && trimmed(values.requesterLabel)
        ? { kind: 'delegation' as const, label: trimmed(values.requesterLabel)!, ...latin }
        : undefined;
  const recurrence = recurrenceOf(values, ctx.zone, times.value.start);
  const base: Record<string, unknown> = {
    id: ctx.id,
    officeId: ctx.officeId,
    timeZone: ctx.zone,
    start: times.value.start,
    end: times.value.end,
    purpose: values.purpose ?? 'other',
    status: values.status ?? 'confirmed',
    ...(trimmed(values.tradeTalkId) ? { tradeTalkId: values.tradeTalkId } : {}),
    ...(trimmed(values.notes) ? { notes: trimmed(values.notes) } : {}),
    ...(requester ? { requester } : {}),
    ...(recurrence ? { recurrence } : {}),
  };
  if (ctx.kind === 'interpreter') {
    return {
      ok: true,
      start: times.value.start,
      end: times.value.end,
      booking: {
        ...base,
        kind: 'interpreter',
        interpreterId: values.resourceId,
        ...(trimmed(values.location) ? { location: trimmed(values.location) } : {}),
      },
    };
  }
  const names = (values.passengerNames ?? []).map((n) => n.trim()).filter(Boolean);
  return {
    ok: true,
    start: times.value.start,
    end: times.value.end,
    booking: {
      ...base,
      kind: 'vehicle',
      vehicleId: values.resourceId,
      driverId: values.driverId ? values.driverId : null,
      pickUp: { address: trimmed(values.pickUp) ?? '' },
      dropOff: { address: trimmed(values.dropOff) ?? '' },
      passengers: values.passengers ?? 0,
      passengerNames: names,
    },
  };
}

function recurrenceOf(
  values: BookingFormValues,
  zone: string,
  start: string,
): RecurrenceRuleInput | undefined {
  if (!values.repeat || values.repeat === 'none') return undefined;
  const rule: RecurrenceRuleInput = {
    freq: values.repeat,
    interval: values.interval ?? 1,
    timeZone: zone,
    exdates: [],
  };
  if (values.repeatEnd === 'until' && values.until) {
    // Inclusive: every occurrence starting on the until date still counts.
    rule.until = DateTime.fromISO(values.until, { zone }).endOf('day').toUTC().toISO()!;
  } else if (values.count) {
    rule.count = values.count;
  }
  if (values.repeat === 'weekly') {
    const first = WEEKDAYS[DateTime.fromISO(start, { zone }).setZone(zone).weekday - 1]!;
    const days = values.weekdays && values.weekdays.length > 0 ? values.weekdays : [first];
    rule.byWeekday = WEEKDAYS.filter((d) => days.includes(d));
  }
  return rule;
}

/** A stored booking -> form values, wall times in `zone`; `occurrenceStart` for one of a series. */
export function valuesOf(
  booking: Booking,
  zone: string,
  occurrenceStart?: number,
): BookingFormValues {
  const startMs = occurrenceStart ?? Date.parse(booking.start);
  const endMs = startMs + (Date.parse(booking.end) - Date.parse(booking.start));
  const s = DateTime.fromMillis(startMs, { zone });
  const e = DateTime.fromMillis(endMs, { zone });
  const rule = booking.recurrence;
  const ambiguity = storedAmbiguity(startMs, endMs, zone);
  const common: BookingFormValues = {
    // The repeated hour of a DST change: the choice made when it was saved, kept.
    ...(ambiguity ? { ambiguity } : {}),
    date: s.toFormat('yyyy-MM-dd'),
    startTime: s.toFormat('HH:mm'),
    endTime: e.toFormat('HH:mm'),
    endsNextDay: e.toFormat('yyyy-MM-dd') !== s.toFormat('yyyy-MM-dd'),
    purpose: booking.purpose,
    tradeTalkId: booking.tradeTalkId ?? '',
    requesterKind: booking.requester?.kind ?? 'none',
    smeId: booking.requester?.kind === 'sme' ? booking.requester.smeId : undefined,
    requesterLabel: booking.requester?.label ?? '',
    requesterLabelLatin: booking.requester?.labelLatin ?? '',
    status: booking.status,
    notes: booking.notes ?? '',
    repeat: rule?.freq ?? 'none',
    interval: rule?.interval ?? 1,
    repeatEnd: rule?.until ? 'until' : 'count',
    count: rule?.count ?? null,
    until: rule?.until
      ? DateTime.fromISO(rule.until).setZone(zone).toFormat('yyyy-MM-dd')
      : undefined,
    weekdays: rule?.byWeekday ?? [],
  };
  if (booking.kind === 'interpreter') {
    return { ...common, resourceId: booking.interpreterId, location: booking.location ?? '' };
  }
  return {
    ...common,
    resourceId: booking.vehicleId,
    driverId: booking.driverId ?? '',
    pickUp: booking.pickUp.address,
    dropOff: booking.dropOff.address,
    passengers: booking.passengers,
    passengerNames: booking.passengerNames,
  };
}

/**
 * Which of a repeated wall time (the 01:30 that occurs twice when the clocks go
 * back) a stored booking is at: the stored instant is the choice, so editing it
 * does not ask again. The start decides; the end when only it is repeated.
 */
export function storedAmbiguity(
  startMs: number,
  endMs: number,
  zone: string,
): 'earlier' | 'later' | undefined {
  for (const at of [startMs, endMs]) {
    const dt = DateTime.fromMillis(at, { zone });
    const fields = {
      year: dt.year,
      month: dt.month,
      day: dt.day,
      hour: dt.hour,
      minute: dt.minute,
      second: dt.second,
    };
    const instants = instantsForLocal(fields, zone);
    if (instants.length > 1) return at === instants[0] ? 'earlier' : 'later';
  }
  return undefined;
}

/** Every quarter hour of a day, "00:00" … "23:45". */
export const QUARTER_HOURS: readonly string[] = Array.from({ length: 96 }, (_, i) => {
  const h = String(Math.floor(i / 4)).padStart(2, '0');
  const m = String((i % 4) * 15).padStart(2, '0');
  return `${h}:${m}`;
});
