import type { Language } from '../i18n/languages';
import { cachedDateTimeFormat } from './cache';
import { FormatError } from './errors';
import { intlLocale } from './locale';

/** An instant: an ISO-8601 string with an offset or Z, or epoch milliseconds. */
export type Instant = string | number;

export type DateStyle = 'short' | 'medium' | 'long' | 'full';

// An ISO string without an offset would be read in the machine's zone, which
// is exactly the bug a multi-zone app must not have: require Z or ±hh:mm.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function toDate(instant: Instant): Date {
  if (typeof instant === 'string' && !ISO_WITH_OFFSET.test(instant)) {
    throw new FormatError('format.invalid_instant', `not an ISO-8601 instant: ${instant}`);
  }
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    throw new FormatError('format.invalid_instant', `not a valid instant: ${String(instant)}`);
  }
  return date;
}

const validZones = new Map<string, boolean>();

export function isValidTimeZone(timeZone: string): boolean {
  let valid = validZones.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    validZones.set(timeZone, valid);
  }
  return valid;
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new FormatError('format.invalid_time_zone', `unknown IANA time zone: ${timeZone}`);
  }
}

function format(
  instant: Instant,
  timeZone: string,
  language: Language,
  options: Intl.DateTimeFormatOptions,
): string {
  assertTimeZone(timeZone);
  const date = toDate(instant);
  return cachedDateTimeFormat(intlLocale(language), { ...options, timeZone }).format(date);
}

/**
 * The calendar date of an instant in a zone. 'medium' by default: the short
 * numeric style is ambiguous across the offices (vi reads 3/10 as 3 October).
 */
export function formatDate(
  instant: Instant,
  timeZone: string,
  language: Language,
  style: DateStyle = 'medium',
): string {
  return format(instant, timeZone, language, { dateStyle: style });
}

/**
 * Wall-clock time in a zone, always 24-hour: schedules are read across
 * languages, and ko's 12-hour short pattern renders AM/PM in some ICU builds.
 */
export function formatTime(instant: Instant, timeZone: string, language: Language): string {
  return format(instant, timeZone, language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

export function formatDateTime(
  instant: Instant,
  timeZone: string,
  language: Language,
  dateStyle: DateStyle = 'medium',
): string {
  assertTimeZone(timeZone);
  const parts = cachedDateTimeFormat(intlLocale(language), {
    dateStyle,
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(toDate(instant));
  // timeStyle drops the leading zero of the hour ("8:30"); schedules read in
  // columns, so pad it to match formatTime ("08:30").
  return parts
    .map((part) => (part.type === 'hour' ? part.value.padStart(2, '0') : part.value))
    .join('');
}

/** The zone's UTC offset at an instant, e.g. "UTC+09:00", "UTC-07:00", "UTC". */
export function formatUtcOffset(timeZone: string, instant: Instant): string {
  assertTimeZone(timeZone);
  const parts = cachedDateTimeFormat('en-US', {
    timeZone,
    timeZoneName: 'longOffset',
  }).formatToParts(toDate(instant));
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  // ICU writes UTC itself as "GMT+00:00" in some builds and "GMT" in others.
  const offset = name.replace(/^GMT/, '');
  return offset === '' || offset === '+00:00' ? 'UTC' : `UTC${offset}`;
}
