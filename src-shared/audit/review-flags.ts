/**
 * The review screen's flags on access records (issue 14, item 5), as plain rules HQ computes
 * for every entry it returns: a large export or print, access outside the office's working
 * hours (in the office's time zone) and a person's unusual daily volume.
 */
import { DateTime } from 'luxon';
import type { AccessAction } from './entry';
import type { EntryFlagKind } from './protocol';

/** An export or print of at least this many data subjects is "large". */
export const LARGE_EXPORT_SUBJECTS = 100;
/** Working hours, office local time: Monday to Friday, 08:00 to 19:00. */
export const WORK_START_HOUR = 8;
export const WORK_END_HOUR = 19;
/** A person's day is unusual from this many subjects on, whatever their habit... */
export const UNUSUAL_DAY_ABSOLUTE = 500;
/** ...or from this many when it is also UNUSUAL_DAY_FACTOR × their median day in the period. */
export const UNUSUAL_DAY_MIN = 50;
export const UNUSUAL_DAY_FACTOR = 5;

export interface FlagInput {
  at: number;
  action: AccessAction;
  count: number;
  /** Who (staff id, else the device): volume is per person. */
  person: string;
  timeZone: string;
}

export function isLargeExport(e: Pick<FlagInput, 'action' | 'count'>): boolean {
  return (e.action === 'export' || e.action === 'print') && e.count >= LARGE_EXPORT_SUBJECTS;
}

export function isAfterHours(at: number, timeZone: string): boolean {
  const local = DateTime.fromMillis(at, { zone: timeZone });
  if (!local.isValid) return false;
  if (local.weekday > 5) return true;
  return local.hour < WORK_START_HOUR || local.hour >= WORK_END_HOUR;
}

export function localDay(at: number, timeZone: string): string {
  return DateTime.fromMillis(at, { zone: timeZone }).toISODate() ?? '';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Days on which a person touched unusually many subjects: keys `person\u0000day`. The median
 * is over the person's OTHER days in the entries given (their habit), so one heavy day
 * cannot hide itself.
 */
export function unusualDays(entries: readonly FlagInput[]): Set<string> {
  const perPerson = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const days = perPerson.get(e.person) ?? new Map<string, number>();
    perPerson.set(e.person, days);
    const day = localDay(e.at, e.timeZone);
    days.set(day, (days.get(day) ?? 0) + Math.max(1, e.count));
  }
  const out = new Set<string>();
  for (const [person, days] of perPerson) {
    for (const [day, total] of days) {
      const others = [...days].filter(([d]) => d !== day).map(([, n]) => n);
      const habit = others.length ? median(others) : 0;
      const unusual =
        total >= UNUSUAL_DAY_ABSOLUTE ||
        (others.length > 0 && total >= UNUSUAL_DAY_MIN && total > UNUSUAL_DAY_FACTOR * habit);
      if (unusual) out.add(`${person}\u0000${day}`);
    }
  }
  return out;
}

/** Every entry's flags, in the order given. */
export function flagEntries(entries: readonly FlagInput[]): EntryFlagKind[][] {
  const unusual = unusualDays(entries);
  return entries.map((e) => {
    const flags: EntryFlagKind[] = [];
    if (isLargeExport(e)) flags.push('large_export');
    if (isAfterHours(e.at, e.timeZone)) flags.push('after_hours');
    if (unusual.has(`${e.person}\u0000${localDay(e.at, e.timeZone)}`)) {
      flags.push('unusual_volume');
    }
    return flags;
  });
}
