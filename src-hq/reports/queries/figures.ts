/** Headline figures, per office × month rows and breakdowns, from the money cells and refcounts. */
import { sql } from 'kysely';
import { addMonths, type BreakdownRow, type HeadlineFigures, type OfficeMonthRow } from '@shared/reports/api';
import { ofMission, type DB, type Period, type Scope } from './common';
import { delegationsServed, hoursByOffice, hoursFigure } from './hours';
import type { RateBook } from './rates';
import { FigureAcc } from './rates';

// ---------------------------------------------------------------- headline

/** Whole calendar years inside a period, and the months left at its two edges. */
export function splitYears(p: Period): { years: string[]; edges: Period[] } {
  const years: string[] = [];
  for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++) {
    const ys = String(y).padStart(4, '0');
    if (p.from <= `${ys}-01` && `${ys}-12` <= p.to) years.push(ys);
  }
  if (years.length === 0) return { years, edges: [p] };
  const edges: Period[] = [];
  const first = years[0]!;
  const last = years[years.length - 1]!;
  if (p.from < `${first}-01`) edges.push({ from: p.from, to: addMonths(`${first}-01`, -1) });
  if (`${last}-12` < p.to) edges.push({ from: addMonths(`${last}-12`, 1), to: p.to });
  return { years, edges };
}

