/**
 * Error codes of the missions domain: keys of `locales/<lang>/errors.json`
 * (`missions.<code>`), so the UI renders `t('errors:' + code, params)`.
 */
export const MISSION_ERROR_CODES = [
  'missions.invalid_record',
  'missions.invalid_date',
  'missions.invalid_time',
  'missions.departure_before_arrival',
  'missions.mission_too_long',
  'missions.day_window_empty',
  'missions.break_outside_day',
  'missions.window_end_not_after_start',
  'missions.invalid_coordinates',
  'missions.invalid_language',
  'missions.duration_out_of_range',
  'missions.same_place',
  'missions.unknown_record',
  'missions.office_mismatch',
  'missions.meeting_not_planned',
  'missions.plan_has_conflicts',
  'missions.booking_refused',
  'missions.plan_failed',
] as const;

export type MissionErrorCode = (typeof MISSION_ERROR_CODES)[number];

export interface MissionError {
  readonly code: MissionErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly path?: string;
}

export type MissionResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: MissionError };

export function isMissionErrorCode(value: unknown): value is MissionErrorCode {
  return typeof value === 'string' && (MISSION_ERROR_CODES as readonly string[]).includes(value);
}
