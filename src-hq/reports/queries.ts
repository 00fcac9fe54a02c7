/**
 * Report queries over the read models (projection.ts). SQL sums integer minor units per
 * (office, month, currency) — exact — and TypeScript converts each such sum to USD and KRW
 * with the HQ rate of its month (RateBook), in BigInt with one rounding per cell.
 */
import { DateTime } from 'luxon';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_FX_RATES } from '../../src-shared/money/default-rates';
import {
  convertMinorExact,
  findRate,
  type FxRateTable,
  type FxRateUsed,
} from '../../src-shared/money/fx';
import { isCurrencyCode, type CurrencyCode } from '../../src-shared/money/currency';
import {
  monthSpan,
  addMonths,
  type BreakdownRow,
  type HeadlineFigures,
  type HoursFigure,
  type MoneyFigure,
  type OfficeFreshness,
  type OfficeMonthRow,
  type OfficeUtilizationRow,
  type RateUsed,
  type ReportTalkRow,
  type TalkAmountView,
  type TalksQuery,
  type TopSmeRow,
} from '../../src-shared/reports/api';
import { availableHours } from '../../src-shared/bookings/utilization';
import type { HqSchema } from '../db/schema';
import { loadHqFxTable } from './fx-history';

type DB = Kysely<HqSchema>;

export interface Period {
  from: string;
  to: string;
}

/** Offices a report covers; `all` lets queries use the province-wide tables. */
export interface Scope {
  officeIds: string[];
  all: boolean;
}

// ---------------------------------------------------------------- rates

interface AppliedRate {
  perUsd: string;
  rateMonth: string;
  source: 'hq' | 'builtin-default';
  tableVersion: string;
}

/**
 * The rates of one report: HQ's table before the built-in default, the latest month at or
 * before the talk month (findRate); before the first month any table knows, that first month.
 * Remembers every rate applied, for `ratesUsed`.
 */
export class RateBook {
  private cache = new Map<string, AppliedRate>();
  private used = new Map<string, RateUsed>();

  constructor(readonly tables: readonly FxRateTable[]) {}

  static async load(db: DB): Promise<RateBook> {
    const hq = await loadHqFxTable(db);
    return new RateBook(hq ? [hq, DEFAULT_FX_RATES] : [DEFAULT_FX_RATES]);
  }

  private lookup(currency: CurrencyCode, month: string): AppliedRate {
    const key = `${currency}|${month}`;
    let r = this.cache.get(key);
    if (!r) {
      const found: FxRateUsed | null = findRate(currency, month, this.tables);
      if (found) {
        r = {
          perUsd: found.perUsd,
          rateMonth: found.rateMonth,
          source: found.source,
          tableVersion: found.tableVersion,
        };
      } else {
        r = this.earliest(currency);
      }
      this.cache.set(key, r);
    }
    if (currency !== 'USD') {
      this.used.set(key, { month, currency, ...r });
    }
    return r;
  }

  private earliest(currency: CurrencyCode): AppliedRate {
    for (const t of this.tables) {
      const months = Object.keys(t.months)
        .filter((m) => t.months[m]?.[currency])
        .sort();
      if (months[0]) {
        return {
          perUsd: t.months[months[0]]![currency]!,
          rateMonth: months[0],
          source: t.source,
          tableVersion: t.version,
        };
      }
    }
    throw new Error(`No FX rate for ${currency}`);
  }

  /** `minor` of `currency` in `month` → USD cents and KRW won. */
  convert(minor: bigint, currency: CurrencyCode, month: string): { usd: bigint; krw: bigint } {
    const from = currency === 'USD' ? '1' : this.lookup(currency, month).perUsd;
    const krwRate = currency === 'KRW' ? from : this.lookup('KRW', month).perUsd;
    return {
      usd: convertMinorExact(minor, currency, from, 'USD', '1'),
      krw: convertMinorExact(minor, currency, from, 'KRW', krwRate),
    };
  }

  ratesUsed(): RateUsed[] {
    return [...this.used.values()].sort((a, b) =>
      a.month === b.month ? a.currency.localeCompare(b.currency) : a.month < b.month ? -1 : 1,
    );
  }
}

function toSafe(n: bigint): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new Error(`Report amount out of range: ${n}`);
  return v;
}

/** Sums of one money figure, kept per (office, month, currency) cell until converted. */
export class FigureAcc {
  private cells = new Map<
    string,
    { office: string; month: string; currency: string; minor: bigint }
  >();
  talks = 0;

  add(office: string, month: string, currency: string, minor: unknown, talks: number) {
    const key = `${office}\u0000${month}\u0000${currency}`;
    const c = this.cells.get(key) ?? { office, month, currency, minor: 0n };
    c.minor += BigInt(String(minor ?? 0));
    this.cells.set(key, c);
    this.talks += talks;
  }

