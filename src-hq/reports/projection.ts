/**
 * HQ report projections: typed read models of the synced JSON rows (docs/sync-protocol.md
 * "Reports"). `projectChanges` runs inside the push transaction for every record that
 * changed, so the read model never disagrees with `records`; `rebuildReports` rebuilds
 * everything from `records` (after migrations, and `npm run hq -- reports:rebuild`).
 *
 * Tables (src-hq/db/schema.ts):
 *   report_buyers / report_sme_firms          names and the buyer identity key
 *   report_talks (+ report_talk_industries)   one typed row per trade talk
 *   report_money_cells                        Σ minor units per (office, month, kind, currency)
 *   report_(province_)buyer_months / firm_months   talk refcounts for DISTINCT counting
 *   report_province_buyer_years / firm_years   the same per calendar year (whole-year periods)
 *   report_booking_hours / report_delegations / report_resources   utilization, delegations
 *   report_office_status                      latest change per office (freshness)
 * The aggregates are maintained by signed deltas (old contribution out, new in), rows whose
 * refcount reaches 0 are deleted, so they always equal an aggregation of report_talks.
 */
import { DateTime } from 'luxon';
import { sql, type Kysely } from 'kysely';
import { foldForSearch } from '../../src-shared/crm/fold';
import { expandOccurrences } from '../../src-shared/bookings/recurrence';
import { recurrenceRuleSchema } from '../../src-shared/bookings/schemas';
import { isCurrencyCode } from '../../src-shared/money/currency';
import { buyerIdentityKey } from '../../src-shared/reports/identity';
import { EMPTY_RECORD_STATE, type RecordState } from '../../src-shared/sync/merge';
import { SHARED_PARTITION } from '../../src-shared/sync/tables';
import type { Dialect } from '../db/connect';
import type { HqSchema, ReportTalksTable } from '../db/schema';

type DB = Kysely<HqSchema>;

export interface ProjectionChange {
  partition: string;
  tbl: string;
  id: string;
  before: RecordState;
  after: RecordState;
}

/** Tables the projections read. */
export const PROJECTED_TABLES = [
  'smeFirms',
  'buyers',
  'tradeTalks',
  'interpreters',
  'vehicles',
  'interpreterBookings',
  'vehicleTrips',
] as const;

const BOOKING_KIND: Record<string, 'interpreter' | 'vehicle'> = {
  interpreterBookings: 'interpreter',
  vehicleTrips: 'vehicle',
  interpreters: 'interpreter',
  vehicles: 'vehicle',
};

/** Industry bucket of talks whose buyer names no industry. */
export const UNSPECIFIED_INDUSTRY = 'unspecified';

/** A recurring booking without an end is counted up to this long after its first start. */
const OPEN_SERIES_HORIZON_MS = 3 * 366 * 24 * 3_600_000;

const CHUNK = 200;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

// ---------------------------------------------------------------- time zones

const monthFormatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(tz: string): Intl.DateTimeFormat | null {
  let f = monthFormatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' });
    } catch {
      f = null;
    }
    monthFormatters.set(tz, f);
  }
  return f;
}

export function isZone(tz: unknown): tz is string {
  return typeof tz === 'string' && tz.length > 0 && formatterFor(tz) !== null;
}

