/**
 * The per-mission report (issue 13): for each mission whose visit overlaps the period, the
 * talks its meetings' outcomes became (report_mission_meetings → report_talks), their
 * distinct buyers and firms, amounts converted per (office, month, currency) cell as every
 * other report does, its meetings, and the booked hours of its bookings (report_delegations
 * `id:<mission id>` → report_booking_hours).
 */
import type { MissionReportRow } from '@shared/reports/api';
import { CHUNK } from '../projection/common';
import type { DB, Period, Scope } from './common';
import { FigureAcc, type RateBook } from './rates';

/** The last day a `YYYY-MM` month can have, as text that sorts after every day of it. */
const monthEnd = (month: string) => `${month}-31`;

const missionKey = (office: string, id: string) => `${office}\u0000${id}`;

interface Acc {
  talks: Set<string>;
  buyers: Set<number>;
  firms: Set<number>;
  neg: FigureAcc;
  con: FigureAcc;
  exp: FigureAcc;
  planned: number;
  held: number;
  interpreterMs: number;
  vehicleMs: number;
}

export async function missionRows(
  db: DB,
  scope: Scope,
  p: Period,
  book: RateBook,
  missionId?: string,
): Promise<MissionReportRow[]> {
  let q = db
    .selectFrom('report_missions')
    .select(['office_id', 'id', 'name', 'kind', 'status', 'arrival', 'departure']);
  if (missionId !== undefined) q = q.where('id', '=', missionId);
  else q = q.where('arrival', '<=', monthEnd(p.to)).where('departure', '>=', `${p.from}-01`);
  if (!scope.all) q = q.where('office_id', 'in', scope.officeIds);
  const missions = await q.execute();
  if (missions.length === 0) return [];

  const accs = new Map<string, Acc>();
  for (const m of missions) {
    accs.set(missionKey(m.office_id, m.id), {
      talks: new Set(),
      buyers: new Set(),
      firms: new Set(),
      neg: new FigureAcc(),
      con: new FigureAcc(),
      exp: new FigureAcc(),
      planned: 0,
      held: 0,
      interpreterMs: 0,
      vehicleMs: 0,
    });
  }
  const ids = [...new Set(missions.map((m) => m.id))];
  const offices = [...new Set(missions.map((m) => m.office_id))];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const slice = ids.slice(i, i + CHUNK);
    const meetings = await db
      .selectFrom('report_mission_meetings')
      .select(['office_id', 'mission_id', 'status'])
      .where('office_id', 'in', offices)
      .where('mission_id', 'in', slice)
      .execute();
    for (const m of meetings) {
      const acc = accs.get(missionKey(m.office_id, m.mission_id));
      if (!acc) continue;
      if (m.status === 'accepted' || m.status === 'done') acc.planned += 1;
      if (m.status === 'done') acc.held += 1;
    }
    const talks = await db
      .selectFrom('report_mission_meetings as mm')
      .innerJoin('report_talks as t', (j) =>
        j.onRef('t.office_id', '=', 'mm.office_id').onRef('t.id', '=', 'mm.talk_id'),
      )
      .select([
        'mm.office_id as office_id',
        'mm.mission_id as mission_id',
        't.id as talk_id',
        't.month as month',
        't.buyer_kid as buyer_kid',
        't.firm_kid as firm_kid',
        't.neg_currency as neg_currency',
        't.neg_minor as neg_minor',
        't.con_currency as con_currency',
        't.con_minor as con_minor',
        't.exp_currency as exp_currency',
        't.exp_minor as exp_minor',
      ])
      .where('mm.office_id', 'in', offices)
      .where('mm.mission_id', 'in', slice)
      .where('t.deleted', '=', 0)
      .execute();
    for (const t of talks) {
      const acc = accs.get(missionKey(t.office_id, t.mission_id));
      // Two meetings pointing at one talk count it once.
      if (!acc || acc.talks.has(t.talk_id)) continue;
      acc.talks.add(t.talk_id);
      acc.buyers.add(Number(t.buyer_kid));
      acc.firms.add(Number(t.firm_kid));
      if (t.neg_currency !== null && t.neg_minor !== null)
        acc.neg.add(t.office_id, t.month, t.neg_currency, t.neg_minor, 1);
      if (t.con_currency !== null && t.con_minor !== null)
        acc.con.add(t.office_id, t.month, t.con_currency, t.con_minor, 1);
      if (t.exp_currency !== null && t.exp_minor !== null)
        acc.exp.add(t.office_id, t.month, t.exp_currency, t.exp_minor, 1);
    }
    const hours = await db
      .selectFrom('report_delegations as d')
      .innerJoin('report_booking_hours as h', (j) =>
        j
          .onRef('h.office_id', '=', 'd.office_id')
          .onRef('h.kind', '=', 'd.kind')
          .onRef('h.booking_id', '=', 'd.booking_id'),
      )
      .select((eb) => [
        'd.office_id as office_id',
        'd.delegation_key as delegation_key',
        'd.kind as kind',
        eb.fn.sum<number>('h.ms').as('ms'),
      ])
      .where(
        'd.delegation_key',
        'in',
        slice.map((id) => `id:${id}`),
      )
      .where('d.office_id', 'in', offices)
      .groupBy(['d.office_id', 'd.delegation_key', 'd.kind'])
      .execute();
    for (const h of hours) {
      const acc = accs.get(missionKey(h.office_id, h.delegation_key.slice(3)));
      if (!acc) continue;
      if (h.kind === 'interpreter') acc.interpreterMs += Number(h.ms);
      else acc.vehicleMs += Number(h.ms);
    }
  }

  return missions
    .map((m): MissionReportRow => {
      const acc = accs.get(missionKey(m.office_id, m.id))!;
      return {
        officeId: m.office_id,
        missionId: m.id,
        name: m.name,
        kind: m.kind,
        status: m.status,
        arrival: m.arrival,
        departure: m.departure,
        buyersMet: acc.buyers.size,
        talksHeld: acc.talks.size,
        negotiated: acc.neg.finish(book),
        contracted: acc.con.finish(book),
        actualExports: acc.exp.finish(book),
        smeFirmsHelped: acc.firms.size,
        meetingsPlanned: acc.planned,
        meetingsHeld: acc.held,
        interpreterHours: acc.interpreterMs / 3_600_000,
        vehicleHours: acc.vehicleMs / 3_600_000,
      };
    })
    .sort(
      (a, b) =>
        (a.arrival < b.arrival ? 1 : a.arrival > b.arrival ? -1 : 0) ||
        a.name.localeCompare(b.name) ||
        (a.missionId < b.missionId ? -1 : 1),
    );
}
