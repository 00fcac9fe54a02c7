/** Top SMEs, office freshness and the talk drill-down. */
import { sql } from 'kysely';
import { isCurrencyCode } from '@shared/money/currency';
import { type OfficeFreshness, type ReportTalkRow, type TalkAmountView, type TalksQuery, type TopSmeRow } from '@shared/reports/api';
import { ofMission, type DB, type Period, type Scope } from './common';
import type { RateBook} from './rates';
import { FigureAcc, toSafe } from './rates';

// ---------------------------------------------------------------- top SMEs

export async function topSmes(
  db: DB,
  scope: Scope,
  p: Period,
  book: RateBook,
  view: 'USD' | 'KRW',
  limit: number,
  /** Only this mission's talks, whatever month each fell in. */
  missionId?: string,
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
    .where('deleted', '=', 0)
    .groupBy(['sme_firm_id', 'office_id', 'month', 'con_currency']);
  if (missionId === undefined) q = q.where('month', '>=', p.from).where('month', '<=', p.to);
  else q = q.where(ofMission(missionId, 'report_talks'));
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
    let b = db.selectFrom('report_talks as t').where('t.deleted', '=', 0);
    // A mission's talks are its whole outcome, whatever month each fell in (api.ts MISSIONS).
    if (q.missionId === undefined)
      b = b.where('t.month', '>=', p.from).where('t.month', '<=', p.to);
    else if (q.month !== undefined) b = b.where('t.month', '=', q.month);
    if (empty && q.missionId === undefined) b = b.where(sql<boolean>`1 = 0`);
    if (q.missionId !== undefined) {
      const missionId = q.missionId;
      b = b.where((eb) =>
        eb.exists(
          eb
            .selectFrom('report_mission_meetings as mm')
            .select('mm.talk_id')
            .whereRef('mm.office_id', '=', 't.office_id')
            .whereRef('mm.talk_id', '=', 't.id')
            .where('mm.mission_id', '=', missionId),
        ),
      );
    }
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
