import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_LOG_PATHS, sealEntry, type AccessEntry } from '@shared/audit';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { purgeAccessLog } from '../../../src-hq/audit/store';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { BACKENDS, PROTO, startServer, type TestServer } from '../hq/harness';
import { makeChain } from './helpers';

const NOW = 1_800_000_000_000; // 2027-01-15
const DAY = 24 * 60 * 60 * 1000;

describe.each(BACKENDS)('HQ access-record stream on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let hq: HqDatabase;
  let server: TestServer;
  let clock = NOW;

  beforeEach(async () => {
    clock = NOW;
    db = await backend.open();
    hq = db.hq;
    server = await startServer(hq, { now: () => clock });
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const push = (auth: string | null, entries: AccessEntry[]) =>
    server.post(ACCESS_LOG_PATHS.push, auth, { entries });
  const review = async (auth: string, query: Record<string, string>) => {
    const res = await server.app.inject({
      method: 'GET',
      url: `${ACCESS_LOG_PATHS.review}?${new URLSearchParams(query)}`,
      headers: { ...PROTO, authorization: auth },
    });
    return { status: res.statusCode, json: res.json() as any };
  };
  const stored = (deviceId: string) =>
    hq.db
      .selectFrom('access_entries')
      .select(['seq', 'office_id'])
      .where('device_id', '=', deviceId)
      .orderBy('seq')
      .execute();
  const flags = (deviceId: string) =>
    hq.db
      .selectFrom('access_chain_flags')
      .select(['seq', 'kind', 'missing'])
      .where('device_id', '=', deviceId)
      .orderBy('seq')
      .execute();

  it("stores a laptop's chain once, whatever the resends, under the office of its credential", async () => {
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    // The entries claim another office: HQ files them under the credential's.
    const chain = makeChain(6, { at: NOW - 1000 }).map((e) =>
      sealEntry({ ...e, officeId: 'shanghai', hash: undefined } as never),
    );
    // Re-chain after the edit above (the laptop wrote them this way).
    const rechained: AccessEntry[] = [];
    for (const e of chain) {
      const { hash: _h, ...body } = e;
      rechained.push(sealEntry({ ...body, prevHash: rechained.at(-1)?.hash ?? body.prevHash }));
    }
    const first = await push(tokyo.auth, rechained.slice(0, 4));
    expect(first).toMatchObject({
      status: 200,
      json: { stored: 4, duplicates: 0, flagged: 0, headSeq: 4 },
    });
    // A lost answer: the laptop sends 3..6 again.
    const again = await push(tokyo.auth, rechained.slice(2));
    expect(again.json).toEqual({ stored: 2, duplicates: 2, flagged: 0, headSeq: 6 });
    const rows = await stored(tokyo.deviceId);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(rows.map((r) => r.office_id))).toEqual(new Set(['tokyo']));
    expect(await flags(tokyo.deviceId)).toEqual([]);
  });

  it('refuses devices it does not know and bodies that are not entries', async () => {
    expect((await push(null, makeChain(1))).status).toBe(401);
    expect((await push('Bearer ' + 'x'.repeat(40), makeChain(1))).status).toBe(401);
    const tokyo = await server.enroll('tokyo');
    const bad = await server.post(ACCESS_LOG_PATHS.push, tokyo.auth, {
      entries: [{ ...makeChain(1)[0], action: 'steal' }],
    });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'validation_failed' } } });
    expect(await stored(tokyo.deviceId)).toEqual([]);
  });

  it('flags a gap, an edited entry, a broken link and a fork, and keeps what arrived', async () => {
    const tokyo = await server.enroll('tokyo');
    const chain = makeChain(10, { at: NOW - 5000 });
    await push(tokyo.auth, chain.slice(0, 3));
    // Entry 4 removed on the laptop: 5 arrives after 3.
    const gap = await push(tokyo.auth, [chain[4]!]);
    expect(gap.json).toMatchObject({ stored: 1, flagged: 1, headSeq: 5 });
    // Entry 6 edited after it was written (content no longer matches its hash).
    const edited = { ...chain[5]!, subjects: [{ kind: 'buyer' as const, ids: ['other'] }] };
    await push(tokyo.auth, [edited]);
    // Entry 7 re-hashed to point elsewhere: the link to 6 breaks.
    const { hash: _h, ...body7 } = chain[6]!;
    await push(tokyo.auth, [sealEntry({ ...body7, prevHash: 'f'.repeat(64) })]);
    // Entry 2 again, with different content: a fork; HQ keeps its first copy.
    const { hash: _h2, ...body2 } = chain[1]!;
    const fork = await push(tokyo.auth, [
      sealEntry({ ...body2, action: 'delete', object: 'buyer' }),
    ]);
    expect(fork.json).toMatchObject({ stored: 0, duplicates: 0, flagged: 1 });
    // The late entry 4 finally arrives: out of order.
    await push(tokyo.auth, [chain[3]!]);

    expect(
      (await flags(tokyo.deviceId)).map((f) => [
        Number(f.seq),
        f.kind,
        f.missing === null ? null : Number(f.missing),
      ]),
    ).toEqual([
      [2, 'fork', null],
      [4, 'reordered', null],
      [5, 'gap', 1],
      [6, 'edited', null],
      [7, 'broken_link', null],
    ]);
    expect((await stored(tokyo.deviceId)).map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const kept = await hq.db
      .selectFrom('access_entries')
      .select('action')
      .where('device_id', '=', tokyo.deviceId)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(kept.action).toBe(chain[1]!.action);

    // The review shows them to HQ, on the entries and as the chain list.
    const hqDevice = await server.enroll(null, 'Changwon desk');
    const res = await review(hqDevice.auth, { from: '2027-01-01', to: '2027-01-31' });
    expect(res.status).toBe(200);
    expect(res.json.chainFlags.map((f: any) => f.kind).sort()).toEqual([
      'broken_link',
      'edited',
      'fork',
      'gap',
      'reordered',
    ]);
    const five = res.json.entries.find((e: any) => e.seq === 5);
    expect(five.chainFlags).toEqual(['gap']);
  });

  it('lets only HQ devices review, filtered by office, person, action and period', async () => {
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    const shanghai = await server.enroll('shanghai', 'Shanghai 1');
    const hqDevice = await server.enroll(null, 'Changwon desk');
    await push(tokyo.auth, makeChain(5, { at: NOW }));
    await push(shanghai.auth, makeChain(3, { at: NOW + 60_000, deviceId: 'd-sh' }));
    expect((await review(tokyo.auth, { from: '2027-01-01', to: '2027-01-31' })).status).toBe(403);

    const all = await review(hqDevice.auth, { from: '2027-01-01', to: '2027-01-31' });
    expect(all.json.total).toBe(8);
    const onlyTokyo = await review(hqDevice.auth, {
      from: '2027-01-01',
      to: '2027-01-31',
      office: 'tokyo',
    });
    expect(onlyTokyo.json.entries.map((e: any) => e.deviceName)).toEqual(Array(5).fill('Tokyo 1'));
    const exports = await review(hqDevice.auth, {
      from: '2027-01-01',
      to: '2027-01-31',
      action: 'export',
    });
    expect(exports.json.entries).toHaveLength(1);
    expect(exports.json.entries[0]).toMatchObject({
      action: 'export',
      reasonCode: 'meeting_prep',
      subjectIds: ['b5'],
      staffName: 'Kim Minji',
    });
    const person = await review(hqDevice.auth, {
      from: '2027-01-01',
      to: '2027-01-31',
      staff: 'Nobody',
    });
    expect(person.json.total).toBe(0);
    const outside = await review(hqDevice.auth, { from: '2027-02-01', to: '2027-02-28' });
    expect(outside.json.total).toBe(0);
    expect(
      (await review(hqDevice.auth, { from: '2027-01-01', to: '2027-01-31', office: 'nowhere' }))
        .status,
    ).toBe(400);
  });

  it('marks a month reviewed with who, when and the note; office devices may not', async () => {
    const tokyo = await server.enroll('tokyo');
    const hqDevice = await server.enroll(null, 'Changwon desk');
    const body = { month: '2027-01', officeId: 'tokyo', note: 'Two large exports checked' };
    expect((await server.post(ACCESS_LOG_PATHS.reviews, tokyo.auth, body)).status).toBe(403);
    const marked = await server.post(ACCESS_LOG_PATHS.reviews, hqDevice.auth, body);
    expect(marked).toMatchObject({
      status: 200,
      json: { ...body, reviewer: 'Changwon desk', reviewedAt: NOW },
    });
    clock = NOW + 1000;
    await server.post(ACCESS_LOG_PATHS.reviews, hqDevice.auth, {
      ...body,
      note: 'Rechecked',
      reviewer: 'Park Jiwon',
    });
    const list = await server.app.inject({
      method: 'GET',
      url: ACCESS_LOG_PATHS.reviews,
      headers: { ...PROTO, authorization: hqDevice.auth },
    });
    expect(list.json().reviews).toEqual([
      {
        month: '2027-01',
        officeId: 'tokyo',
        reviewedAt: NOW + 1000,
        reviewer: 'Park Jiwon',
        note: 'Rechecked',
      },
    ]);
  });

  it('purges records past the retention period and keeps verifying the chain after it', async () => {
    const tokyo = await server.enroll('tokyo');
    const chain = makeChain(4, { at: NOW - 800 * DAY });
    // Two old entries, two recent ones (same chain).
    const recent = chain;
    await push(tokyo.auth, recent.slice(0, 2));
    const young = makeChain(2, {
      start: 3,
      at: NOW - 10 * DAY,
      prevHash: recent[1]!.hash,
    });
    await push(tokyo.auth, young);
    expect(await purgeAccessLog(hq, NOW)).toEqual({ entries: 2, flags: 0 });
    expect((await stored(tokyo.deviceId)).map((r) => Number(r.seq))).toEqual([3, 4]);
    // A shorter period purges more; nothing newer than it goes.
    expect(await purgeAccessLog(hq, NOW, 365)).toEqual({ entries: 0, flags: 0 });
    // The chain head survived: the next entry is verified against entry 4, no flag.
    const next = makeChain(1, { start: 5, at: NOW, prevHash: young[1]!.hash });
    expect((await push(tokyo.auth, next)).json).toMatchObject({
      stored: 1,
      flagged: 0,
      headSeq: 5,
    });
  });

  it('a relink (the old credential handed over) revokes the old device and continues its chain', async () => {
    const old = await server.enroll('tokyo', 'Tokyo 1');
    const chain = makeChain(5, { at: NOW - 1000 });
    expect((await push(old.auth, chain.slice(0, 3))).json).toMatchObject({ headSeq: 3 });
    const code = await createEnrollmentCode(hq, 'tokyo', clock);
    const res = await server.post('/v1/enroll', null, {
      code,
      deviceName: 'Tokyo 1',
      replaces: old.auth.slice('Bearer '.length),
    });
    expect(res.status).toBe(200);
    expect(res.json.replaced).toEqual({ deviceId: old.deviceId, accessLogSeq: 3 });
    const auth = `Bearer ${res.json.credential as string}`;
    // The old link is over; the new device continues after entry 3, verified, no flag.
    expect((await push(old.auth, chain.slice(3))).status).toBe(401);
    expect((await push(auth, chain.slice(3))).json).toEqual({
      stored: 2,
      duplicates: 0,
      flagged: 0,
      headSeq: 5,
    });
    expect(await flags(res.json.deviceId as string)).toEqual([]);
    // A credential HQ does not know replaces nothing.
    const other = await server.post('/v1/enroll', null, {
      code: await createEnrollmentCode(hq, 'tokyo', clock),
      deviceName: 'Tokyo 2',
      replaces: 'x'.repeat(43),
    });
    expect(other.status).toBe(200);
    expect(other.json.replaced).toBeUndefined();
  });
});
