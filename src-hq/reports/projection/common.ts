/** Small pieces every projection uses: the database type, batching, office time zones. */
import type { Kysely } from 'kysely';
import { monthOf } from '@shared/money/fx';
import type { HqSchema } from '../../db/schema';

export type DB = Kysely<HqSchema>;

/** Rows per statement (keeps every statement under SQLite's and PostgreSQL's parameter limits). */
export const CHUNK = 200;

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

const zoneValidity = new Map<string, boolean>();

export function isZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0) return false;
  let ok = zoneValidity.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    zoneValidity.set(tz, ok);
  }
  return ok;
}

/** `YYYY-MM` of an instant in a zone (the shared monthOf; an unknown zone counts as UTC). */
export function localMonth(ms: number, tz: string): string {
  return monthOf(ms, isZone(tz) ? tz : 'UTC');
}

/** The zone a record's facts are dated in: its own, else its office's, else UTC. */
export function zoneOf(recordZone: unknown, officeZone: string | undefined): string {
  return isZone(recordZone) ? recordZone : (officeZone ?? 'UTC');
}

export async function officeZones(db: DB): Promise<Map<string, string>> {
  const rows = await db.selectFrom('offices').select(['id', 'time_zone']).execute();
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}
