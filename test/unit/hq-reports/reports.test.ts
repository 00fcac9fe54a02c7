/**
 * HQ reports (issue 6) on SQLite and PostgreSQL: every figure the server returns is compared
 * with a computation written here from the raw rows the laptops pushed (no server code is
 * reused: months, identity groups, rates and conversions are computed independently).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { formatHlc } from '@shared/sync/hlc';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { REPORT_PATHS } from '@shared/reports/api';
import { DEFAULT_FX_RATES } from '@shared/money';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { withWriteTransaction } from '../../../src-hq/db/transaction';
import { rebuildReports } from '../../../src-hq/reports/projection';
import { BACKENDS, PROTO, startServer, type TestServer } from '../hq/harness';

const NOW = 1_800_000_000_000; // 2027-01-15
let stamp = 0;
const hlc = () =>
  formatHlc({ millis: NOW - 100_000 + stamp++, counter: 0, node: 'aaaaaaaaaaaaaaaa' });

// ---------------------------------------------------------------- the raw rows (test model)

type Row = {
  tbl: string;
  id: string;
  office: string | null;
  data: Record<string, unknown>;
  deleted: boolean;
};

const DEC: Record<string, number> = { KRW: 0, JPY: 0, VND: 0, CNY: 2, USD: 2 };
const money = (currency: string, amountMinor: number) => ({
  amount: { amountMinor, currency },
  // A stale snapshot on purpose: reports must convert with HQ's rate of the month, not this.
  usd: { amountMinor: 1, currency: 'USD' },
  fx: { month: '2000-01', rateMonth: '2000-01', perUsd: '1', source: 'hq', tableVersion: 'x' },
});

function buyer(office: string, id: string, identity: string, extra: Record<string, unknown>): Row {
  return {
    tbl: 'buyers',
    id,
    office,
    deleted: false,
    data: { officeId: office, nameScript: 'ja', status: 'active', _identity: identity, ...extra },
  };
}

function talk(
  office: string,
  id: string,
  buyerId: string,
  smeFirmId: string,
  startsAt: string,
  timeZone: string,
  amounts: {
    negotiated?: [string, number];
    contract?: [string, number];
    actualExport?: [string, number];
  },
): Row {
  const data: Record<string, unknown> = {
    officeId: office,
    buyerId,
    smeFirmId,
    startsAt,
    timeZone,
    stage: amounts.contract ? 'contract' : 'negotiation',
  };
  for (const [k, v] of Object.entries(amounts)) if (v) data[k] = money(v[0], v[1]);
  return { tbl: 'tradeTalks', id, office, deleted: false, data };
}

/** Pushes rows as the given device; returns the HTTP status and body. */
async function pushRows(
  server: TestServer,
  auth: string,
  clientId: string,
  rows: Row[],
  mids: Map<string, number>,
) {
  const mutations = rows.map((r) => {
    const mid = (mids.get(clientId) ?? 0) + 1;
    mids.set(clientId, mid);
    const t = hlc();
    const fields: Record<string, [unknown, string]> = {};
    for (const [k, v] of Object.entries(r.data)) if (!k.startsWith('_')) fields[k] = [v, t];
    return {
      mid,
      tbl: r.tbl,
      id: r.id,
      ...(r.office && r.tbl !== 'smeFirms' && r.tbl !== 'fxRates' ? { officeId: r.office } : {}),
      fields: r.deleted ? {} : fields,
      ...(r.deleted ? { deleted: [true, t] } : {}),
    };
  });
  return server.post('/v1/push', auth, { clientId, mutations });
}

// ---------------------------------------------------------------- independent computation

function monthOfTalk(d: Record<string, unknown>): string {
  return DateTime.fromISO(String(d.startsAt), { zone: 'utc' })
    .setZone(String(d.timeZone))
    .toFormat('yyyy-MM');
}

type Table = Record<string, Record<string, string>>;

/** latest month ≤ m: first any table with the exact month (HQ first), else HQ's latest earlier, else default's. */
function rateOf(
  cur: string,
  m: string,
  hqTable: Table,
): { perUsd: string; rateMonth: string; source: string } {
  if (cur === 'USD') return { perUsd: '1', rateMonth: m, source: 'hq' };
  const tables: Array<[string, Table]> = [
    ['hq', hqTable],
    ['builtin-default', DEFAULT_FX_RATES.months as Table],
  ];
  for (const [source, t] of tables)
    if (t[m]?.[cur]) return { perUsd: t[m]![cur]!, rateMonth: m, source };
  for (const [source, t] of tables) {
    const earlier = Object.keys(t)
      .filter((k) => k <= m && t[k]![cur])
      .sort()
      .pop();
    if (earlier) return { perUsd: t[earlier]![cur]!, rateMonth: earlier, source };
  }
  throw new Error('no rate');
}