/** `YYYY-MM` of an instant in a zone (same rule as money/fx.ts monthOf). */
export function localMonth(ms: number, tz: string): string {
  const f = formatterFor(tz) ?? formatterFor('UTC')!;
  const parts = f.formatToParts(new Date(ms));
  const y = parts.find((p) => p.type === 'year')?.value ?? '0000';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

async function officeZones(db: DB): Promise<Map<string, string>> {
  const rows = await db.selectFrom('offices').select(['id', 'time_zone']).execute();
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}

// ---------------------------------------------------------------- keys

/** Integer ids for text keys (insert-if-missing, sorted so concurrent pushes lock in one order). */
async function resolveKids(
  db: DB,
  kind: 'buyer' | 'firm',
  keys: Iterable<string>,
): Promise<Map<string, number>> {
  const wanted = [...new Set(keys)].sort();
  const out = new Map<string, number>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const slice = wanted.slice(i, i + CHUNK);
    const found = await db
      .selectFrom('report_keys')
      .select(['key', 'kid'])
      .where('kind', '=', kind)
      .where('key', 'in', slice)
      .execute();
    for (const r of found) out.set(r.key, Number(r.kid));
    const missing = slice.filter((k) => !out.has(k));
    if (missing.length === 0) continue;
    await db
      .insertInto('report_keys')
      .values(missing.map((key) => ({ kind, key })))
      .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
      .execute();
    const added = await db
      .selectFrom('report_keys')
      .select(['key', 'kid'])
      .where('kind', '=', kind)
      .where('key', 'in', missing)
      .execute();
    for (const r of added) out.set(r.key, Number(r.kid));
  }
  return out;
}

// ---------------------------------------------------------------- talks

interface Amount {
  currency: string;
  minor: number;
}

function amountOf(v: unknown): Amount | null {
  const amount = (v as { amount?: { amountMinor?: unknown; currency?: unknown } } | null)?.amount;
  if (!amount || !isCurrencyCode(amount.currency)) return null;
  const minor = amount.amountMinor;
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor)) return null;
  return { currency: amount.currency, minor };
}

interface TalkCore {
  office_id: string;
  id: string;
  month: string;
  starts_at: string;
  buyer_id: string;
  sme_firm_id: string;
  stage: string;
  neg: Amount | null;
  con: Amount | null;
  exp: Amount | null;
  deleted: number;
}

/** The typed facts of a talk, or null when it cannot be reported (no start, buyer or firm). */
export function talkCore(
  officeId: string,
  id: string,
  state: RecordState,
  officeZone: string | undefined,
): TalkCore | null {
  const d = state.data;
  const startsAt = str(d.startsAt);
  const ms = Date.parse(startsAt);
  const buyerId = str(d.buyerId);
  const firmId = str(d.smeFirmId);
  if (Number.isNaN(ms) || !buyerId || !firmId) return null;
  const zone = isZone(d.timeZone) ? d.timeZone : (officeZone ?? 'UTC');
  return {
    office_id: officeId,
    id,
    month: localMonth(ms, zone),
    starts_at: new Date(ms).toISOString(),
    buyer_id: buyerId,
    sme_firm_id: firmId,
    stage: str(d.stage) || 'inquiry',
    neg: amountOf(d.negotiated),
    con: amountOf(d.contract),
    exp: amountOf(d.actualExport),
    deleted: state.deleted ? 1 : 0,
  };
}

interface BuyerInfo {
  key: string;
  kid: number;
  country: string;
  industries: string[];
}

type TalkRow = ReportTalksTable;

function talkRow(core: TalkCore, buyer: BuyerInfo, firmKid: number): TalkRow {
  return {
    office_id: core.office_id,
    id: core.id,
    month: core.month,
    starts_at: core.starts_at,
    buyer_id: core.buyer_id,
    buyer_kid: buyer.kid,
    buyer_key: buyer.key,
    buyer_country: buyer.country,
    sme_firm_id: core.sme_firm_id,
    firm_kid: firmKid,
    stage: core.stage,
    neg_currency: core.neg?.currency ?? null,
    neg_minor: core.neg?.minor ?? null,
    con_currency: core.con?.currency ?? null,
    con_minor: core.con?.minor ?? null,
    exp_currency: core.exp?.currency ?? null,
    exp_minor: core.exp?.minor ?? null,
    deleted: core.deleted,
  };
}

// ---------------------------------------------------------------- aggregate deltas

class Deltas {
  cells = new Map<string, { k: [string, string, string, string]; talks: number; minor: bigint }>();
  buyerMonths = new Map<string, { k: [string, string, number]; n: number }>();
  provinceBuyers = new Map<string, { k: [string, number]; n: number }>();
  firmMonths = new Map<string, { k: [string, string, number]; n: number }>();
  provinceFirms = new Map<string, { k: [string, number]; n: number }>();
  provinceBuyerYears = new Map<string, { k: [string, number]; n: number }>();
  provinceFirmYears = new Map<string, { k: [string, number]; n: number }>();

