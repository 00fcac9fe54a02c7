/**
 * Interpreters, vehicles and their bookings: report_resources (which are active),
 * report_booking_hours (booked ms per office-local month) and report_delegations.
 */
import { DateTime } from 'luxon';
import { expandOccurrences } from '@shared/bookings/recurrence';
import { recurrenceRuleSchema } from '@shared/bookings/schemas';
import { foldForSearch } from '@shared/crm/fold';
import type { RecordState } from '@shared/sync/merge';
import type { HqSchema } from '../../db/schema';
import type { ChangedRecord } from '../../sync/projectors';
import { CHUNK, groupBy, localMonth, str, zoneOf, type DB } from './common';
import { upsertRows } from './upsert';

export const BOOKING_KIND: Readonly<Record<string, 'interpreter' | 'vehicle'>> = {
  interpreterBookings: 'interpreter',
  vehicleTrips: 'vehicle',
  interpreters: 'interpreter',
  vehicles: 'vehicle',
};

/** A recurring booking without an end is counted up to this long after its first start. */
const OPEN_SERIES_HORIZON_MS = 3 * 366 * 24 * 3_600_000;

interface BookingFacts {
  hours: Array<{ month: string; ms: number }>;
  delegation: { key: string; month: string } | null;
}

/** Booked ms per office-local month (cancelled or deleted: none) and the delegation served. */
export function bookingFacts(
  officeId: string,
  id: string,
  state: RecordState,
  officeZone: string | undefined,
): BookingFacts {
  const none: BookingFacts = { hours: [], delegation: null };
  const d = state.data;
  if (state.deleted || d.status === 'cancelled') return none;
  const start = Date.parse(str(d.start));
  const end = Date.parse(str(d.end));
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return none;
  const zone = zoneOf(d.timeZone, officeZone);
  const rule = d.recurrence ? recurrenceRuleSchema.safeParse(d.recurrence) : null;
  let occurrences: Array<{ start: number; end: number }>;
  try {
    occurrences = expandOccurrences(
      {
        id,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        recurrence: rule?.success ? rule.data : undefined,
      },
      { to: start + OPEN_SERIES_HORIZON_MS },
    );
  } catch {
    occurrences = [{ start, end }];
  }
  const perMonth = new Map<string, number>();
  for (const o of occurrences) {
    let cur = o.start;
    while (cur < o.end) {
      const dt = DateTime.fromMillis(cur, { zone });
      const next = dt.startOf('month').plus({ months: 1 }).toMillis();
      const segEnd = Math.min(o.end, next);
      const month = dt.toFormat('yyyy-MM');
      perMonth.set(month, (perMonth.get(month) ?? 0) + (segEnd - cur));
      cur = segEnd;
    }
  }
  const requester = d.requester as
    | { kind?: unknown; delegationId?: unknown; label?: unknown }
    | undefined;
  let delegation: BookingFacts['delegation'] = null;
  if (requester?.kind === 'delegation') {
    const label = foldForSearch(str(requester.label));
    const key = str(requester.delegationId)
      ? `id:${str(requester.delegationId)}`
      : label
        ? `label:${officeId}:${label}`
        : `booking:${officeId}:${id}`;
    delegation = { key, month: localMonth(start, zone) };
  }
  return { hours: [...perMonth].map(([month, ms]) => ({ month, ms })), delegation };
}

/** Interpreters and vehicles: available hours come from the active ones. */
export async function projectResources(db: DB, changes: readonly ChangedRecord[]): Promise<void> {
  await upsertRows(
    db,
    'report_resources',
    changes.map((c) => ({
      office_id: c.partition,
      kind: BOOKING_KIND[c.tbl]!,
      id: c.id,
      active: !c.after.deleted && c.after.data.active !== false ? 1 : 0,
    })),
    ['office_id', 'kind', 'id'],
    ['active'],
  );
}

/** Bookings: replace their hours and delegation rows. */
export async function projectBookings(
  db: DB,
  changes: readonly ChangedRecord[],
  zones: Map<string, string>,
): Promise<void> {
  for (const [, group] of groupBy(changes, (c) => `${c.partition}\u0000${c.tbl}`)) {
    const office = group[0]!.partition;
    const kind = BOOKING_KIND[group[0]!.tbl]!;
    for (let i = 0; i < group.length; i += CHUNK) {
      const slice = group.slice(i, i + CHUNK);
      const ids = slice.map((c) => c.id);
      await db
        .deleteFrom('report_booking_hours')
        .where('office_id', '=', office)
        .where('kind', '=', kind)
        .where('booking_id', 'in', ids)
        .execute();
      await db
        .deleteFrom('report_delegations')
        .where('office_id', '=', office)
        .where('kind', '=', kind)
        .where('booking_id', 'in', ids)
        .execute();
      const hours: HqSchema['report_booking_hours'][] = [];
      const delegations: HqSchema['report_delegations'][] = [];
      for (const c of slice) {
        const f = bookingFacts(office, c.id, c.after, zones.get(office));
        for (const h of f.hours) hours.push({ office_id: office, kind, booking_id: c.id, ...h });
        if (f.delegation) {
          delegations.push({
            office_id: office,
            kind,
            booking_id: c.id,
            month: f.delegation.month,
            delegation_key: f.delegation.key,
          });
        }
      }
      for (let j = 0; j < hours.length; j += CHUNK) {
        await db
          .insertInto('report_booking_hours')
          .values(hours.slice(j, j + CHUNK))
          .execute();
      }
      if (delegations.length)
        await db.insertInto('report_delegations').values(delegations).execute();
    }
  }
}