/** a/b as a fraction of BigInts from a decimal string. */
function frac(dec: string): [bigint, bigint] {
  const [i, f = ''] = dec.split('.');
  return [BigInt(i! + f), 10n ** BigInt(f.length)];
}
function roundDiv(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = an / ad;
  const r = an - q * ad;
  const out = r * 2n >= ad ? q + 1n : q;
  return neg ? -out : out;
}
function toUsdKrw(minor: bigint, cur: string, m: string, hqTable: Table) {
  const [fn, fd] = frac(rateOf(cur, m, hqTable).perUsd); // units per USD = fn/fd
  // usd cents = minor / 10^dec / (fn/fd) * 100
  const usd = roundDiv(minor * fd * 100n, 10n ** BigInt(DEC[cur]!) * fn);
  if (cur === 'KRW') return { usd, krw: minor };
  const [kn, kd] = frac(rateOf('KRW', m, hqTable).perUsd);
  const krw = roundDiv(minor * fd * kn, 10n ** BigInt(DEC[cur]!) * fn * kd);
  return { usd, krw };
}

interface Expected {
  talksHeld: number;
  buyersMet: number;
  smeFirmsHelped: number;
  negotiated: { usd: number; krw: number; talks: number };
  contracted: { usd: number; krw: number; talks: number };
  actualExports: { usd: number; krw: number; talks: number };
}

function expected(
  rows: Row[],
  from: string,
  to: string,
  offices: string[] | null,
  hqTable: Table,
): Expected {
  const buyers = new Map(
    rows.filter((r) => r.tbl === 'buyers').map((r) => [`${r.office}/${r.id}`, r]),
  );
  const talks = rows.filter(
    (r) =>
      r.tbl === 'tradeTalks' &&
      !r.deleted &&
      (offices === null || offices.includes(r.office!)) &&
      monthOfTalk(r.data) >= from &&
      monthOfTalk(r.data) <= to,
  );
  const identities = new Set(
    talks.map((t) => buyers.get(`${t.office}/${t.data.buyerId}`)!.data._identity),
  );
  const firms = new Set(talks.map((t) => t.data.smeFirmId));
  const fig = (field: string) => {
    // Σ minor per (office, month, currency), each converted once.
    const cells = new Map<string, bigint>();
    let n = 0;
    for (const t of talks) {
      const a = (t.data[field] as { amount: { amountMinor: number; currency: string } } | undefined)
        ?.amount;
      if (!a) continue;
      n++;
      const k = `${t.office}|${monthOfTalk(t.data)}|${a.currency}`;
      cells.set(k, (cells.get(k) ?? 0n) + BigInt(a.amountMinor));
    }
    let usd = 0n;
    let krw = 0n;
    for (const [k, minor] of cells) {
      const [, m, cur] = k.split('|') as [string, string, string];
      const v = toUsdKrw(minor, cur, m, hqTable);
      usd += v.usd;
      krw += v.krw;
    }
    return { usd: Number(usd), krw: Number(krw), talks: n };
  };
  return {
    talksHeld: talks.length,
    buyersMet: identities.size,
    smeFirmsHelped: firms.size,
    negotiated: fig('negotiated'),
    contracted: fig('contract'),
    actualExports: fig('actualExport'),
  };
}

function actual(f: {
  talksHeld: number;
  buyersMet: number;
  smeFirmsHelped: number;
  negotiated: { usdMinor: number; krwMinor: number; talks: number };
  contracted: { usdMinor: number; krwMinor: number; talks: number };
  actualExports: { usdMinor: number; krwMinor: number; talks: number };
}): Expected {
  const m = (x: { usdMinor: number; krwMinor: number; talks: number }) => ({
    usd: x.usdMinor,
    krw: x.krwMinor,
    talks: x.talks,
  });
  return {
    talksHeld: f.talksHeld,
    buyersMet: f.buyersMet,
    smeFirmsHelped: f.smeFirmsHelped,
    negotiated: m(f.negotiated),
    contracted: m(f.contracted),
    actualExports: m(f.actualExports),
  };
}

// ---------------------------------------------------------------- fixture

const HQ_FX: Table = {
  '2025-01': { KRW: '1400', JPY: '150', CNY: '7.2', VND: '25000' },
  '2025-03': { KRW: '1450.5', JPY: '148.25' }, // no CNY: CNY 2025-03 comes from another table / month
  '2027-01': { KRW: '1500', JPY: '160' }, // the built-in table ends 2026-12: 2027-02 falls back here
};

