/**
 * Issue 16, items 13-15 and per-field validation: what a hostile or buggy laptop can push.
 * Every case runs against a real HQ on SQLite and on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import type { Mutation } from '@shared/sync/protocol';
import { MAX_VALUE_DEPTH } from '@shared/sync/json-value';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { withWriteTransaction } from '../../../src-hq/db/transaction';
import { isRecordIdClash, upsertRecords } from '../../../src-hq/repositories/records';
import { registryFor } from '../../../src-hq/server';
import { BACKENDS, PROTO, snapshot, startServer, type TestServer } from './harness';
import { APP_LOCK_POLICY_ID } from '../../../src-shared/security/app-lock';

const NOW = 1_800_000_000_000;
const t = (offsetMs: number, node = 'aaaaaaaaaaaaaaaa') =>
  formatHlc({ millis: NOW + offsetMs, counter: 0, node });

const note = (mid: number, id: string, fields: Mutation['fields'], extra: Partial<Mutation> = {}) =>
  ({ mid, tbl: 'test_notes', id, fields, ...extra }) as Mutation;

/** `[[[…0…]]]` nested `depth` levels (built as text: no recursion anywhere). */
const nestedJson = (depth: number) => '['.repeat(depth) + '0' + ']'.repeat(depth);

describe.each(BACKENDS)('HQ push hardening on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let hq: HqDatabase;
  let server: TestServer;

  beforeEach(async () => {
    db = await backend.open();
    hq = db.hq;
    // The production tables and the test tables, as HQ_TEST_TABLES=1 serves them.
    server = await startServer(hq, { now: () => NOW, registry: registryFor(true) });
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const push = (auth: string, clientId: string, mutations: unknown[]) =>
    server.post('/v1/push', auth, { clientId, mutations });
  const pushRaw = async (auth: string, payload: string | Buffer) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { ...PROTO, authorization: auth, 'content-type': 'application/json' },
      payload,
    });
    return { status: res.statusCode, json: res.json() };
  };
  const pull = (auth: string, clientId: string) =>
    server.post('/v1/pull', auth, { clientId, cursors: {} });
  const rowsOf = (res: { json: any }, partition: string) =>
    (res.json.partitions as any[]).find((p) => p.partition === partition)?.rows ?? [];

  describe('record ids are unique per table across offices (item 13)', () => {
    it('refuses another office a record id already used, with or without officeId; nothing changes', async () => {
      const shanghai = await server.enroll('shanghai');
      const tokyo = await server.enroll('tokyo');
      const hqDevice = await server.enroll(null);
      await push(shanghai.auth, 'client-ssss', [
        note(1, 'b-1', { text: ['Shanghai buyer', t(0)] }),
      ]);
      const before = await snapshot(hq);
      for (const extra of [{}, { officeId: 'tokyo' }]) {
        const res = await push(tokyo.auth, 'client-tttt', [
          note(1, 'b-1', { text: ['Tokyo overwrite', t(10)] }, extra),
        ]);
        expect(res.status).toBe(409);
        expect(res.json.error).toMatchObject({
          code: 'id_taken',
          details: { table: 'test_notes', id: 'b-1' },
        });
      }
      // HQ writing the id into another office is refused too.
      const viaHq = await push(hqDevice.auth, 'client-hqhq', [
        note(1, 'b-1', { text: ['HQ into Tokyo', t(10)] }, { officeId: 'tokyo' }),
      ]);
      expect(viaHq.json.error.code).toBe('id_taken');
      // One push cannot put one id into two offices either.
      const twice = await push(hqDevice.auth, 'client-hqhq', [
        note(1, 'x-1', { text: ['a', t(10)] }, { officeId: 'tokyo' }),
        note(2, 'x-1', { text: ['b', t(10)] }, { officeId: 'chengdu' }),
      ]);
      expect(twice.json.error.code).toBe('id_taken');
      expect(await snapshot(hq)).toEqual(before);
      // HQ's laptops hold exactly one row per id: Shanghai's.
      const all = await pull(hqDevice.auth, 'client-hqhq');
      expect(rowsOf(all, 'tokyo')).toEqual([]);
      expect(rowsOf(all, 'shanghai').map((r: any) => [r.id, r.data.text])).toEqual([
        ['b-1', 'Shanghai buyer'],
      ]);
      // The owner keeps editing it; the same id in ANOTHER table is a different record.
      expect(
        (await push(shanghai.auth, 'client-ssss', [note(2, 'b-1', { text: ['edited', t(20)] })]))
          .status,
      ).toBe(200);
      expect(
        (
          await push(tokyo.auth, 'client-tttt', [
            { mid: 1, tbl: 'test_bookings', id: 'b-1', fields: { seats: [2, t(0)] } },
          ])
        ).status,
      ).toBe(200);
    });

    it('keeps a deleted record id taken', async () => {
      const shanghai = await server.enroll('shanghai');
      const tokyo = await server.enroll('tokyo');
      await push(shanghai.auth, 'client-ssss', [
        note(1, 'gone', { text: ['x', t(0)] }, { deleted: [true, t(1)] }),
      ]);
      const res = await push(tokyo.auth, 'client-tttt', [note(1, 'gone', { text: ['y', t(5)] })]);
      expect(res.json.error.code).toBe('id_taken');
    });

    it('two offices pushing the same new id concurrently: exactly one wins', async () => {
      // Two server processes over one database, as HQ runs them on PostgreSQL.
      const server2 = await startServer(await db.again(), {
        now: () => NOW,
        registry: registryFor(true),
      });
      try {
        const tokyo = await server.enroll('tokyo');
        const shanghai = await server2.enroll('shanghai');
        const ids = Array.from({ length: 12 }, (_, i) => `race-${i}`);
        // One client id per push, so no push is a replay of another.
        const results = await Promise.all(
          ids.flatMap((id) => [
            server.post('/v1/push', tokyo.auth, {
              clientId: `client-t-${id}`,
              mutations: [note(1, id, { text: ['tokyo', t(0)] })],
            }),
            server2.post('/v1/push', shanghai.auth, {
              clientId: `client-s-${id}`,
              mutations: [note(1, id, { text: ['shanghai', t(0)] })],
            }),
          ]),
        );
        const rows = await hq.db
          .selectFrom('records')
          .select(['office_id', 'id'])
          .where('tbl', '=', 'test_notes')
          .execute();
        expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
        ids.forEach((id, i) => {
          const [tk, sh] = [results[2 * i]!, results[2 * i + 1]!];
          expect([tk.status, sh.status].sort(), id).toEqual([200, 409]);
          const loser = tk.status === 409 ? tk : sh;
          expect(loser.json.error.code).toBe('id_taken');
          const winner = tk.status === 200 ? 'tokyo' : 'shanghai';
          expect(rows.find((r) => r.id === id)!.office_id).toBe(winner);
        });
      } finally {
        await server2.app.close();
      }
    });

    it('the database itself refuses a second office row for an id (unique index, not only a check)', async () => {
      const write = (officeId: string, seq: number) =>
        withWriteTransaction(hq, (trx) =>
          upsertRecords(trx, [
            {
              officeId,
              tbl: 'test_notes',
              id: 'dup',
              state: {
                data: { text: officeId },
                hlc: { text: t(0) },
                deleted: false,
                deletedHlc: null,
              },
              seq,
              now: NOW,
            },
          ]),
        );
      await write('tokyo', 1);
      const err = await write('shanghai', 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(isRecordIdClash(err)).not.toBeNull();
    });
  });

  describe('demo records (item 1: sample data never reaches HQ)', () => {
    it('refuses a demo id with 400 demo_record naming table and id, from any device; nothing changes', async () => {
      const tokyo = await server.enroll('tokyo');
      const hqDevice = await server.enroll(null);
      const before = await snapshot(hq);
      const cases: Array<[auth: string, m: Mutation[]]> = [
        [tokyo.auth, [note(1, 'demo-buyer-1', { text: ['sample', t(0)] })]],
        // A real change next to it does not get through either: the push is one transaction.
        [
          tokyo.auth,
          [
            note(1, 'real-1', { text: ['real', t(0)] }),
            note(2, 'demo-talk-7', { text: ['sample', t(0)] }),
          ],
        ],
        [
          hqDevice.auth,
          [note(1, 'demo-buyer-1', { text: ['sample', t(0)] }, { officeId: 'tokyo' })],
        ],
        // A deletion of a demo record, and a production table, are refused the same way.
        [tokyo.auth, [note(1, 'demo-x', {}, { deleted: [true, t(0)] })]],
        [tokyo.auth, [{ mid: 1, tbl: 'buyers', id: 'demo-b-3', fields: {} } as Mutation]],
      ];
      for (const [auth, mutations] of cases) {
        const res = await push(auth, 'client-aaaa', mutations);
        const demo = mutations.find((m) => m.id.startsWith('demo-'))!;
        expect({ status: res.status, code: res.json.error.code }).toEqual({
          status: 400,
          code: 'demo_record',
        });
        expect(res.json.error.details).toEqual({ table: demo.tbl, id: demo.id });
        expect(res.json.error.message).toContain(`${demo.tbl}/${demo.id}`);
      }
      expect(await snapshot(hq)).toEqual(before);
      // Only the prefix marks a demo record: an id that merely contains it is a real one.
      const ok = await push(tokyo.auth, 'client-aaaa', [
        note(1, 'x-demo-1', { text: ['real', t(0)] }),
        note(2, 'Demo-2', { text: ['real', t(0)] }),
      ]);
      expect(ok.status).toBe(200);
      expect(ok.json.applied).toBe(2);
    });
  });

  describe('values (items 14 and 15)', () => {
    it('answers 400 value_too_deep, not 500, for a value nested thousands of levels; nothing changes', async () => {
      const a = await server.enroll('tokyo');
      await push(a.auth, 'client-aaaa', [note(1, 'n0', { text: ['x', t(0)] })]);
      const before = await snapshot(hq);
      for (const depth of [MAX_VALUE_DEPTH + 1, 2_500, 200_000]) {
        const body = `{"clientId":"client-aaaa","mutations":[{"mid":2,"tbl":"test_notes","id":"deep","fields":{"v":[${nestedJson(depth)},"${t(0)}"]}}]}`;
        const res = await pushRaw(a.auth, body);
        expect({ depth, status: res.status, code: res.json.error.code }).toEqual({
          depth,
          status: 400,
          code: 'value_too_deep',
        });
        expect(res.json.error.details).toEqual({ table: 'test_notes', id: 'deep', field: 'v' });
      }
      expect(await snapshot(hq)).toEqual(before);
      const ok = await pushRaw(
        a.auth,
        `{"clientId":"client-aaaa","mutations":[{"mid":2,"tbl":"test_notes","id":"deep","fields":{"v":[${nestedJson(MAX_VALUE_DEPTH)},"${t(0)}"]}}]}`,
      );
      expect(ok.status).toBe(200);
    });

    it('accepts and round-trips fields named like Object.prototype members', async () => {
      const a = await server.enroll('tokyo');
      const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
      const fields: Mutation['fields'] = Object.fromEntries(
        names.map((n) => [n, [`value of ${n}`, t(0)] as [unknown, string]]),
      );
      const first = await push(a.auth, 'client-aaaa', [note(1, 'proto', fields)]);
      expect(first.status).toBe(200);
      // Merge per field: a later stamp wins, an older one loses, the others stay.
      const second = await push(a.auth, 'client-aaaa', [
        note(
          2,
          'proto',
          Object.fromEntries([
            ['constructor', ['newer', t(10)]],
            ['toString', ['older', t(-10)]],
          ]) as Mutation['fields'],
        ),
      ]);
      expect(second.status).toBe(200);
      const [row] = rowsOf(await pull(a.auth, 'client-aaaa'), 'tokyo');
      expect(row.data).toEqual({
        constructor: 'newer',
        toString: 'value of toString',
        valueOf: 'value of valueOf',
        hasOwnProperty: 'value of hasOwnProperty',
        isPrototypeOf: 'value of isPrototypeOf',
      });
      // In a field group too (half a group is still refused).
      const grouped = await push(a.auth, 'client-aaaa', [
        {
          mid: 3,
          tbl: 'test_bookings',
          id: 'bk',
          fields: {
            date: ['2026-12-07', t(0)],
            start: ['09:00', t(0)],
            end: ['10:00', t(0)],
            constructor: [1, t(0)],
          },
        },
      ]);
      expect(grouped.status).toBe(200);
      const half = await push(a.auth, 'client-aaaa', [
        { mid: 4, tbl: 'test_bookings', id: 'bk', fields: { date: ['2026-12-08', t(5)] } },
      ]);
      expect(half.json.error.code).toBe('group_incomplete');
      // `__proto__` is never a field (reserved `_` prefix; the JSON parser refuses it): 400.
      const proto = await pushRaw(
        a.auth,
        `{"clientId":"client-aaaa","mutations":[{"mid":5,"tbl":"test_notes","id":"p","fields":{"__proto__":["x","${t(0)}"]}}]}`,
      );
      expect(proto.status).toBe(400);
    });

    it('refuses invalid UTF-8, numbers JSON cannot hold (1e400) and unsafe integers (> 2^53) with 400; nothing changes', async () => {
      const a = await server.enroll('tokyo');
      await push(a.auth, 'client-aaaa', [note(1, 'n0', { text: ['x', t(0)] })]);
      const before = await snapshot(hq);
      const body = (value: string, mid = 2, id = 'n1') =>
        `{"clientId":"client-aaaa","mutations":[{"mid":${mid},"tbl":"test_notes","id":"${id}","fields":{"v":[${value},"${t(0)}"]}}]}`;
      const utf8 = Buffer.from(body('"caf\u00e9"'), 'utf8');
      // Replace the é (0xC3 0xA9) with a lone continuation byte.
      const at = utf8.indexOf(0xc3);
      const broken = Buffer.concat([
        utf8.subarray(0, at),
        Buffer.from([0xa9]),
        utf8.subarray(at + 2),
      ]);
      const bad = await pushRaw(a.auth, broken);
      expect({ status: bad.status, code: bad.json.error.code }).toEqual({
        status: 400,
        code: 'invalid_utf8',
      });
      for (const value of ['1e400', '-1e400', '[1, {"x": 1e999}]']) {
        const res = await pushRaw(a.auth, body(value));
        expect({ value, status: res.status, code: res.json.error.code }).toEqual({
          value,
          status: 400,
          code: 'number_not_finite',
        });
      }
      // Beyond ±(2^53 − 1) JSON.parse alters the number (…993 reads as …992): refused too.
      for (const value of ['9007199254740993', '-9007199254740993', '{"a": [1e20]}']) {
        const res = await pushRaw(a.auth, body(value));
        expect({ value, status: res.status, code: res.json.error.code }).toEqual({
          value,
          status: 400,
          code: 'number_unsafe',
        });
      }
      expect(await snapshot(hq)).toEqual(before);
      // The largest exact integer is stored as sent.
      expect((await pushRaw(a.auth, body('9007199254740991', 2, 'n2'))).status).toBe(200);
      const exact = rowsOf(await pull(a.auth, 'client-aaaa'), 'tokyo').find(
        (r: any) => r.id === 'n2',
      );
      expect(exact.data.v).toBe(Number.MAX_SAFE_INTEGER);
      // Valid UTF-8 (all five languages' scripts) is stored as sent.
      const text = '株式会社山田商事 · 上海浦东 · (주)한빛농산 · Bình Minh';
      expect(
        (await pushRaw(a.auth, Buffer.from(body(JSON.stringify(text), 3), 'utf8'))).status,
      ).toBe(200);
      const row = rowsOf(await pull(a.auth, 'client-aaaa'), 'tokyo').find(
        (r: any) => r.id === 'n1',
      );
      expect(row.data.v).toBe(text);
    });
  });

  describe('per-field validation from the domain schemas', () => {
    // One value the app itself would refuse, per synced table (shared tables: no officeId).
    const BAD: Array<[table: string, field: string, value: unknown, hq?: boolean]> = [
      ['buyers', 'country', 'Japan'],
      ['contacts', 'emails', ['not an email']],
      ['smeFirms', 'businessRegistrationNumber', '123'],
      ['tradeTalks', 'startsAt', 'next Tuesday'],
      ['fxRates', 'perUsd', { KRW: 'lots' }, true],
      ['interpreters', 'languagePairs', 'ko-ja'],
      ['vehicles', 'seats', 0],
      ['drivers', 'name', { native: '', latin: 'X', script: 'latin' }],
      ['interpreterBookings', 'status', 'maybe'],
      ['vehicleTrips', 'passengers', -1],
      ['duplicateDismissals', 'buyerIds', ['only-one']],
      ['missions', 'name', ''],
      ['missionParticipants', 'smeFirmId', 42],
      ['missionRequests', 'priority', 'urgent'],
      ['missionMeetings', 'status', 'maybe'],
      ['missionPlaces', 'kind', 'castle'],
      ['travelOverrides', 'minutes', -5],
      ['securityPolicies', 'idleMinutes', 0, true],
      // (Never pushed at all: erasure_hq_only; a bad value is refused first.)
      ['erasures', 'erasedAt', 'yesterday'],
    ];

    it('covers every production table', () => {
      const tables = registryFor(false).tables.map((tb) => tb.name);
      expect(BAD.map(([tb]) => tb).sort()).toEqual([...tables].sort());
      for (const tb of registryFor(false).tables) {
        expect(Object.keys(tb.fields ?? {}).length, tb.name).toBeGreaterThan(0);
      }
    });

    it.each(BAD)(
      '%s: refuses a bad %s naming table, id and field; nothing changes',
      async (tbl, field, value, byHq) => {
        const device = await server.enroll(byHq ? null : 'tokyo');
        const before = await snapshot(hq);
        // fxRates and securityPolicies take only their own ids (a month, the known policies).
        const id =
          tbl === 'fxRates'
            ? '2026-12'
            : tbl === 'securityPolicies'
              ? APP_LOCK_POLICY_ID
              : `${tbl}-1`;
        const res = await push(device.auth, 'client-aaaa', [
          { mid: 1, tbl, id, fields: { [field]: [value, t(0)] } },
        ]);
        expect({ status: res.status, code: res.json.error.code }).toEqual({
          status: 400,
          code: 'validation_failed',
        });
        expect(res.json.error.details).toEqual({ table: tbl, id, field });
        expect(res.json.error.message).toContain(`${tbl}/${id} field ${field}`);
        expect(await snapshot(hq)).toEqual(before);
      },
    );
  });
});
