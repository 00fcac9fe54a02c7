/**
 * Buyers and trade talks: report_buyers (names, identity key), report_talks (one typed row
 * per talk), report_talk_industries, and the aggregate deltas of every talk that changed,
 * including the talks of a buyer whose identity, country or industries changed.
 */
import { buyerIdentityKey } from '@shared/reports/identity';
import { isCurrencyCode } from '@shared/money/currency';
import type { RecordState } from '@shared/sync/merge';
import type { ChangedRecord } from '../../sync/projectors';
import type { HqSchema, ReportTalksTable } from '../../db/schema';
import { CHUNK, groupBy, localMonth, str, zoneOf, type DB } from './common';
import { Deltas } from './deltas';
import { resolveKids } from './keys';
import { upsertRows } from './upsert';

/** Industry bucket of talks whose buyer names no industry. */
export const UNSPECIFIED_INDUSTRY = 'unspecified';

type TalkRow = ReportTalksTable;
type BuyerRow = HqSchema['report_buyers'];

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
  return {
    office_id: officeId,
    id,
    month: localMonth(ms, zoneOf(d.timeZone, officeZone)),
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

/** The buyer row a change describes (its integer key resolved later). */
function buyerRowOf(c: ChangedRecord): Omit<BuyerRow, 'buyer_kid'> {
  const d = c.after.data;
  const industries = Array.isArray(d.industries)
    ? [...new Set(d.industries.filter((x): x is string => typeof x === 'string'))].sort()
    : [];
  return {
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
  };
}

/** Rows of `table` in one office by `column` in `ids`, batched. */
async function selectIn<T extends 'report_buyers' | 'report_talks'>(
  db: DB,
  table: T,
  office: string,
  column: 'id' | 'buyer_id',
  ids: readonly string[],
): Promise<HqSchema[T][]> {
  const out: HqSchema[T][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom(table as 'report_talks')
      .selectAll()
      .where('office_id', '=', office)
      .where(column, 'in', ids.slice(i, i + CHUNK))
      .execute();
    out.push(...(rows as HqSchema[T][]));
  }
  return out;
}

const BUYER_COLUMNS = [
  'buyer_key',
  'buyer_kid',
  'country',
  'name_native',
  'name_latin',
  'industries',
  'deleted',
] as const;

const TALK_COLUMNS = [
  'month',
  'starts_at',
  'buyer_id',
  'buyer_kid',
  'buyer_key',
  'buyer_country',
  'sme_firm_id',
  'firm_kid',
  'stage',
  'neg_currency',
  'neg_minor',
  'con_currency',
  'con_minor',
  'exp_currency',
  'exp_minor',
  'deleted',
] as const;

export async function projectBuyersAndTalks(
  db: DB,
  buyerChanges: readonly ChangedRecord[],
  talkChanges: readonly ChangedRecord[],
  zones: Map<string, string>,
): Promise<void> {
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
    const rows = await selectIn(db, 'report_buyers', office, 'id', [...new Set(ids)]);
    buyerRowsByOffice.set(office, new Map(rows.map((r) => [r.id, r])));
  }
  for (const c of buyerChanges) {
    newBuyers.set(`${c.partition}\u0000${c.id}`, {
      old: buyerRowsByOffice.get(c.partition)?.get(c.id),
      row: buyerRowOf(c),
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
  await upsertRows(db, 'report_buyers', buyerValues, ['office_id', 'id'], BUYER_COLUMNS);
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
    const rows = await selectIn(
      db,
      'report_talks',
      office,
      'id',
      group.map((g) => g.change.id),
    );
    const old = new Map(rows.map((r) => [r.id, r]));
    for (const { change, core } of group) {
      const next = core
        ? talkRow(core, buyerInfo(office, core.buyer_id), firmKids.get(core.sme_firm_id)!)
        : null;
      pending.set(talkKey(office, change.id), { old: old.get(change.id), next });
    }
  }
  for (const [office, group] of groupBy(reprojectBuyers, (b) => b.row.office_id)) {
    const rows = await selectIn(
      db,
      'report_talks',
      office,
      'buyer_id',
      group.map((b) => b.row.id),
    );
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
  await upsertRows(db, 'report_talks', upserts, ['office_id', 'id'], TALK_COLUMNS);
  const touched = [...upserts.map((r) => ({ office: r.office_id, id: r.id })), ...removals];
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
    await db
      .insertInto('report_talk_industries')
      .values(industryRows.slice(i, i + CHUNK))
      .execute();
  }
  await deltas.flush(db);
}