async function distinctCount(
  db: DB,
  scope: Scope,
  p: Period,
  what: 'buyer' | 'firm',
): Promise<number> {
  const col = sql.ref(what === 'buyer' ? 'buyer_kid' : 'firm_kid');
  let q;
  if (scope.all) {
    const months = sql.table(
      what === 'buyer' ? 'report_province_buyer_months' : 'report_province_firm_months',
    );
    const yearly = sql.table(
      what === 'buyer' ? 'report_province_buyer_years' : 'report_province_firm_years',
    );
    const { years, edges } = splitYears(p);
    if (years.length === 1 && edges.length === 0) {
      // One calendar year: one row per distinct key already.
      q = sql<{ n: number }>`select count(*) as n from ${yearly} where year = ${years[0]!}`;
    } else {
      const parts = [
        ...(years.length ? [sql`select ${col} as k from ${yearly} where year in (${sql.join(years)})`] : []),
        ...edges.map(
          (e) => sql`select ${col} as k from ${months} where month >= ${e.from} and month <= ${e.to}`,
        ),
      ];
      q = sql<{ n: number }>`select count(distinct k) as n from (${sql.join(parts, sql` union all `)}) u`;
    }
  } else {
    const table = sql.table(what === 'buyer' ? 'report_buyer_months' : 'report_firm_months');
    q = sql<{ n: number }>`select count(distinct ${col}) as n from ${table} where office_id in (${sql.join(
      scope.officeIds,
    )}) and month >= ${p.from} and month <= ${p.to}`;
  }
  const r = await q.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function moneyCells(db: DB, scope: Scope, p: Period) {
  let q = db
    .selectFrom('report_money_cells')
    .select(['office_id', 'month', 'kind', 'currency', 'talks', 'minor'])
    .where('month', '>=', p.from)
    .where('month', '<=', p.to);
  if (!scope.all) q = q.where('office_id', 'in', scope.officeIds);
  return q.execute();
}

export async function headlineFigures(
  db: DB,
  scope: Scope,
  p: Period,
  book: RateBook,
): Promise<HeadlineFigures> {
  const [cells, buyersMet, smeFirmsHelped, delegations, hours] = await Promise.all([
    moneyCells(db, scope, p),
    distinctCount(db, scope, p, 'buyer'),
    distinctCount(db, scope, p, 'firm'),
    delegationsServed(db, scope, p, false),
    hoursByOffice(db, scope, p),
  ]);
  let talksHeld = 0;
  const acc = { neg: new FigureAcc(), con: new FigureAcc(), exp: new FigureAcc() };
  for (const c of cells) {
    if (c.kind === 'held') talksHeld += Number(c.talks);
    else acc[c.kind as keyof typeof acc]?.add(c.office_id, c.month, c.currency, c.minor, Number(c.talks));
  }
  let ib = 0;
  let ia = 0;
  let vb = 0;
  let va = 0;
  for (const h of hours.values()) {
    ib += h.interpreterBooked;
    ia += h.interpreterAvailable;
    vb += h.vehicleBooked;
    va += h.vehicleAvailable;
  }
  return {
    buyersMet,
    talksHeld,
    negotiated: acc.neg.finish(book),
    contracted: acc.con.finish(book),
    actualExports: acc.exp.finish(book),
    smeFirmsHelped,
    delegationsServed: delegations.get('') ?? 0,
    interpreterHours: hoursFigure(ib, ia),
    vehicleHours: hoursFigure(vb, va),
  };
}

// ---------------------------------------------------------------- per office × month

export async function officeMonthRows(
  db: DB,
  scope: Scope,
  p: Period,
  book: RateBook,
): Promise<OfficeMonthRow[]> {
  const cells = await moneyCells(db, scope, p);
  const distinct = async (table: 'report_buyer_months' | 'report_firm_months') => {
    let q = db
      .selectFrom(table)
      .select(['office_id', 'month', (eb) => eb.fn.countAll<number>().as('n')])
      .where('month', '>=', p.from)
      .where('month', '<=', p.to)
      .groupBy(['office_id', 'month']);
    if (!scope.all) q = q.where('office_id', 'in', scope.officeIds);
    const rows = await q.execute();
    return new Map(rows.map((r) => [`${r.office_id}\u0000${r.month}`, Number(r.n)]));
  };
  const [buyers, firms] = await Promise.all([
    distinct('report_buyer_months'),
    distinct('report_firm_months'),
  ]);
  const rows = new Map<
    string,
    { office: string; month: string; held: number; neg: FigureAcc; con: FigureAcc; exp: FigureAcc }
  >();
  for (const c of cells) {
    const key = `${c.office_id}\u0000${c.month}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        office: c.office_id,
        month: c.month,
        held: 0,
        neg: new FigureAcc(),
        con: new FigureAcc(),
        exp: new FigureAcc(),
      };
      rows.set(key, r);
    }
    if (c.kind === 'held') r.held += Number(c.talks);
    else if (c.kind === 'neg' || c.kind === 'con' || c.kind === 'exp')
      r[c.kind].add(c.office_id, c.month, c.currency, c.minor, Number(c.talks));
  }
  return [...rows.entries()]
    .filter(([, r]) => r.held > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, r]) => ({
      officeId: r.office,
      month: r.month,
      buyersMet: buyers.get(key) ?? 0,
      talksHeld: r.held,
      negotiated: r.neg.finish(book),
      contracted: r.con.finish(book),
      actualExports: r.exp.finish(book),
      smeFirmsHelped: firms.get(key) ?? 0,
    }));
}

// ---------------------------------------------------------------- breakdowns

export async function breakdown(
  db: DB,
  scope: Scope,
  p: Period,
  book: RateBook,
  by: 'industry' | 'country',
  view: 'USD' | 'KRW',
  /** Only this mission's talks, whatever month each fell in (a mission's outcome is whole). */
  missionId?: string,
): Promise<BreakdownRow[]> {
  // Months bound the talks unless a mission does.
  const from = missionId === undefined ? p.from : '0000-01';
  const to = missionId === undefined ? p.to : '9999-12';
  const base = () => {
    let q =
      by === 'industry'
        ? db
            .selectFrom('report_talk_industries as i')
            .innerJoin('report_talks as t', (j) =>
              j.onRef('t.office_id', '=', 'i.office_id').onRef('t.id', '=', 'i.talk_id'),
            )
            .where('i.month', '>=', from)
            .where('i.month', '<=', to)
        : db.selectFrom('report_talks as t').where('t.month', '>=', from).where('t.month', '<=', to);
    q = q.where('t.deleted', '=', 0);
    if (missionId !== undefined) q = q.where(ofMission(missionId, 't'));
    if (!scope.all) q = q.where('t.office_id', 'in', scope.officeIds);
    return q;
  };
  const keyCol = by === 'industry' ? sql<string>`i.industry` : sql<string>`t.buyer_country`;
  const sums = await base()
    .select((eb) => [
      keyCol.as('k'),
      't.office_id as office_id',
      't.month as month',
      't.neg_currency as neg_currency',
      't.con_currency as con_currency',
      't.exp_currency as exp_currency',
      eb.fn.countAll<number>().as('talks'),
      eb.fn.sum<number>('t.neg_minor').as('neg_minor'),
      eb.fn.count<number>('t.neg_minor').as('neg_n'),
      eb.fn.sum<number>('t.con_minor').as('con_minor'),
      eb.fn.count<number>('t.con_minor').as('con_n'),
      eb.fn.sum<number>('t.exp_minor').as('exp_minor'),
      eb.fn.count<number>('t.exp_minor').as('exp_n'),
    ])
    .groupBy([
      keyCol,
      't.office_id',
      't.month',
      't.neg_currency',
      't.con_currency',
      't.exp_currency',
    ])
    .execute();
  const distinct = await base()
    .select((eb) => [
      keyCol.as('k'),
      eb.fn.count<number>('t.buyer_kid').distinct().as('buyers'),
      eb.fn.count<number>('t.firm_kid').distinct().as('firms'),
    ])
    .groupBy(keyCol)
    .execute();
  const rows = new Map<string, { held: number; neg: FigureAcc; con: FigureAcc; exp: FigureAcc }>();
  for (const s of sums) {
    let r = rows.get(s.k);
    if (!r) {
      r = { held: 0, neg: new FigureAcc(), con: new FigureAcc(), exp: new FigureAcc() };
      rows.set(s.k, r);
    }
    r.held += Number(s.talks);
    if (s.neg_currency !== null && Number(s.neg_n) > 0)
      r.neg.add(s.office_id, s.month, s.neg_currency, s.neg_minor, Number(s.neg_n));
    if (s.con_currency !== null && Number(s.con_n) > 0)
      r.con.add(s.office_id, s.month, s.con_currency, s.con_minor, Number(s.con_n));
    if (s.exp_currency !== null && Number(s.exp_n) > 0)
      r.exp.add(s.office_id, s.month, s.exp_currency, s.exp_minor, Number(s.exp_n));
  }
  const d = new Map(distinct.map((r) => [r.k, r]));
  const out: BreakdownRow[] = [...rows].map(([key, r]) => ({
    key,
    buyersMet: Number(d.get(key)?.buyers ?? 0),
    talksHeld: r.held,
    negotiated: r.neg.finish(book),
    contracted: r.con.finish(book),
    actualExports: r.exp.finish(book),
    smeFirmsHelped: Number(d.get(key)?.firms ?? 0),
  }));
  const amount = (r: BreakdownRow) => (view === 'USD' ? r.contracted.usdMinor : r.contracted.krwMinor);
  return out.sort(
    (a, b) =>
      amount(b) - amount(a) ||
      b.talksHeld - a.talksHeld ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