  private cell(office: string, month: string, kind: string, currency: string, sign: number, minor: number) {
    const key = `${office}\u0000${month}\u0000${kind}\u0000${currency}`;
    const e = this.cells.get(key) ?? { k: [office, month, kind, currency], talks: 0, minor: 0n };
    e.talks += sign;
    e.minor += BigInt(sign) * BigInt(minor);
    this.cells.set(key, e);
  }

  private bump<K extends (string | number)[]>(
    map: Map<string, { k: K; n: number }>,
    k: K,
    sign: number,
  ) {
    const key = k.join('\u0000');
    const e = map.get(key) ?? { k, n: 0 };
    e.n += sign;
    map.set(key, e);
  }

  add(row: TalkRow | null | undefined, sign: 1 | -1) {
    if (!row || Number(row.deleted) === 1) return;
    const { office_id: o, month: m } = row;
    this.cell(o, m, 'held', '', sign, 0);
    if (row.neg_currency !== null && row.neg_minor !== null)
      this.cell(o, m, 'neg', row.neg_currency, sign, Number(row.neg_minor));
    if (row.con_currency !== null && row.con_minor !== null)
      this.cell(o, m, 'con', row.con_currency, sign, Number(row.con_minor));
    if (row.exp_currency !== null && row.exp_minor !== null)
      this.cell(o, m, 'exp', row.exp_currency, sign, Number(row.exp_minor));
    const bk = Number(row.buyer_kid);
    const fk = Number(row.firm_kid);
    this.bump(this.buyerMonths, [o, m, bk], sign);
    this.bump(this.provinceBuyers, [m, bk], sign);
    this.bump(this.firmMonths, [o, m, fk], sign);
    this.bump(this.provinceFirms, [m, fk], sign);
    this.bump(this.provinceBuyerYears, [m.slice(0, 4), bk], sign);
    this.bump(this.provinceFirmYears, [m.slice(0, 4), fk], sign);
  }

