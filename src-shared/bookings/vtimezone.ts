import { DateTime, IANAZone } from 'luxon';

/**
 * VTIMEZONE for an IANA zone, derived from the offsets luxon (Intl/ICU tzdata)
 * reports. No installed library generates VTIMEZONE (ical-generator only takes
 * a generator callback; @touch4it/ical-timezones is not a dependency), so each
 * real transition in the covered years becomes one observance with an explicit
 * DTSTART (RFC 5545 §3.6.5 allows one-off observances without RRULE).
 */

export interface Transition {
  /** Epoch ms of the change. */
  readonly at: number;
  readonly offsetFrom: number; // minutes
  readonly offsetTo: number;
}

const DAY = 86_400_000;

/** Offset changes in [from, to), found by daily probing then bisection to the minute. */
export function offsetTransitions(zone: string, from: number, to: number): Transition[] {
  const iana = IANAZone.create(zone);
  const out: Transition[] = [];
  let prevT = from;
  let prevOffset = iana.offset(from);
  for (let t = from + DAY; t < to + DAY; t += DAY) {
    const probe = Math.min(t, to);
    const offset = iana.offset(probe);
    if (offset !== prevOffset) {
      let lo = prevT;
      let hi = probe;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (iana.offset(mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, offsetFrom: prevOffset, offsetTo: offset });
      prevOffset = offset;
    }
    prevT = probe;
    if (probe === to) break;
  }
  return out;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Local wall time of `at` under `offsetMinutes`, as an iCalendar DATE-TIME (no Z). */
function localStamp(at: number, offsetMinutes: number): string {
  return DateTime.fromMillis(at + offsetMinutes * 60_000, { zone: 'UTC' }).toFormat(
    "yyyyMMdd'T'HHmmss",
  );
}

export interface VTimezoneRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The VTIMEZONE text (CRLF lines) for `zone` covering `range`. The first
 * observance states the offset in force at `range.from`.
 */
export function buildVTimezone(zone: string, range: VTimezoneRange): string {
  const iana = IANAZone.create(zone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (at: number, fromOffset: number, toOffset: number) => {
    const kind = DateTime.fromMillis(at, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
    const name = DateTime.fromMillis(at, { zone }).offsetNameShort;
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(at, fromOffset)}`,
      `TZOFFSETFROM:${formatOffset(fromOffset)}`,
      `TZOFFSETTO:${formatOffset(toOffset)}`,
      ...(name && !/^(GMT|UTC)[+-]/.test(name) ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    );
  };
  const initial = iana.offset(range.from);
  observance(range.from, initial, initial);
  for (const t of offsetTransitions(zone, range.from, range.to)) {
    observance(t.at, t.offsetFrom, t.offsetTo);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
