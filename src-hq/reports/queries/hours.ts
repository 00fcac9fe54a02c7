/** Booked and available hours of interpreters and vehicles, delegations served. */
import { DateTime } from 'luxon';
import { monthSpan, addMonths, type HoursFigure, type OfficeUtilizationRow } from '@shared/reports/api';
import { availableHours } from '@shared/bookings/utilization';
import type { DB, Period, Scope } from './common';

// ---------------------------------------------------------------- available hours

const availableCache = new Map<string, number>();

/** Working hours (Mon–Fri 09:00–18:00 office time) of one resource in a month. */
export function monthAvailableHours(month: string, zone: string): number {
  const key = `${zone}|${month}`;
  let h = availableCache.get(key);
  if (h === undefined) {
    const start = DateTime.fromISO(`${month}-01`, { zone });
    h = availableHours(start, start.plus({ months: 1 }));
    availableCache.set(key, h);
  }
  return h;
}

function periodMonths(p: Period): string[] {
  const n = monthSpan(p.from, p.to);
  return Array.from({ length: n }, (_, i) => addMonths(p.from, i));
}

export function hoursFigure(booked: number, available: number): HoursFigure {
  return {
    bookedHours: booked,
    availableHours: available,
    utilization: available > 0 ? booked / available : null,
  };
}

interface OfficeHours {
  interpreterBooked: number;
  vehicleBooked: number;
  interpreterAvailable: number;
  vehicleAvailable: number;
  interpreters: number;
  vehicles: number;
}

export async function hoursByOffice(db: DB, scope: Scope, p: Period): Promise<Map<string, OfficeHours>> {
  let booked = db
    .selectFrom('report_booking_hours')
    .select(['office_id', 'kind', (eb) => eb.fn.sum<number>('ms').as('ms')])
    .where('month', '>=', p.from)
    .where('month', '<=', p.to)
    .groupBy(['office_id', 'kind']);
  if (!scope.all) booked = booked.where('office_id', 'in', scope.officeIds);
  let resources = db
    .selectFrom('report_resources')
    .innerJoin('offices', 'offices.id', 'report_resources.office_id')
    .select([
      'report_resources.office_id as office_id',
      'report_resources.kind as kind',
      'offices.time_zone as zone',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('report_resources.active', '=', 1)
    .groupBy(['report_resources.office_id', 'report_resources.kind', 'offices.time_zone']);
  if (!scope.all) resources = resources.where('report_resources.office_id', 'in', scope.officeIds);
  const out = new Map<string, OfficeHours>();
  const get = (o: string) => {
    let e = out.get(o);
    if (!e) {
      e = {
        interpreterBooked: 0,
        vehicleBooked: 0,
        interpreterAvailable: 0,
        vehicleAvailable: 0,
        interpreters: 0,
        vehicles: 0,
      };
      out.set(o, e);
    }
    return e;
  };
  for (const r of await booked.execute()) {
    const hours = Number(r.ms) / 3_600_000;
    if (r.kind === 'interpreter') get(r.office_id).interpreterBooked += hours;
    else get(r.office_id).vehicleBooked += hours;
  }
  const ms = periodMonths(p);
  for (const r of await resources.execute()) {
    const n = Number(r.n);
    const perResource = ms.reduce((acc, m) => acc + monthAvailableHours(m, r.zone), 0);
    const e = get(r.office_id);
    if (r.kind === 'interpreter') {
      e.interpreters = n;
      e.interpreterAvailable = n * perResource;
    } else {
      e.vehicles = n;
      e.vehicleAvailable = n * perResource;
    }
  }
  return out;
}

export async function delegationsServed(db: DB, scope: Scope, p: Period, byOffice: boolean) {
  let q = db
    .selectFrom('report_delegations')
    .select((eb) => eb.fn.count<number>('delegation_key').distinct().as('n'))
    .where('month', '>=', p.from)
    .where('month', '<=', p.to);
  if (!scope.all) q = q.where('office_id', 'in', scope.officeIds);
  if (!byOffice) {
    const row = await q.executeTakeFirst();
    return new Map([['', Number(row?.n ?? 0)]]);
  }
  const rows = await q.select('office_id').groupBy('office_id').execute();
  return new Map(rows.map((r) => [r.office_id, Number(r.n)]));
}


// ---------------------------------------------------------------- utilization

export async function utilizationRows(
  db: DB,
  scope: Scope,
  p: Period,
): Promise<OfficeUtilizationRow[]> {
  const [hours, delegations] = await Promise.all([
    hoursByOffice(db, scope, p),
    delegationsServed(db, scope, p, true),
  ]);
  return scope.officeIds.map((officeId) => {
    const h = hours.get(officeId);
    return {
      officeId,
      interpreterHours: hoursFigure(h?.interpreterBooked ?? 0, h?.interpreterAvailable ?? 0),
      vehicleHours: hoursFigure(h?.vehicleBooked ?? 0, h?.vehicleAvailable ?? 0),
      interpreters: h?.interpreters ?? 0,
      vehicles: h?.vehicles ?? 0,
      delegationsServed: delegations.get(officeId) ?? 0,
    };
  });
}