function fixture(): Row[] {
  const firm = (id: string, nameKo: string): Row => ({
    tbl: 'smeFirms',
    id,
    office: null,
    deleted: false,
    data: {
      nameKo,
      nameEn: `${id} Co`,
      businessRegistrationNumber: '124-81-00998',
      industry: 'machinery',
    },
  });
  return [
    firm('F1', '가야기계'),
    firm('F2', '창원식품'),
    firm('F3', '진주섬유'),
    // Yamada Shoji: one importer, a buyer record in Tokyo AND in Shanghai (same website).
    buyer('tokyo', 'B1', 'yamada', {
      nameNative: '株式会社山田商事',
      nameLatin: 'Yamada Shoji',
      country: 'JP',
      website: 'https://www.yamada-shoji.co.jp/',
      industries: ['processed_food', 'beverages'],
    }),
    buyer('shanghai', 'B2', 'yamada', {
      nameNative: '山田商事',
      country: 'JP',
      website: 'http://yamada-shoji.co.jp/zh',
      industries: ['processed_food'],
    }),
    // Sato Trading: no website; same country and name once the legal form is dropped and kana folded.
    buyer('tokyo', 'B3', 'sato', {
      nameNative: '株式会社サトウ商事',
      country: 'JP',
      website: '',
      industries: [],
    }),
    buyer('shanghai', 'B4', 'sato', {
      nameNative: 'ｻﾄｳ商事',
      country: 'JP',
      industries: ['auto_parts'],
    }),
    buyer('shanghai', 'B5', 'pudong', {
      nameNative: '上海浦东贸易有限公司',
      nameLatin: 'Shanghai Pudong Trading',
      country: 'CN',
      industries: ['machinery'],
    }),
    // Current period 2025-03..2025-05, previous 2024-12..2025-02.
    talk('tokyo', 'T1', 'B1', 'F1', '2025-03-10T01:00:00.000Z', 'Asia/Tokyo', {
      negotiated: ['JPY', 1_500_000],
      contract: ['JPY', 1_000_001],
    }),
    talk('tokyo', 'T2', 'B1', 'F1', '2025-03-20T01:00:00.000Z', 'Asia/Tokyo', {
      negotiated: ['JPY', 333_333],
    }),
    talk('shanghai', 'T3', 'B2', 'F1', '2025-04-05T02:00:00.000Z', 'Asia/Shanghai', {
      negotiated: ['CNY', 100_000],
      contract: ['CNY', 50_055],
      actualExport: ['CNY', 20_001],
    }),
    // 2025-04-30 16:00 UTC is 2025-05-01 01:00 in Tokyo: a May talk.
    talk('tokyo', 'T4', 'B3', 'F2', '2025-04-30T16:00:00.000Z', 'Asia/Tokyo', {
      negotiated: ['USD', 1_234_567],
    }),
    talk('shanghai', 'T5', 'B4', 'F3', '2025-05-02T03:00:00.000Z', 'Asia/Shanghai', {
      contract: ['CNY', 99_999],
      actualExport: ['VND', 123_456_789],
    }),
    talk('shanghai', 'T6', 'B5', 'F2', '2025-02-10T03:00:00.000Z', 'Asia/Shanghai', {
      negotiated: ['KRW', 5_000_000],
      contract: ['KRW', 777_777],
    }),
    talk('tokyo', 'T7', 'B1', 'F3', '2027-02-10T03:00:00.000Z', 'Asia/Tokyo', {
      contract: ['JPY', 2_000_000],
    }),
  ];
}

const fxRows = (t: Table): Row[] =>
  Object.entries(t).map(([month, perUsd]) => ({
    tbl: 'fxRates',
    id: month,
    office: null,
    deleted: false,
    data: { month, perUsd },
  }));

// ---------------------------------------------------------------- tests

