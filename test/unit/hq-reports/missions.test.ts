/**
 * The per-mission report (issue 13) on SQLite and PostgreSQL: laptops push a mission, its
 * meetings (outcomes linked to trade talks by `tradeTalkId`) and the bookings its plan wrote
 * (requester = the mission); HQ reports per mission the talks, buyers, firms, amounts
 * converted at HQ's rate of each talk's month, meetings and booked hours, and the talk
 * drill-down narrows to a mission. Expected figures are worked out by hand below.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { REPORT_PATHS } from '@shared/reports/api';
import { withWriteTransaction } from '../../../src-hq/db/transaction';
import { rebuildReports } from '../../../src-hq/reports/projection';
import { BACKENDS, startServer, type TestServer } from '../hq/harness';

const NOW = 1_800_000_000_000;
let stamp = 0;
const hlc = () =>
  formatHlc({ millis: NOW - 100_000 + stamp++, counter: 0, node: 'bbbbbbbbbbbbbbbb' });

type Row = { tbl: string; id: string; office: string | null; data: Record<string, unknown> };
let mid = 0;

async function push(server: TestServer, auth: string, clientId: string, rows: Row[]) {
  const mutations = rows.map((r) => {
    const t = hlc();
    return {
      mid: ++mid,
      tbl: r.tbl,
      id: r.id,
      ...(r.office && r.tbl !== 'smeFirms' && r.tbl !== 'fxRates' ? { officeId: r.office } : {}),
      fields: Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, [v, t]])),
    };
  });
  const res = await server.post('/v1/push', auth, { clientId, mutations });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

async function remove(server: TestServer, auth: string, clientId: string, tbl: string, id: string) {
  const res = await server.post('/v1/push', auth, {
    clientId,
    mutations: [{ mid: ++mid, tbl, id, officeId: 'tokyo', fields: {}, deleted: [true, hlc()] }],
  });
  expect(res.status).toBe(200);
}

const firm = (id: string, nameKo: string): Row => ({
  tbl: 'smeFirms',
  id,
  office: null,
  data: {
    nameKo,
    nameEn: `${id} Co`,
    businessRegistrationNumber: '124-81-00998',
    industry: 'machinery',
  },
});
const buyer = (office: string, id: string, nameNative: string, country: string): Row => ({
  tbl: 'buyers',
  id,
  office,
  data: {
    officeId: office,
    nameNative,
    nameScript: 'ja',
    country,
    status: 'active',
    industries: [],
  },
});
const money = (currency: string, amountMinor: number) => ({
  amount: { amountMinor, currency },
  // A stale snapshot: the report converts with HQ's rate of the talk's month, not this.
  usd: { amountMinor: 1, currency: 'USD' },
  fx: { month: '2000-01', rateMonth: '2000-01', perUsd: '1', source: 'hq', tableVersion: 'x' },
});
const talk = (
  office: string,
  id: string,
  buyerId: string,
  smeFirmId: string,
  startsAt: string,
  amounts: Record<string, [string, number]>,
): Row => ({
  tbl: 'tradeTalks',
  id,
  office,
  data: {
    officeId: office,
    buyerId,
    smeFirmId,
    startsAt,
    timeZone: 'Asia/Tokyo',
    stage: 'negotiation',
    ...Object.fromEntries(Object.entries(amounts).map(([k, [c, m]]) => [k, money(c, m)])),
  },
});
const mission = (
  office: string,
  id: string,
  name: string,
  arrival: string,
  departure: string,
): Row => ({
  tbl: 'missions',
  id,
  office,
  data: {
    officeId: office,
    name,
    kind: 'trade-mission',
    status: 'under-way',
    arrival,
    departure,
    timeZone: 'Asia/Tokyo',
    dayStart: '09:00',
    dayEnd: '18:00',
    breaks: [],
  },
});
const meeting = (
  office: string,
  id: string,
  missionId: string,
  status: string,
  start: string,
  tradeTalkId?: string,
): Row => ({
  tbl: 'missionMeetings',
  id,
  office,
  data: {
    officeId: office,
    missionId,
    requestId: `req-${id}`,
    status,
    pinned: false,
    start,
    end: new Date(Date.parse(start) + 3_600_000).toISOString(),
    timeZone: 'Asia/Tokyo',
    placeId: 'place-1',
    interpreterId: 'I1',
    legs: [],
    ...(tradeTalkId ? { tradeTalkId } : {}),
  },
});
const booking = (
  tbl: 'interpreterBookings' | 'vehicleTrips',
  id: string,
  delegationId: string,
  start: string,
  hours: number,
  status = 'confirmed',
): Row => ({
  tbl,
  id,
  office: 'tokyo',
  data: {
    officeId: 'tokyo',
    ...(tbl === 'interpreterBookings' ? { interpreterId: 'I1' } : { vehicleId: 'V1' }),
    status,
    purpose: 'delegation',
    requester: { kind: 'delegation', delegationId, label: 'Gyeongnam mission' },
    start,
    end: new Date(Date.parse(start) + hours * 3_600_000).toISOString(),
    timeZone: 'Asia/Tokyo',
    recurrence: null,
  },
});

// HQ's rates: ¥150 and CN¥7.25 to the dollar, ₩1,450 in March and April 2025.
const FX: Row[] = ['2025-03', '2025-04'].map((month) => ({
  tbl: 'fxRates',
  id: month,
  office: null,
  data: { month, perUsd: { KRW: '1450', JPY: '150', CNY: '7.25' } },
}));

describe.each(BACKENDS)('HQ mission report on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let server: TestServer;
  let hqAuth: string;
  let tokyoAuth: string;
  let osakaAuth: string;

  beforeEach(async () => {
    stamp = 0;
    mid = 0;
    db = await backend.open();
    server = await startServer(db.hq, { now: () => NOW, registry: DEFAULT_TABLE_REGISTRY });
    hqAuth = (await server.enroll(null, 'hq-laptop')).auth;
    tokyoAuth = (await server.enroll('tokyo', 'tokyo-1')).auth;
    osakaAuth = (await server.enroll('shanghai', 'shanghai-1')).auth;
    await push(server, hqAuth, 'hq-client-1', FX);
    await push(server, tokyoAuth, 'tokyo-client-1', [
      firm('F1', '가야기계'),
      firm('F2', '창원식품'),
      buyer('tokyo', 'B1', '株式会社山田商事', 'JP'),
      buyer('tokyo', 'B2', '大阪物産株式会社', 'JP'),
      // T1 in March, T2 across the month edge in April (Tokyo time): both the mission's.
      talk('tokyo', 'T1', 'B1', 'F1', '2025-03-31T02:00:00.000Z', {
        negotiated: ['JPY', 3_000_000],
        contract: ['JPY', 1_500_000],
      }),
      talk('tokyo', 'T2', 'B2', 'F2', '2025-03-31T16:00:00.000Z', {
        contract: ['CNY', 72_500],
      }),
      // Same buyer and firm as T1, a second outcome of the mission: counted once each.
      talk('tokyo', 'T3', 'B1', 'F1', '2025-04-01T02:00:00.000Z', {}),
      // Not the mission's: a talk of another month with no meeting.
      talk('tokyo', 'T9', 'B2', 'F2', '2025-03-05T02:00:00.000Z', { contract: ['JPY', 9_000_000] }),
      mission('tokyo', 'M1', 'Gyeongnam machinery mission', '2025-03-30', '2025-04-02'),
      mission('tokyo', 'M2', 'Summer food fair', '2025-07-01', '2025-07-03'),
      meeting('tokyo', 'MM1', 'M1', 'done', '2025-03-31T02:00:00.000Z', 'T1'),
      meeting('tokyo', 'MM2', 'M1', 'done', '2025-03-31T16:00:00.000Z', 'T2'),
      meeting('tokyo', 'MM3', 'M1', 'done', '2025-04-01T02:00:00.000Z', 'T3'),
      meeting('tokyo', 'MM4', 'M1', 'accepted', '2025-04-01T05:00:00.000Z'),
      meeting('tokyo', 'MM5', 'M1', 'cancelled', '2025-04-01T07:00:00.000Z'),
      meeting('tokyo', 'MM6', 'M1', 'proposed', '2025-04-02T01:00:00.000Z'),
      booking('interpreterBookings', 'MM1:interpreter', 'M1', '2025-03-31T02:00:00.000Z', 1),
      booking('interpreterBookings', 'MM2:interpreter', 'M1', '2025-03-31T16:00:00.000Z', 1.5),
      booking('vehicleTrips', 'MM1:in', 'M1', '2025-03-31T01:30:00.000Z', 0.5),
      booking('vehicleTrips', 'MM5:in', 'M1', '2025-04-01T06:30:00.000Z', 0.5, 'cancelled'),
      // Another delegation's booking: not the mission's hours.
      booking('interpreterBookings', 'other', 'D9', '2025-03-31T05:00:00.000Z', 4),
    ]);
    await push(server, osakaAuth, 'shanghai-client-1', [
      mission('shanghai', 'M3', 'Shanghai expo visit', '2025-04-10', '2025-04-12'),
    ]);
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const missions = async (auth: string, body: Record<string, unknown>) => {
    const res = await server.post(REPORT_PATHS.missions, auth, body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json.rows as Array<Record<string, any>>;
  };

  const M1 = {
    officeId: 'tokyo',
    missionId: 'M1',
    name: 'Gyeongnam machinery mission',
    kind: 'trade-mission',
    status: 'under-way',
    arrival: '2025-03-30',
    departure: '2025-04-02',
    buyersMet: 2,
    talksHeld: 3,
    smeFirmsHelped: 2,
    meetingsPlanned: 4,
    meetingsHeld: 3,
    interpreterHours: 2.5,
    vehicleHours: 0.5,
    // ¥3,000,000 / 150 = $20,000.00 = ₩29,000,000.
    negotiated: {
      usdMinor: 2_000_000,
      krwMinor: 29_000_000,
      original: [{ currency: 'JPY', amountMinor: 3_000_000 }],
      talks: 1,
    },
    // ¥1,500,000 = $10,000.00 = ₩14,500,000; CN¥725.00 = $100.00 = ₩145,000.
    contracted: {
      usdMinor: 1_010_000,
      krwMinor: 14_645_000,
      original: [
        { currency: 'CNY', amountMinor: 72_500 },
        { currency: 'JPY', amountMinor: 1_500_000 },
      ],
      talks: 2,
    },
    actualExports: { usdMinor: 0, krwMinor: 0, original: [], talks: 0 },
  };

  it('reports each mission of the period: its talks, buyers, firms, amounts, meetings and hours', async () => {
    const rows = await missions(hqAuth, { from: '2025-04', to: '2025-04' });
    // Latest arrival first; M2 (July) is outside the period.
    expect(rows.map((r) => r.missionId)).toEqual(['M3', 'M1']);
    expect(rows[1]).toEqual(M1);
    expect(rows[0]).toMatchObject({ officeId: 'shanghai', talksHeld: 0, meetingsPlanned: 0 });
    // A mission overlapping the period's first month counts (it arrived in March).
    expect(
      (await missions(hqAuth, { from: '2025-04', to: '2025-06' })).map((r) => r.missionId),
    ).toEqual(['M3', 'M1']);
    expect(
      (await missions(hqAuth, { from: '2025-01', to: '2025-03' })).map((r) => r.missionId),
    ).toEqual(['M1']);
    // One mission by id, whatever the period.
    expect(await missions(hqAuth, { from: '2027-01', to: '2027-01', missionId: 'M1' })).toEqual([
      M1,
    ]);
  });

  it('an office device sees its own missions only', async () => {
    const own = await missions(tokyoAuth, { from: '2025-04', to: '2025-04' });
    expect(own.map((r) => r.missionId)).toEqual(['M1']);
    const other = await server.post(REPORT_PATHS.missions, tokyoAuth, {
      from: '2025-04',
      to: '2025-04',
      officeIds: ['shanghai'],
    });
    expect(other.status).toBe(403);
    expect(await missions(tokyoAuth, { from: '2025-04', to: '2025-04', missionId: 'M3' })).toEqual(
      [],
    );
    const bad = await server.post(REPORT_PATHS.missions, hqAuth, {
      from: '2025-04',
      missionId: '',
    });
    expect(bad.status).toBe(400);
  });

  it('the drill-down lists a mission’s talks of every month', async () => {
    const res = await server.post(REPORT_PATHS.talks, hqAuth, {
      from: '2025-04',
      to: '2025-04',
      missionId: 'M1',
    });
    expect(res.status).toBe(200);
    expect(res.json.total).toBe(3);
    expect(res.json.rows.map((r: { id: string }) => r.id).sort()).toEqual(['T1', 'T2', 'T3']);
    const contracted = await server.post(REPORT_PATHS.talks, hqAuth, {
      from: '2025-04',
      to: '2025-04',
      missionId: 'M1',
      figure: 'contracted',
    });
    expect(contracted.json.rows.map((r: { id: string }) => r.id).sort()).toEqual(['T1', 'T2']);
  });

  it('the dashboard narrowed to a mission: by industry, by country and top SMEs count its talks of every month', async () => {
    const post = async (path: string, body: Record<string, unknown>) => {
      const res = await server.post(path, hqAuth, { from: '2025-04', to: '2025-04', ...body });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      return res.json.rows as Array<Record<string, any>>;
    };
    // The period alone: April's talks (T2, T3), not March's T1.
    const [april] = await post(REPORT_PATHS.byCountry, {});
    expect(april).toMatchObject({ key: 'JP', talksHeld: 2 });
    // The mission: T1, T2, T3 whatever their month, never T9 (no meeting of the mission).
    const [country] = await post(REPORT_PATHS.byCountry, { missionId: 'M1' });
    expect(country).toMatchObject({ key: 'JP', talksHeld: 3, buyersMet: 2, smeFirmsHelped: 2 });
    expect(country!.contracted.usdMinor).toBe(M1.contracted.usdMinor);
    const industries = await post(REPORT_PATHS.byIndustry, { missionId: 'M1' });
    expect(industries.reduce((n, r) => n + r.talksHeld, 0)).toBe(3);
    const smes = await post(REPORT_PATHS.topSmes, { missionId: 'M1' });
    expect(smes.map((r) => [r.smeFirmId, r.contracted.usdMinor])).toEqual([
      ['F1', 1_000_000],
      ['F2', 10_000],
    ]);
    // Another office's mission is out of an office device's reach here too.
    const res = await server.post(REPORT_PATHS.byCountry, tokyoAuth, {
      from: '2025-04',
      to: '2025-04',
      missionId: 'M3',
    });
    expect(res.status).toBe(200);
    expect(res.json.rows).toEqual([]);
  });

  it('follows later changes: an outcome re-linked, a meeting and a booking deleted, a rebuild', async () => {
    await push(server, tokyoAuth, 'tokyo-client-1', [
      meeting('tokyo', 'MM4', 'M1', 'done', '2025-04-01T05:00:00.000Z', 'T9'),
      { ...mission('tokyo', 'M1', 'Gyeongnam machinery mission', '2025-03-30', '2025-04-02') },
    ]);
    await remove(server, tokyoAuth, 'tokyo-client-1', 'missionMeetings', 'MM3');
    await remove(server, tokyoAuth, 'tokyo-client-1', 'vehicleTrips', 'MM1:in');
    const [after] = await missions(hqAuth, { from: '2025-03', to: '2025-03', missionId: 'M1' });
    // T9 (¥9,000,000 contract = $60,000.00) in, T3 out; buyers B1, B2 and firms F1, F2 remain.
    expect(after).toMatchObject({
      talksHeld: 3,
      buyersMet: 2,
      meetingsPlanned: 3,
      meetingsHeld: 3,
      vehicleHours: 0,
      interpreterHours: 2.5,
    });
    expect(after!.contracted.usdMinor).toBe(7_010_000);
    await withWriteTransaction(db.hq, (trx) => rebuildReports(trx, db.hq.dialect));
    const [rebuilt] = await missions(hqAuth, { from: '2025-03', to: '2025-03', missionId: 'M1' });
    expect(rebuilt).toEqual(after);
    await remove(server, tokyoAuth, 'tokyo-client-1', 'missions', 'M1');
    expect(await missions(hqAuth, { from: '2025-03', to: '2025-04' })).toEqual([
      expect.objectContaining({ missionId: 'M3' }),
    ]);
  });
});