  async flush(db: DB): Promise<void> {
    const sorted = <T>(m: Map<string, T>) =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

    const cells = sorted(this.cells).filter((c) => c.talks !== 0 || c.minor !== 0n);
    for (let i = 0; i < cells.length; i += CHUNK) {
      const slice = cells.slice(i, i + CHUNK);
      await db
        .insertInto('report_money_cells')
        .values(
          slice.map((c) => ({
            office_id: c.k[0],
            month: c.k[1],
            kind: c.k[2],
            currency: c.k[3],
            talks: c.talks,
            minor: safe(c.minor),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['office_id', 'month', 'kind', 'currency']).doUpdateSet({
            talks: sql`report_money_cells.talks + excluded.talks`,
            minor: sql`report_money_cells.minor + excluded.minor`,
          }),
        )
        .execute();
      const dropped = slice.filter((c) => c.talks < 0);
      if (dropped.length) {
        await db
          .deleteFrom('report_money_cells')
          .where('talks', '<=', 0)
          .where((eb) =>
            eb(
              eb.refTuple('office_id', 'month', 'kind', 'currency'),
              'in',
              dropped.map((c) => eb.tuple(c.k[0], c.k[1], c.k[2], c.k[3])),
            ),
          )
          .execute();
      }
    }

    for (const [table, col, map] of [
      ['report_buyer_months', 'buyer_kid', this.buyerMonths],
      ['report_firm_months', 'firm_kid', this.firmMonths],
    ] as const) {
      const rows = sorted(map as Map<string, { k: [string, string, number]; n: number }>).filter(
        (r) => r.n !== 0,
      );
      for (let i = 0; i < rows.length; i += CHUNK) {
        const slice = rows.slice(i, i + CHUNK);
        await db
          .insertInto(table)
          .values(
            slice.map((r) => ({ office_id: r.k[0], month: r.k[1], [col]: r.k[2], talks: r.n })) as never,
          )
          .onConflict((oc) =>
            oc
              .columns(['office_id', 'month', col] as never)
              .doUpdateSet({ talks: sql`${sql.table(table)}.talks + excluded.talks` } as never),
          )
          .execute();
        const dropped = slice.filter((r) => r.n < 0);
        if (dropped.length) {
          await db
            .deleteFrom(table)
            .where('talks', '<=', 0)
            .where((eb) =>
              eb(
                eb.refTuple('office_id', 'month', col as never),
                'in',
                dropped.map((r) => eb.tuple(r.k[0], r.k[1], r.k[2] as never)),
              ),
            )
            .execute();
        }
      }
    }

    for (const [table, period, col, map] of [
      ['report_province_buyer_months', 'month', 'buyer_kid', this.provinceBuyers],
      ['report_province_firm_months', 'month', 'firm_kid', this.provinceFirms],
      ['report_province_buyer_years', 'year', 'buyer_kid', this.provinceBuyerYears],
      ['report_province_firm_years', 'year', 'firm_kid', this.provinceFirmYears],
    ] as const) {
      const rows = sorted(map).filter((r) => r.n !== 0);
      for (let i = 0; i < rows.length; i += CHUNK) {
        const slice = rows.slice(i, i + CHUNK);
        await db
          .insertInto(table)
          .values(slice.map((r) => ({ [period]: r.k[0], [col]: r.k[1], talks: r.n })) as never)
          .onConflict((oc) =>
            oc
              .columns([period, col] as never)
              .doUpdateSet({ talks: sql`${sql.table(table)}.talks + excluded.talks` } as never),
          )
          .execute();
        const dropped = slice.filter((r) => r.n < 0);
        if (dropped.length) {
          await db
            .deleteFrom(table)
            .where('talks', '<=', 0)
            .where((eb) =>
              eb(
                eb.refTuple(period as never, col as never),
                'in',
                dropped.map((r) => eb.tuple(r.k[0] as never, r.k[1] as never)),
              ),
            )
            .execute();
        }
      }
    }
  }
}

function safe(n: bigint): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new Error(`report sum out of range: ${n}`);
  return v;
}

// ---------------------------------------------------------------- bookings

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
  const zone = isZone(d.timeZone) ? d.timeZone : (officeZone ?? 'UTC');
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
  const requester = d.requester as { kind?: unknown; delegationId?: unknown; label?: unknown } | undefined;
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

// ---------------------------------------------------------------- the hook

export interface ProjectOptions {
  now: number;
  /** Record the office's last change time (false during a rebuild). */
  touchOffices?: boolean;
  /** Cached office zones (rebuild passes one map for every batch). */
  zones?: Map<string, string>;
}

function byTable(changes: readonly ProjectionChange[]) {
  const out = new Map<string, ProjectionChange[]>();
  for (const c of changes) {
    const list = out.get(c.tbl);
    if (list) list.push(c);
    else out.set(c.tbl, [c]);
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

/** Applies changed records to the read models. Run inside the write transaction. */
export async function projectChanges(
  db: DB,
  changes: readonly ProjectionChange[],
  opts: ProjectOptions,
): Promise<void> {
  const tables = byTable(changes);
  if (![...tables.keys()].some((t) => (PROJECTED_TABLES as readonly string[]).includes(t))) {
    if (opts.touchOffices !== false) await touchOffices(db, changes, opts.now);
    return;
  }
  const zones = opts.zones ?? (await officeZones(db));

  // SME firms (shared): names for the top-SME list.
  const firms = tables.get('smeFirms') ?? [];
  for (let i = 0; i < firms.length; i += CHUNK) {
    await db
      .insertInto('report_sme_firms')
      .values(
        firms.slice(i, i + CHUNK).map((c) => ({
          id: c.id,
          name_ko: str(c.after.data.nameKo),
          name_en: str(c.after.data.nameEn),
          industry: str(c.after.data.industry),
          deleted: c.after.deleted ? 1 : 0,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name_ko: eb.ref('excluded.name_ko'),
          name_en: eb.ref('excluded.name_en'),
          industry: eb.ref('excluded.industry'),
          deleted: eb.ref('excluded.deleted'),
        })),
      )
      .execute();
  }

  // Interpreters and vehicles: available hours come from the active ones.
  const resources = [...(tables.get('interpreters') ?? []), ...(tables.get('vehicles') ?? [])];
  for (let i = 0; i < resources.length; i += CHUNK) {
    await db
      .insertInto('report_resources')
      .values(
        resources.slice(i, i + CHUNK).map((c) => ({
          office_id: c.partition,
          kind: BOOKING_KIND[c.tbl]!,
          id: c.id,
          active: !c.after.deleted && c.after.data.active !== false ? 1 : 0,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['office_id', 'kind', 'id'])
          .doUpdateSet((eb) => ({ active: eb.ref('excluded.active') })),
      )
      .execute();
  }

  // Bookings: replace their hours and delegation rows.
  const bookings = [
    ...(tables.get('interpreterBookings') ?? []),
    ...(tables.get('vehicleTrips') ?? []),
  ];
  for (const [, group] of groupBy(bookings, (c) => `${c.partition}\u0000${c.tbl}`)) {
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
        await db.insertInto('report_booking_hours').values(hours.slice(j, j + CHUNK)).execute();
      }
      if (delegations.length)
        await db.insertInto('report_delegations').values(delegations).execute();
    }
  }

  await projectBuyersAndTalks(db, tables.get('buyers') ?? [], tables.get('tradeTalks') ?? [], zones);
  if (opts.touchOffices !== false) await touchOffices(db, changes, opts.now);
}

/**
 * `projectChanges` inside a SAVEPOINT: a failure of the read models (a bug, a corrupt table)
 * must never refuse a push — sync comes first. On failure the projection is rolled back, the
 * push still commits, the error is logged and the reports may lag until
 * `npm run hq -- reports:rebuild`. Returns false on such a failure.
 */
export async function projectChangesSafely(
  db: DB,
  changes: readonly ProjectionChange[],
  opts: ProjectOptions & { log?: (message: string) => void },
): Promise<boolean> {
  if (changes.length === 0) return true;
  await sql`savepoint report_projection`.execute(db);
  try {
    await projectChanges(db, changes, opts);
    await sql`release savepoint report_projection`.execute(db);
    return true;
  } catch (e) {
    await sql`rollback to savepoint report_projection`.execute(db);
    await sql`release savepoint report_projection`.execute(db);
    (opts.log ?? console.error)(
      `HQ reports: projection failed, the push is kept; run \`npm run hq -- reports:rebuild\`: ${String(e)}`,
    );
    return false;
  }
}

async function touchOffices(db: DB, changes: readonly ProjectionChange[], now: number) {
  const offices = [...new Set(changes.map((c) => c.partition))]
    .filter((p) => p !== SHARED_PARTITION)
    .sort();
  if (offices.length === 0) return;
  await db
    .insertInto('report_office_status')
    .values(offices.map((office_id) => ({ office_id, last_change_at: now })))
    .onConflict((oc) =>
      oc.column('office_id').doUpdateSet((eb) => ({ last_change_at: eb.ref('excluded.last_change_at') })),
    )
    .execute();
}

type BuyerRow = HqSchema['report_buyers'];

function buyerInfoOf(row: BuyerRow): BuyerInfo {
  let industries: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.industries);
    if (Array.isArray(parsed)) industries = parsed.filter((x): x is string => typeof x === 'string');
  } catch {
    industries = [];
  }
  return { key: row.buyer_key, kid: Number(row.buyer_kid), country: row.country, industries };
}

async function loadBuyers(db: DB, office: string, ids: readonly string[]) {
  const out = new Map<string, BuyerRow>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('report_buyers')
      .selectAll()
      .where('office_id', '=', office)
      .where('id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

async function loadTalks(db: DB, office: string, ids: readonly string[]) {
  const out = new Map<string, TalkRow>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('report_talks')
      .selectAll()
      .where('office_id', '=', office)
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

async function projectBuyersAndTalks(
  db: DB,
  buyerChanges: readonly ProjectionChange[],
  talkChanges: readonly ProjectionChange[],
  zones: Map<string, string>,
) {
  if (buyerChanges.length === 0 && talkChanges.length === 0) return;
  const offices = new Set([...buyerChanges, ...talkChanges].map((c) => c.partition));

  // 1. New buyer facts (keys as text first).
  interface NewBuyer {
    row: Omit<BuyerRow, 'buyer_kid'>;
    old: BuyerRow | undefined;
  }
  const newBuyers = new Map<string, NewBuyer>(); // office\0id
  const buyerRowsByOffice = new Map<string, Map<string, BuyerRow>>();
  for (const office of offices) {
    const ids = [
      ...buyerChanges.filter((c) => c.partition === office).map((c) => c.id),
      ...talkChanges
        .filter((c) => c.partition === office)
        .map((c) => str(c.after.data.buyerId))
        .filter(Boolean),
    ];
    buyerRowsByOffice.set(office, await loadBuyers(db, office, ids));
  }
  for (const c of buyerChanges) {
    const d = c.after.data;
    const industries = Array.isArray(d.industries)
      ? [...new Set(d.industries.filter((x): x is string => typeof x === 'string'))].sort()
      : [];
    newBuyers.set(`${c.partition}\u0000${c.id}`, {
      old: buyerRowsByOffice.get(c.partition)?.get(c.id),
      row: {
        office_id: c.partition,
        id: c.id,
        buyer_key: buyerIdentityKey({
          officeId: c.partition,
          id: c.id,
          website: d.website,
          country: d.country,
          nameNative: d.nameNative,
          nameLatin: d.nameLatin,
        }),
        country: str(d.country).toUpperCase(),
        name_native: str(d.nameNative),
        name_latin: str(d.nameLatin),
        industries: JSON.stringify(industries),
        deleted: c.after.deleted ? 1 : 0,
      },
    });
  }

  // 2. Talk facts.
  const cores = talkChanges.map((c) => ({
    change: c,
    core: talkCore(c.partition, c.id, c.after, zones.get(c.partition)),
  }));
  const fallbackKey = (office: string, buyerId: string) => `id:${office}:${buyerId}`;

  // 3. Resolve integer ids for every key in play (one sorted batch per kind).
  const buyerKeys = new Set<string>();
  for (const b of newBuyers.values()) buyerKeys.add(b.row.buyer_key);
  for (const { core } of cores) {
    if (!core) continue;
    const inBatch = newBuyers.get(`${core.office_id}\u0000${core.buyer_id}`);
    const stored = buyerRowsByOffice.get(core.office_id)?.get(core.buyer_id);
    if (!inBatch && !stored) buyerKeys.add(fallbackKey(core.office_id, core.buyer_id));
  }
  const buyerKids = await resolveKids(db, 'buyer', buyerKeys);
  const firmKids = await resolveKids(
    db,
    'firm',
    cores.flatMap(({ core }) => (core ? [core.sme_firm_id] : [])),
  );

  // 4. Store buyers; note those whose key, country or industries changed.
  const buyerInfo = (office: string, buyerId: string): BuyerInfo => {
    const nb = newBuyers.get(`${office}\u0000${buyerId}`);
    if (nb) return buyerInfoOf({ ...nb.row, buyer_kid: buyerKids.get(nb.row.buyer_key)! });
    const stored = buyerRowsByOffice.get(office)?.get(buyerId);
    if (stored) return buyerInfoOf(stored);
    const key = fallbackKey(office, buyerId);
    return { key, kid: buyerKids.get(key)!, country: '', industries: [] };
  };
  const buyerValues = [...newBuyers.values()].map((b) => ({
    ...b.row,
    buyer_kid: buyerKids.get(b.row.buyer_key)!,
  }));
  for (let i = 0; i < buyerValues.length; i += CHUNK) {
    await db
      .insertInto('report_buyers')
      .values(buyerValues.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['office_id', 'id']).doUpdateSet((eb) => ({
          buyer_key: eb.ref('excluded.buyer_key'),
          buyer_kid: eb.ref('excluded.buyer_kid'),
          country: eb.ref('excluded.country'),
          name_native: eb.ref('excluded.name_native'),
          name_latin: eb.ref('excluded.name_latin'),
          industries: eb.ref('excluded.industries'),
          deleted: eb.ref('excluded.deleted'),
        })),
      )
      .execute();
  }
  // A buyer seen for the first time may already have talks (pushed earlier under the fallback key).
  const reprojectBuyers = [...newBuyers.values()].filter(
    (b) =>
      !b.old ||
      b.old.buyer_key !== b.row.buyer_key ||
      b.old.country !== b.row.country ||
      b.old.industries !== b.row.industries,
  );

  // 5. Talks to (re)project: the changed talks, and the talks of re-keyed buyers.
  const pending = new Map<string, { old: TalkRow | undefined; next: TalkRow | null }>();
  const talkKey = (office: string, id: string) => `${office}\u0000${id}`;
  for (const [office, group] of groupBy(cores, (c) => c.change.partition)) {
    const old = await loadTalks(
      db,
      office,
      group.map((g) => g.change.id),
    );
    for (const { change, core } of group) {
      const next = core
        ? talkRow(core, buyerInfo(office, core.buyer_id), firmKids.get(core.sme_firm_id)!)
        : null;
      pending.set(talkKey(office, change.id), { old: old.get(change.id), next });
    }
  }
  for (const [office, group] of groupBy(reprojectBuyers, (b) => b.row.office_id)) {
    const ids = group.map((b) => b.row.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db
        .selectFrom('report_talks')
        .selectAll()
        .where('office_id', '=', office)
        .where('buyer_id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) {
        const k = talkKey(office, r.id);
        if (pending.has(k)) continue; // already re-projected with the new buyer facts
        const info = buyerInfo(office, r.buyer_id);
        pending.set(k, {
          old: r,
          next: { ...r, buyer_key: info.key, buyer_kid: info.kid, buyer_country: info.country },
        });
      }
    }
  }
  if (pending.size === 0) return;

  // 6. Deltas, rows, industries.
  const deltas = new Deltas();
  const upserts: TalkRow[] = [];
  const removals: Array<{ office: string; id: string }> = [];
  for (const [k, { old, next }] of pending) {
    deltas.add(old, -1);
    deltas.add(next, 1);
    if (next) upserts.push(next);
    else if (old) removals.push({ office: old.office_id, id: old.id });
    else {
      const [office, id] = k.split('\u0000') as [string, string];
      removals.push({ office, id });
    }
  }
  upserts.sort((a, b) => (a.office_id + a.id < b.office_id + b.id ? -1 : 1));
  for (let i = 0; i < upserts.length; i += CHUNK) {
    await db
      .insertInto('report_talks')
      .values(upserts.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['office_id', 'id']).doUpdateSet((eb) => ({
          month: eb.ref('excluded.month'),
          starts_at: eb.ref('excluded.starts_at'),
          buyer_id: eb.ref('excluded.buyer_id'),
          buyer_kid: eb.ref('excluded.buyer_kid'),
          buyer_key: eb.ref('excluded.buyer_key'),
          buyer_country: eb.ref('excluded.buyer_country'),
          sme_firm_id: eb.ref('excluded.sme_firm_id'),
          firm_kid: eb.ref('excluded.firm_kid'),
          stage: eb.ref('excluded.stage'),
          neg_currency: eb.ref('excluded.neg_currency'),
          neg_minor: eb.ref('excluded.neg_minor'),
          con_currency: eb.ref('excluded.con_currency'),
          con_minor: eb.ref('excluded.con_minor'),
          exp_currency: eb.ref('excluded.exp_currency'),
          exp_minor: eb.ref('excluded.exp_minor'),
          deleted: eb.ref('excluded.deleted'),
        })),
      )
      .execute();
  }
  const touched = [
    ...upserts.map((r) => ({ office: r.office_id, id: r.id })),
    ...removals,
  ];
  for (const [office, group] of groupBy(touched, (t) => t.office)) {
    const ids = group.map((t) => t.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const slice = ids.slice(i, i + CHUNK);
      await db
        .deleteFrom('report_talk_industries')
        .where('office_id', '=', office)
        .where('talk_id', 'in', slice)
        .execute();
    }
    const removed = removals.filter((r) => r.office === office).map((r) => r.id);
    for (let i = 0; i < removed.length; i += CHUNK) {
      await db
        .deleteFrom('report_talks')
        .where('office_id', '=', office)
        .where('id', 'in', removed.slice(i, i + CHUNK))
        .execute();
    }
  }
  const industryRows: HqSchema['report_talk_industries'][] = [];
  for (const r of upserts) {
    if (Number(r.deleted) === 1) continue;
    const { industries } = buyerInfo(r.office_id, r.buyer_id);
    for (const industry of industries.length ? industries : [UNSPECIFIED_INDUSTRY]) {
      industryRows.push({ office_id: r.office_id, talk_id: r.id, industry, month: r.month });
    }
  }
  for (let i = 0; i < industryRows.length; i += CHUNK) {
    await db.insertInto('report_talk_industries').values(industryRows.slice(i, i + CHUNK)).execute();
  }
  await deltas.flush(db);
}

// ---------------------------------------------------------------- rebuild

export const REPORT_TABLES = [
  'report_talk_industries',
  'report_money_cells',
  'report_buyer_months',
  'report_province_buyer_months',
  'report_firm_months',
  'report_province_firm_months',
  'report_province_buyer_years',
  'report_province_firm_years',
  'report_talks',
  'report_buyers',
  'report_sme_firms',
  'report_booking_hours',
  'report_delegations',
  'report_resources',
  'report_office_status',
  'report_keys',
] as const;

const REBUILD_PAGE = 1000;

/**
 * Empties the read models and projects every synced row again from `records`
 * (fx_rate_history is history, never rebuilt). Run it in a write transaction.
 */
export async function rebuildReports(
  db: DB,
  _dialect: Dialect,
  now = Date.now(),
): Promise<{ records: number }> {
  for (const t of REPORT_TABLES) await db.deleteFrom(t).execute();
  const zones = await officeZones(db);
  const partitions = (await db.selectFrom('offices').select('id').orderBy('id').execute()).map(
    (r) => r.id,
  );
  let total = 0;
  for (const tbl of PROJECTED_TABLES) {
    for (const office of partitions) {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('records')
          .select(['id', 'data', 'deleted'])
          .where('office_id', '=', office)
          .where('tbl', '=', tbl)
          .where('id', '>', after)
          .orderBy('id')
          .limit(REBUILD_PAGE)
          .execute();
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        total += rows.length;
        await projectChanges(
          db,
          rows.map((r) => ({
            partition: office,
            tbl,
            id: r.id,
            before: EMPTY_RECORD_STATE,
            after: {
              data: JSON.parse(r.data) as Record<string, unknown>,
              hlc: {},
              deleted: Number(r.deleted) === 1,
              deletedHlc: null,
            },
          })),
          { now, touchOffices: false, zones },
        );
        if (rows.length < REBUILD_PAGE) break;
      }
    }
  }
  const latest = await db
    .selectFrom('records')
    .select(['office_id', (eb) => eb.fn.max('updated_at').as('at')])
    .where('office_id', '!=', SHARED_PARTITION)
    .groupBy('office_id')
    .execute();
  if (latest.length) {
    await db
      .insertInto('report_office_status')
      .values(latest.map((r) => ({ office_id: r.office_id, last_change_at: Number(r.at) })))
      .execute();
  }
  return { records: total };
}