describe.each(BACKENDS)('HQ reports on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let hq: HqDatabase;
  let server: TestServer;
  let rows: Row[];
  const mids = new Map<string, number>();
  let hqAuth: string;
  let tokyoAuth: string;
  let shanghaiAuth: string;

  const report = (auth: string, path: string, body: unknown) => server.post(path, auth, body);
  const get = async (auth: string, url: string) => {
    const res = await server.app.inject({
      method: 'GET',
      url,
      headers: { ...PROTO, authorization: auth },
    });
    return { status: res.statusCode, json: JSON.parse(res.body) };
  };

  beforeEach(async () => {
    stamp = 0;
    mids.clear();
    db = await backend.open();
    hq = db.hq;
    server = await startServer(hq, { now: () => NOW, registry: DEFAULT_TABLE_REGISTRY });
    hqAuth = (await server.enroll(null, 'hq-laptop')).auth;
    tokyoAuth = (await server.enroll('tokyo', 'tokyo-1')).auth;
    shanghaiAuth = (await server.enroll('shanghai', 'shanghai-1')).auth;
    rows = fixture();
    expect((await pushRows(server, hqAuth, 'hq-client-1', fxRows(HQ_FX), mids)).status).toBe(200);
    const tokyo = rows.filter((r) => r.office === 'tokyo' || r.tbl === 'smeFirms');
    const shanghai = rows.filter((r) => r.office === 'shanghai');
    expect((await pushRows(server, tokyoAuth, 'tokyo-client-1', tokyo, mids)).status).toBe(200);
    expect((await pushRows(server, shanghaiAuth, 'shanghai-client-1', shanghai, mids)).status).toBe(
      200,
    );
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const headline = async (auth: string, body: Record<string, unknown>) => {
    const res = await report(auth, REPORT_PATHS.headline, body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json;
  };

  it('headline figures equal an independent computation (distinct buyers/firms, currencies, months)', async () => {
    const h = await headline(hqAuth, { from: '2025-03', to: '2025-05' });
    expect(h.previousPeriod).toEqual({ from: '2024-12', to: '2025-02' });
    const exp = expected(rows, '2025-03', '2025-05', null, HQ_FX);
    expect(actual(h.current)).toEqual(exp);
    // Yamada met by Tokyo twice and by Shanghai once = 1; Sato met by both offices = 1.
    expect(h.current.buyersMet).toBe(2);
    expect(h.current.talksHeld).toBe(5);
    // F1 helped by Tokyo and Shanghai counts once.
    expect(h.current.smeFirmsHelped).toBe(3);
    expect(actual(h.previous)).toEqual(expected(rows, '2024-12', '2025-02', null, HQ_FX));
    expect(h.previous.talksHeld).toBe(1);
    // Original currencies are exact sums.
    expect(h.current.negotiated.original).toEqual([
      { currency: 'CNY', amountMinor: 100_000 },
      { currency: 'JPY', amountMinor: 1_833_333 },
      { currency: 'USD', amountMinor: 1_234_567 },
    ]);
    // Rates used: HQ's own month, another table's exact month, the KRW rate of each month.
    const used = (m: string, c: string) =>
      h.ratesUsed.find(
        (r: { month: string; currency: string }) => r.month === m && r.currency === c,
      );
    expect(used('2025-03', 'JPY')).toMatchObject({
      perUsd: '148.25',
      rateMonth: '2025-03',
      source: 'hq',
    });
    expect(used('2025-03', 'KRW')).toMatchObject({ perUsd: '1450.5', source: 'hq' });
    expect(used('2025-04', 'CNY')).toMatchObject(rateOf('CNY', '2025-04', HQ_FX));
    expect(used('2025-05', 'VND')).toMatchObject(rateOf('VND', '2025-05', HQ_FX));
    // Freshness: each office's last push.
    const fresh = new Map(h.freshness.map((f: { officeId: string }) => [f.officeId, f]));
    expect(fresh.get('tokyo')).toMatchObject({ lastPushAt: NOW, lastChangeAt: NOW });
    expect(fresh.get('losangeles')).toMatchObject({ lastPushAt: null, lastChangeAt: null });
  });

  it('falls back to the latest earlier HQ month after the built-in table ends', async () => {
    const h = await headline(hqAuth, { from: '2027-02', to: '2027-02' });
    expect(actual(h.current)).toEqual(expected(rows, '2027-02', '2027-02', null, HQ_FX));
    // ¥2,000,000 / 160 = $12,500.00; × 1500 = ₩18,750,000.
    expect(h.current.contracted).toMatchObject({ usdMinor: 1_250_000, krwMinor: 18_750_000 });
    expect(h.ratesUsed).toContainEqual(
      expect.objectContaining({
        month: '2027-02',
        currency: 'JPY',
        rateMonth: '2027-01',
        source: 'hq',
      }),
    );
  });

  it('per office × month rows add up to the headline and match the raw rows', async () => {
    const res = await report(hqAuth, REPORT_PATHS.officeMonths, { from: '2025-03', to: '2025-05' });
    expect(res.status).toBe(200);
    const cells = res.json.rows as Array<
      { officeId: string; month: string } & Parameters<typeof actual>[0]
    >;
    expect(cells.map((c) => `${c.officeId}/${c.month}`)).toEqual([
      'shanghai/2025-04',
      'shanghai/2025-05',
      'tokyo/2025-03',
      'tokyo/2025-05',
    ]);
    for (const c of cells) {
      expect(actual(c)).toEqual(expected(rows, c.month, c.month, [c.officeId], HQ_FX));
    }
    const h = await headline(hqAuth, { from: '2025-03', to: '2025-05' });
    const sum = (k: 'negotiated' | 'contracted' | 'actualExports', cur: 'usdMinor' | 'krwMinor') =>
      cells.reduce((a, c) => a + c[k][cur], 0);
    expect(sum('negotiated', 'krwMinor')).toBe(h.current.negotiated.krwMinor);
    expect(sum('contracted', 'usdMinor')).toBe(h.current.contracted.usdMinor);
  });

  it('an office device sees its own office only; another office is refused without saying whether it exists', async () => {
    const own = await headline(tokyoAuth, { from: '2025-03', to: '2025-05' });
    expect(own.officeIds).toEqual(['tokyo']);
    expect(actual(own.current)).toEqual(expected(rows, '2025-03', '2025-05', ['tokyo'], HQ_FX));
    expect(own.current.buyersMet).toBe(2);
    for (const officeIds of [['shanghai'], ['tokyo', 'shanghai'], ['atlantis']]) {
      for (const path of [REPORT_PATHS.headline, REPORT_PATHS.talks, REPORT_PATHS.topSmes]) {
        const res = await report(tokyoAuth, path, { from: '2025-03', to: '2025-05', officeIds });
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe('report_forbidden');
      }
    }
    const hist = await get(tokyoAuth, REPORT_PATHS.fxHistory);
    expect(hist.status).toBe(403);
    // HQ may choose offices; an unknown one is bad input.
    const two = await headline(hqAuth, { from: '2025-03', to: '2025-05', officeIds: ['shanghai'] });
    expect(actual(two.current)).toEqual(expected(rows, '2025-03', '2025-05', ['shanghai'], HQ_FX));
    const unknown = await report(hqAuth, REPORT_PATHS.headline, {
      from: '2025-03',
      to: '2025-05',
      officeIds: ['atlantis'],
    });
    expect(unknown.status).toBe(400);
    const anon = await report('Bearer nope', REPORT_PATHS.headline, {
      from: '2025-03',
      to: '2025-05',
    });
    expect(anon.status).toBe(401);
  });

  it('bad input gets 400 validation_failed and changes nothing', async () => {
    const before = await dump(hq);
    for (const body of [
      { from: '2025-05', to: '2025-03' },
      { from: '2025-13', to: '2025-14' },
      { from: '2025-01', to: '2025-02', extra: 1 },
      { from: '2015-01', to: '2025-02' },
      { from: '2025-01' },
      { from: '2025-01', to: '2025-02', currency: 'EUR' },
      { from: '2025-01', to: '2025-02', officeIds: [] },
      'not json at all',
    ]) {
      const res = await report(hqAuth, REPORT_PATHS.headline, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const drill = await report(hqAuth, REPORT_PATHS.talks, {
      from: '2025-01',
      to: '2025-02',
      limit: 10_000,
    });
    expect(drill.json.error.code).toBe('validation_failed');
    const hist = await get(hqAuth, `${REPORT_PATHS.fxHistory}?limit=abc`);
    expect(hist.status).toBe(400);
    expect(await dump(hq)).toEqual(before);
  });

  it('keeps the projection right through talk edits, deletes and buyer edits pushed by laptops', async () => {
    const check = async () => {
      for (const [from, to] of [
        ['2025-03', '2025-05'],
        ['2024-12', '2025-02'],
        // A whole calendar year (year tables), and a year plus edge months on both sides.
        ['2025-01', '2025-12'],
        ['2024-12', '2027-02'],
      ] as const) {
        const h = await headline(hqAuth, { from, to });
        expect(actual(h.current)).toEqual(expected(rows, from, to, null, HQ_FX));
        const t = await headline(tokyoAuth, { from, to });
        expect(actual(t.current)).toEqual(expected(rows, from, to, ['tokyo'], HQ_FX));
      }
    };
    const edit = async (
      auth: string,
      client: string,
      id: string,
      patch: Record<string, unknown>,
    ) => {
      const r = rows.find((x) => x.id === id)!;
      Object.assign(r.data, patch);
      const res = await pushRows(server, auth, client, [{ ...r, data: patch }], mids);
      expect(res.status).toBe(200);
    };
    // Sato in Shanghai turns out to be a Chinese company of the same name: no longer one buyer.
    await edit(shanghaiAuth, 'shanghai-client-1', 'B4', { country: 'CN' });
    rows.find((r) => r.id === 'B4')!.data._identity = 'sato-cn';
    await check();
    expect((await headline(hqAuth, { from: '2025-03', to: '2025-05' })).current.buyersMet).toBe(3);
    // A Tokyo talk moves to April and changes currency; another one is deleted.
    await edit(tokyoAuth, 'tokyo-client-1', 'T2', {
      startsAt: '2025-04-01T00:30:00.000Z',
      negotiated: money('KRW', 9_999_999),
    });
    await check();
    const t1 = rows.find((r) => r.id === 'T1')!;
    t1.deleted = true;
    expect((await pushRows(server, tokyoAuth, 'tokyo-client-1', [t1], mids)).status).toBe(200);
    await check();
    // Re-pointing Shanghai's Sato buyer to the Yamada website makes it Yamada.
    await edit(shanghaiAuth, 'shanghai-client-1', 'B4', { website: 'https://yamada-shoji.co.jp' });
    rows.find((r) => r.id === 'B4')!.data._identity = 'yamada';
    await check();
    // A talk pushed before its buyer counts under the buyer once the buyer arrives.
    const lateTalk = talk('tokyo', 'T8', 'B9', 'F1', '2025-05-20T01:00:00.000Z', 'Asia/Tokyo', {
      negotiated: ['JPY', 42],
    });
    rows.push(lateTalk);
    expect((await pushRows(server, tokyoAuth, 'tokyo-client-1', [lateTalk], mids)).status).toBe(
      200,
    );
    const lateBuyer = buyer('tokyo', 'B9', 'yamada', {
      nameNative: 'Yamada',
      country: 'JP',
      website: 'https://yamada-shoji.co.jp',
    });
    rows.push(lateBuyer);
    expect((await pushRows(server, tokyoAuth, 'tokyo-client-1', [lateBuyer], mids)).status).toBe(
      200,
    );
    await check();
    // The incremental read model equals a rebuild from the records.
    const incremental = await dump(hq);
    await withWriteTransaction(hq, (trx) => rebuildReports(trx, hq.dialect, NOW));
    const rebuilt = await dump(hq);
    expect(rebuilt.cells).toEqual(incremental.cells);
    expect(rebuilt.talks).toEqual(incremental.talks);
    expect(rebuilt.buyerMonths).toEqual(incremental.buyerMonths);
    await check();
  });

  it('drill-down lists the talks behind a figure, paged, with names and converted amounts', async () => {
    const first = await report(hqAuth, REPORT_PATHS.talks, {
      from: '2025-03',
      to: '2025-05',
      figure: 'contracted',
      limit: 1,
    });
    expect(first.status).toBe(200);
    expect(first.json.total).toBe(3); // T1, T3, T5
    expect(first.json.rows).toHaveLength(1);
    expect(first.json.nextOffset).toBe(1);
    const all = await report(hqAuth, REPORT_PATHS.talks, {
      from: '2025-03',
      to: '2025-05',
      figure: 'contracted',
    });
    expect(all.json.rows.map((r: { id: string }) => r.id)).toEqual(['T5', 'T3', 'T1']);
    const t3 = all.json.rows[1];
    expect(t3).toMatchObject({
      officeId: 'shanghai',
      buyerNameNative: '山田商事',
      smeFirmNameKo: '가야기계',
      stage: 'contract',
      month: '2025-04',
    });
    const v = toUsdKrw(50_055n, 'CNY', '2025-04', HQ_FX);
    expect(t3.contract).toEqual({
      amount: { currency: 'CNY', amountMinor: 50_055 },
      usdMinor: Number(v.usd),
      krwMinor: Number(v.krw),
    });
    const food = await report(hqAuth, REPORT_PATHS.talks, {
      from: '2025-03',
      to: '2025-05',
      industry: 'processed_food',
    });
    expect(food.json.rows.map((r: { id: string }) => r.id).sort()).toEqual(['T1', 'T2', 'T3']);
  });

  it('by industry, by buyer country and top SMEs match the raw rows', async () => {
    const ind = await report(hqAuth, REPORT_PATHS.byIndustry, { from: '2025-03', to: '2025-05' });
    const byKey = new Map(ind.json.rows.map((r: { key: string }) => [r.key, r]));
    // Talks count under each industry of their buyer; buyers without one are 'unspecified'.
    expect(byKey.get('processed_food')).toMatchObject({
      talksHeld: 3,
      buyersMet: 1,
      smeFirmsHelped: 1,
    });
    expect(byKey.get('beverages')).toMatchObject({ talksHeld: 2 });
    expect(byKey.get('unspecified')).toMatchObject({ talksHeld: 1 });
    expect(byKey.get('auto_parts')).toMatchObject({ talksHeld: 1 });
    const country = await report(hqAuth, REPORT_PATHS.byCountry, {
      from: '2025-03',
      to: '2025-05',
      currency: 'USD',
    });
    expect(country.json.rows).toHaveLength(1);
    expect(actual(country.json.rows[0])).toEqual(expected(rows, '2025-03', '2025-05', null, HQ_FX));
    const top = await report(hqAuth, REPORT_PATHS.topSmes, {
      from: '2024-12',
      to: '2025-05',
      currency: 'KRW',
    });
    expect(top.status).toBe(200);
    // Independent ranking by contract value in KRW.
    const perFirm = new Map<string, bigint>();
    for (const t of rows.filter((r) => r.tbl === 'tradeTalks')) {
      const m = monthOfTalk(t.data);
      const c = (
        t.data.contract as { amount: { amountMinor: number; currency: string } } | undefined
      )?.amount;
      if (!c || m < '2024-12' || m > '2025-05') continue;
      const firm = String(t.data.smeFirmId);
      perFirm.set(
        firm,
        (perFirm.get(firm) ?? 0n) + toUsdKrw(BigInt(c.amountMinor), c.currency, m, HQ_FX).krw,
      );
    }
    const ranking = [...perFirm].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0));
    expect(top.json.rows.map((r: { smeFirmId: string }) => r.smeFirmId)).toEqual(
      ranking.map(([f]) => f),
    );
    expect(
      top.json.rows.map((r: { contracted: { krwMinor: number } }) => r.contracted.krwMinor),
    ).toEqual(ranking.map(([, v]) => Number(v)));
    expect(top.json.rows[0]).toMatchObject({
      nameKo: expect.any(String),
      officeIds: expect.any(Array),
    });
  });

  it('interpreter and vehicle hours against available hours, delegations served', async () => {
    const when = (start: string, end: string) => ({
      start,
      end,
      timeZone: 'Asia/Tokyo',
      recurrence: null,
    });
    const extra: Row[] = [
      {
        tbl: 'interpreters',
        id: 'I1',
        office: 'tokyo',
        deleted: false,
        data: { officeId: 'tokyo', active: true },
      },
      {
        tbl: 'interpreters',
        id: 'I2',
        office: 'tokyo',
        deleted: false,
        data: { officeId: 'tokyo', active: false },
      },
      {
        tbl: 'vehicles',
        id: 'V1',
        office: 'tokyo',
        deleted: false,
        data: { officeId: 'tokyo', active: true },
      },
      {
        tbl: 'interpreterBookings',
        id: 'IB1',
        office: 'tokyo',
        deleted: false,
        data: {
          officeId: 'tokyo',
          interpreterId: 'I1',
          status: 'confirmed',
          purpose: 'delegation',
          requester: { kind: 'delegation', delegationId: 'D1', label: 'Gyeongnam mission' },
          ...when('2025-03-10T00:00:00.000Z', '2025-03-10T03:30:00.000Z'),
        },
      },
      {
        tbl: 'vehicleTrips',
        id: 'VT1',
        office: 'tokyo',
        deleted: false,
        data: {
          officeId: 'tokyo',
          vehicleId: 'V1',
          status: 'confirmed',
          purpose: 'delegation',
          requester: { kind: 'delegation', delegationId: 'D1', label: 'Gyeongnam mission' },
          ...when('2025-03-11T00:00:00.000Z', '2025-03-11T02:00:00.000Z'),
        },
      },
      {
        tbl: 'vehicleTrips',
        id: 'VT2',
        office: 'tokyo',
        deleted: false,
        data: {
          officeId: 'tokyo',
          vehicleId: 'V1',
          status: 'cancelled',
          purpose: 'other',
          ...when('2025-03-12T00:00:00.000Z', '2025-03-12T05:00:00.000Z'),
        },
      },
    ];
    expect((await pushRows(server, tokyoAuth, 'tokyo-client-1', extra, mids)).status).toBe(200);
    // March 2025 has 21 weekdays × 9 working hours per active resource.
    let weekdays = 0;
    for (let d = 1; d <= 31; d++)
      if (![0, 6].includes(new Date(Date.UTC(2025, 2, d)).getUTCDay())) weekdays++;
    const res = await report(hqAuth, REPORT_PATHS.utilization, {
      from: '2025-03',
      to: '2025-03',
      officeIds: ['tokyo'],
    });
    expect(res.status).toBe(200);
    expect(res.json.rows).toEqual([
      {
        officeId: 'tokyo',
        interpreterHours: {
          bookedHours: 3.5,
          availableHours: weekdays * 9,
          utilization: 3.5 / (weekdays * 9),
        },
        vehicleHours: {
          bookedHours: 2,
          availableHours: weekdays * 9,
          utilization: 2 / (weekdays * 9),
        },
        interpreters: 1,
        vehicles: 1,
        delegationsServed: 1,
      },
    ]);
    const h = await headline(hqAuth, { from: '2025-03', to: '2025-05' });
    expect(h.current.delegationsServed).toBe(1);
    expect(h.current.interpreterHours.bookedHours).toBe(3.5);
  });

  it('a broken read model never refuses a push (sync comes first)', async () => {
    await hq.db.schema.dropTable('report_talk_industries').execute();
    const logged: string[] = [];
    const original = console.error;
    console.error = (m: string) => logged.push(m);
    try {
      const t2 = rows.find((r) => r.id === 'T2')!;
      const res = await pushRows(
        server,
        tokyoAuth,
        'tokyo-client-1',
        [{ ...t2, data: { stage: 'lost' } }],
        mids,
      );
      expect(res.status).toBe(200);
      expect(res.json.applied).toBe(1);
    } finally {
      console.error = original;
    }
    const stored = await hq.db
      .selectFrom('records')
      .select('data')
      .where('office_id', '=', 'tokyo')
      .where('id', '=', 'T2')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.data).stage).toBe('lost');
    expect(logged.join('\n')).toMatch(/reports:rebuild/);
  });

  it('refuses fxRates changes from office devices and keeps HQ changes in a history', async () => {
    const before = await dump(hq);
    const refused = await pushRows(
      server,
      tokyoAuth,
      'tokyo-client-1',
      [
        {
          tbl: 'fxRates',
          id: '2025-03',
          office: null,
          deleted: false,
          data: { month: '2025-03', perUsd: { KRW: '1' } },
        },
      ],
      mids,
    );
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('fx_rates_hq_only');
    expect(await dump(hq)).toEqual(before);
    const bad = await pushRows(
      server,
      hqAuth,
      'hq-client-1',
      [
        {
          tbl: 'fxRates',
          id: '2025-04',
          office: null,
          deleted: false,
          data: { month: '2025-04', perUsd: { KRW: 'lots' } },
        },
      ],
      mids,
    );
    expect(bad.status).toBe(400);
    // HQ edits March's won rate: history has old and new; reports use the new rate.
    const ok = await pushRows(
      server,
      hqAuth,
      'hq-client-1',
      [
        {
          tbl: 'fxRates',
          id: '2025-03',
          office: null,
          deleted: false,
          data: { perUsd: { KRW: '1300', JPY: '140' } },
        },
      ],
      mids,
    );
    expect(ok.status).toBe(200);
    const hist = await get(hqAuth, `${REPORT_PATHS.fxHistory}?month=2025-03`);
    expect(hist.status).toBe(200);
    expect(hist.json.entries).toHaveLength(2);
    expect(hist.json.entries[0]).toMatchObject({
      month: '2025-03',
      changedAt: NOW,
      old: { id: '2025-03', month: '2025-03', perUsd: HQ_FX['2025-03'] },
      new: { id: '2025-03', month: '2025-03', perUsd: { KRW: '1300', JPY: '140' } },
    });
    expect(hist.json.entries[1]).toMatchObject({ old: null });
    const page = await get(hqAuth, `${REPORT_PATHS.fxHistory}?limit=2`);
    expect(page.json.entries).toHaveLength(2);
    expect(page.json.nextBefore).not.toBeNull();
    const newFx = { ...HQ_FX, '2025-03': { KRW: '1300', JPY: '140' } };
    const h = await headline(hqAuth, { from: '2025-03', to: '2025-05' });
    expect(actual(h.current)).toEqual(expected(rows, '2025-03', '2025-05', null, newFx));
  });
});

async function dump(hq: HqDatabase) {
  const all = <T extends string>(t: T) =>
    hq.db
      .selectFrom(t as 'records')
      .selectAll()
      .execute();
  const sortRows = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    records: sortRows(await all('records')),
    cells: sortRows(await all('report_money_cells')),
    talks: sortRows(
      (await hq.db.selectFrom('report_talks').selectAll().execute()).map(
        ({ buyer_kid: _b, firm_kid: _f, ...r }) => r,
      ),
    ),
    buyerMonths: (await hq.db.selectFrom('report_buyer_months').selectAll().execute()).length,
    history: sortRows(await all('fx_rate_history')),
  };
}
