/**
 * Error codes of the bookings domain. Each code is a key in
 * `locales/<lang>/errors.json` (nested: `bookings.<code>`), so the UI calls
 * `t('errors:' + error.code, error.params)`.
 */
export const BOOKING_ERROR_CODES = [
  'bookings.invalid_record',
  'bookings.end_not_after_start',
  'bookings.invalid_instant',
  'bookings.invalid_time_zone',
  'bookings.invalid_status',
  'bookings.invalid_purpose',
  'bookings.wall_time_invalid',
  'bookings.wall_time_nonexistent',
  'bookings.wall_time_ambiguous',
  'bookings.passengers_exceed_seats',
  'bookings.passenger_names_exceed_count',
  'bookings.invalid_recurrence',
  'bookings.recurrence_count_and_until',
  'bookings.recurrence_start_not_on_weekday',
  'bookings.recurrence_overlaps_itself',
  'bookings.occurrence_not_in_series',
  'bookings.interpreter_double_booked',
  'bookings.vehicle_double_booked',
  'bookings.driver_double_booked',
  'bookings.resource_inactive',
  'bookings.unknown_resource',
  'bookings.office_mismatch',
  'bookings.no_free_slot',
] as const;

export type BookingErrorCode = (typeof BOOKING_ERROR_CODES)[number];

/** A translatable failure: the UI renders `t('errors:' + code, params)`. */
export interface BookingError {
  readonly code: BookingErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Dotted path of the offending field, when it comes from validation. */
  readonly path?: string;
}

export type Result<T, E = BookingError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(
  code: BookingErrorCode,
  params?: Record<string, string | number>,
  path?: string,
): { ok: false; error: BookingError } {
  const error: BookingError = {
    code,
    ...(params ? { params } : {}),
    ...(path ? { path } : {}),
  };
  return { ok: false, error };
}

export function isBookingErrorCode(value: unknown): value is BookingErrorCode {
  return typeof value === 'string' && (BOOKING_ERROR_CODES as readonly string[]).includes(value);
}