  finish(book: RateBook): MoneyFigure {
    let usd = 0n;
    let krw = 0n;
    const original = new Map<string, bigint>();
    for (const c of this.cells.values()) {
      if (!isCurrencyCode(c.currency)) continue;
      const v = book.convert(c.minor, c.currency, c.month);
      usd += v.usd;
      krw += v.krw;
      original.set(c.currency, (original.get(c.currency) ?? 0n) + c.minor);
    }
    return {
      usdMinor: toSafe(usd),
      krwMinor: toSafe(krw),
      original: [...original]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, m]) => ({ currency: currency as CurrencyCode, amountMinor: toSafe(m) })),
      talks: this.talks,
    };
  }
}

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

function hoursFigure(booked: number, available: number): HoursFigure {
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

async function hoursByOffice(db: DB, scope: Scope, p: Period): Promise<Map<string, OfficeHours>> {
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

async function delegationsServed(db: DB, scope: Scope, p: Period, byOffice: boolean) {
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
): Promise<BreakdownRow[]> {
  const base = () => {
    let q =
      by === 'industry'
        ? db
            .selectFrom('report_talk_industries as i')
            .innerJoin('report_talks as t', (j) =>
              j.onRef('t.office_id', '=', 'i.office_id').onRef('t.id', '=', 'i.talk_id'),
            )
            .where('i.month', '>=', p.from)
            .where('i.month', '<=', p.to)
        : db
            .selectFrom('report_talks as t')
            .where('t.month', '>=', p.from)
            .where('t.month', '<=', p.to);
    q = q.where('t.deleted', '=', 0);
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

// ---------------------------------------------------------------- top SMEs

export async function topSmes(
  db: DB,
  scope: Scope,
  p: Period,
  book: RateBook,
  view: 'USD' | 'KRW',
  limit: number,
): Promise<TopSmeRow[]> {
  let q = db
    .selectFrom('report_talks')
    .select((eb) => [
      'sme_firm_id',
      'office_id',
      'month',
      'con_currency',
      eb.fn.countAll<number>().as('talks'),
      eb.fn.sum<number>('con_minor').as('con_minor'),
      eb.fn.count<number>('con_minor').as('con_n'),
    ])
    .where('month', '>=', p.from)
    .where('month', '<=', p.to)
    .where('deleted', '=', 0)
    .groupBy(['sme_firm_id', 'office_id', 'month', 'con_currency']);
  if (!scope.all) q = q.where('office_id', 'in', scope.officeIds);
  const firms = new Map<string, { acc: FigureAcc; talks: number; offices: Set<string> }>();
  for (const r of await q.execute()) {
    let f = firms.get(r.sme_firm_id);
    if (!f) {
      f = { acc: new FigureAcc(), talks: 0, offices: new Set() };
      firms.set(r.sme_firm_id, f);
    }
    f.talks += Number(r.talks);
    f.offices.add(r.office_id);
    if (r.con_currency !== null && Number(r.con_n) > 0)
      f.acc.add(r.office_id, r.month, r.con_currency, r.con_minor, Number(r.con_n));
  }
  const ranked = [...firms]
    .filter(([, f]) => f.acc.talks > 0)
    .map(([id, f]) => ({ id, f, fig: f.acc.finish(book) }))
    .sort((a, b) => {
      const va = view === 'USD' ? a.fig.usdMinor : a.fig.krwMinor;
      const vb = view === 'USD' ? b.fig.usdMinor : b.fig.krwMinor;
      return vb - va || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    })
    .slice(0, limit);
  const names = ranked.length
    ? await db
        .selectFrom('report_sme_firms')
        .selectAll()
        .where(
          'id',
          'in',
          ranked.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  return ranked.map(({ id, f, fig }) => ({
    smeFirmId: id,
    nameKo: byId.get(id)?.name_ko ?? '',
    nameEn: byId.get(id)?.name_en ?? '',
    industry: byId.get(id)?.industry ?? '',
    contracted: fig,
    talksHeld: f.talks,
    officeIds: [...f.offices].sort(),
  }));
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

// ---------------------------------------------------------------- freshness

export async function freshness(db: DB, officeIds: readonly string[]): Promise<OfficeFreshness[]> {
  if (officeIds.length === 0) return [];
  const [devices, status] = await Promise.all([
    db
      .selectFrom('devices')
      .select(['id', 'name', 'office_id', 'last_sync_at', 'revoked_at'])
      .where('office_id', 'in', officeIds)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('report_office_status')
      .selectAll()
      .where('office_id', 'in', officeIds)
      .execute(),
  ]);
  const changed = new Map(status.map((s) => [s.office_id, Number(s.last_change_at)]));
  return officeIds.map((officeId) => {
    const mine = devices.filter((d) => d.office_id === officeId);
    let last: (typeof mine)[number] | undefined;
    for (const d of mine) {
      if (d.last_sync_at !== null && (!last || Number(d.last_sync_at) > Number(last.last_sync_at)))
        last = d;
    }
    return {
      officeId,
      lastPushAt: last ? Number(last.last_sync_at) : null,
      lastPushDeviceId: last?.id ?? null,
      lastChangeAt: changed.get(officeId) ?? null,
      devices: mine.map((d) => ({
        deviceId: d.id,
        name: d.name,
        lastSyncAt: d.last_sync_at === null ? null : Number(d.last_sync_at),
        revoked: d.revoked_at !== null,
      })),
    };
  });
}

// ---------------------------------------------------------------- drill-down

function amountView(
  book: RateBook,
  currency: string | null,
  minor: number | null,
  month: string,
): TalkAmountView | null {
  if (currency === null || minor === null || !isCurrencyCode(currency)) return null;
  const v = book.convert(BigInt(String(minor)), currency, month);
  return {
    amount: { currency, amountMinor: Number(minor) },
    usdMinor: toSafe(v.usd),
    krwMinor: toSafe(v.krw),
  };
}

export async function drillTalks(
  db: DB,
  scope: Scope,
  q: TalksQuery,
  book: RateBook,
): Promise<{ total: number; rows: ReportTalkRow[] }> {
  const p: Period = q.month
    ? { from: q.month < q.from || q.month > q.to ? q.from : q.month, to: q.month }
    : { from: q.from, to: q.to };
  const empty = q.month !== undefined && (q.month < q.from || q.month > q.to);
  const filtered = () => {
    let b = db
      .selectFrom('report_talks as t')
      .where('t.month', '>=', p.from)
      .where('t.month', '<=', p.to)
      .where('t.deleted', '=', 0);
    if (empty) b = b.where(sql<boolean>`1 = 0`);
    if (!scope.all) b = b.where('t.office_id', 'in', scope.officeIds);
    if (q.figure === 'negotiated') b = b.where('t.neg_minor', 'is not', null);
    if (q.figure === 'contracted') b = b.where('t.con_minor', 'is not', null);
    if (q.figure === 'actualExports') b = b.where('t.exp_minor', 'is not', null);
    if (q.buyerCountry) b = b.where('t.buyer_country', '=', q.buyerCountry);
    if (q.smeFirmId) b = b.where('t.sme_firm_id', '=', q.smeFirmId);
    if (q.industry) {
      const industry = q.industry;
      b = b.where((eb) =>
        eb.exists(
          eb
            .selectFrom('report_talk_industries as i')
            .select('i.talk_id')
            .whereRef('i.office_id', '=', 't.office_id')
            .whereRef('i.talk_id', '=', 't.id')
            .where('i.industry', '=', industry),
        ),
      );
    }
    return b;
  };
  const totalRow = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const rows = await filtered()
    .leftJoin('report_buyers as b', (j) =>
      j.onRef('b.office_id', '=', 't.office_id').onRef('b.id', '=', 't.buyer_id'),
    )
    .leftJoin('report_sme_firms as f', 'f.id', 't.sme_firm_id')
    .select([
      't.id as id',
      't.office_id as office_id',
      't.month as month',
      't.starts_at as starts_at',
      't.buyer_id as buyer_id',
      't.buyer_key as buyer_key',
      't.buyer_country as buyer_country',
      't.sme_firm_id as sme_firm_id',
      't.stage as stage',
      't.neg_currency as neg_currency',
      't.neg_minor as neg_minor',
      't.con_currency as con_currency',
      't.con_minor as con_minor',
      't.exp_currency as exp_currency',
      't.exp_minor as exp_minor',
      'b.name_native as name_native',
      'b.name_latin as name_latin',
      'f.name_ko as firm_ko',
      'f.name_en as firm_en',
    ])
    .orderBy('t.starts_at', 'desc')
    .orderBy('t.office_id')
    .orderBy('t.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return {
    total: Number(totalRow?.n ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      officeId: r.office_id,
      month: r.month,
      startsAt: r.starts_at,
      buyerId: r.buyer_id,
      buyerNameNative: r.name_native ?? '',
      buyerNameLatin: r.name_latin ?? '',
      buyerCountry: r.buyer_country,
      buyerKey: r.buyer_key,
      smeFirmId: r.sme_firm_id,
      smeFirmNameKo: r.firm_ko ?? '',
      smeFirmNameEn: r.firm_en ?? '',
      stage: r.stage,
      negotiated: amountView(book, r.neg_currency, r.neg_minor, r.month),
      contract: amountView(book, r.con_currency, r.con_minor, r.month),
      actualExport: amountView(book, r.exp_currency, r.exp_minor, r.month),
    })),
  };
}
