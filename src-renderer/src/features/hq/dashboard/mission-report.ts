/** Pure helpers of the dashboard's mission view (issue 13). */
import { formatDate, formatNumber } from '@shared/format';
import type { Language } from '@shared/i18n/languages';

/** A mission's visit as dates in the UI language ("Mar 30, 2025 – Apr 2, 2025"). */
export function visitLabel(arrival: string, departure: string, language: Language): string {
  const date = (d: string) => {
    const ms = Date.parse(`${d}T12:00:00Z`);
    return Number.isNaN(ms) ? d : formatDate(ms, 'UTC', language);
  };
  return arrival === departure ? date(arrival) : `${date(arrival)} – ${date(departure)}`;
}

/** Booked hours, one decimal at most (30 minutes of van time is 0.5, not 1). */
export function hoursValue(hours: number, language: Language): string {
  return formatNumber(Math.round(hours * 10) / 10, language);
}

const MISSION_RE = /^[\w:.-]{1,128}$/;

/** The mission in the address (`?mission=<id>`), or null when absent or malformed. */
export function missionFromParams(value: string | null): string | null {
  return value && MISSION_RE.test(value) ? value : null;
}
