import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import type { Mutation } from '@shared/sync/protocol';
import { sha256Hex } from '../../../src-hq/auth';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { withWriteTransaction } from '../../../src-hq/db/transaction';
import { listDevices, revokeDevice } from '../../../src-hq/repositories/devices';
import { rotateEpoch } from '../../../src-hq/repositories/offices';
import { purgeTombstones } from '../../../src-hq/repositories/records';
import { BACKENDS, PROTO, snapshot, startServer, type TestServer } from './harness';

const NOW = 1_800_000_000_000;
const NODE_A = 'aaaaaaaaaaaaaaaa';
const NODE_B = 'bbbbbbbbbbbbbbbb';
const t = (offsetMs: number, node = NODE_A, counter = 0) =>
  formatHlc({ millis: NOW + offsetMs, counter, node });

const note = (mid: number, id: string, fields: Mutation['fields'], extra: Partial<Mutation> = {}) =>
  ({ mid, tbl: 'test_notes', id, fields, ...extra }) as Mutation;

describe.each(BACKENDS)('HQ server on $name', (backend) => {
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

  const push = (auth: string, clientId: string, mutations: unknown[]) =>
    server.post('/v1/push', auth, { clientId, mutations });
  const pull = (auth: string, clientId: string, cursors: object = {}, limit?: number) =>
    server.post('/v1/pull', auth, { clientId, cursors, ...(limit ? { limit } : {}) });
  const rowsOf = (res: { json: any }, partition: string) =>
    (res.json.partitions as any[]).find((p) => p.partition === partition)?.rows ?? [];

  describe('protocol and credentials', () => {
    it('refuses a missing protocol version and answers 426 to a too-old client', async () => {
      const noHeader = await server.app.inject({ method: 'POST', url: '/v1/pull', payload: {} });
      expect(noHeader.statusCode).toBe(400);
      expect(noHeader.json().error.code).toBe('protocol_version_missing');
      const old = await server.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: { 'bridgehead-protocol': '0' },
        payload: {},
      });
      expect(old.statusCode).toBe(426);
      expect(old.json().error.code).toBe('client_too_old');
      const health = await server.app.inject({ method: 'GET', url: '/v1/health' });
      expect(health.json()).toMatchObject({ ok: true, protocolVersion: 1 });
    });

    it('enrolls once per code, stores only the credential hash, refuses reuse and expiry', async () => {
      const { createEnrollmentCode } = await import('../../../src-hq/auth');
      const code = await createEnrollmentCode(hq, 'tokyo', clock);
      const first = await server.post('/v1/enroll', null, { code, deviceName: 'Tokyo laptop 1' });
      expect(first.status).toBe(200);
      expect(first.json.officeId).toBe('tokyo');
      expect(Buffer.from(first.json.credential, 'base64url')).toHaveLength(32);
      const stored = await hq.db.selectFrom('devices').selectAll().execute();
      expect(stored[0]!.credential_hash).toBe(sha256Hex(first.json.credential));
      expect(JSON.stringify(stored)).not.toContain(first.json.credential);
      const again = await server.post('/v1/enroll', null, { code, deviceName: 'thief' });
      expect(again.status).toBe(401);
      expect(again.json.error.code).toBe('enrollment_code_invalid');
      const short = await createEnrollmentCode(hq, 'tokyo', clock, 1000);
      clock += 2000;
      const expired = await server.post('/v1/enroll', null, { code: short, deviceName: 'late' });
      expect(expired.json.error.code).toBe('enrollment_code_invalid');
      expect(await hq.db.selectFrom('devices').selectAll().execute()).toHaveLength(1);
    });

    it('refuses forged and revoked credentials and changes nothing', async () => {
      const a = await server.enroll('tokyo');
      const forged = await push('Bearer ' + 'x'.repeat(43), 'client-0001', [
        note(1, 'n1', { text: ['x', t(0)] }),
      ]);
      expect(forged.status).toBe(401);
      expect(forged.json.error.code).toBe('unauthorized');
      const none = await server.post('/v1/pull', null, { clientId: 'client-0001' });
      expect(none.json.error.code).toBe('unauthorized');
      await revokeDevice(hq.db, a.deviceId);
      const before = await snapshot(hq);
      const revoked = await push(a.auth, 'client-0001', [note(1, 'n1', { text: ['x', t(0)] })]);
      expect(revoked.status).toBe(401);
      expect(revoked.json.error.code).toBe('device_revoked');
      expect((await pull(a.auth, 'client-0001')).json.error.code).toBe('device_revoked');
      expect(await snapshot(hq)).toEqual(before);
    });
    it('answers CORS preflights and tags responses for browsers (renderer on another origin)', async () => {
      const pre = await server.app.inject({
        method: 'OPTIONS',
        url: '/v1/push',
        headers: {
          origin: 'http://127.0.0.1:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, bridgehead-protocol',
        },
      });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe('*');
      expect(String(pre.headers['access-control-allow-headers'])).toContain('bridgehead-protocol');
      const res = await server.app.inject({
        method: 'GET',
        url: '/v1/health',
        headers: { origin: 'http://127.0.0.1:5173' },
      });
      expect(res.headers['access-control-allow-origin']).toBe('*');
      // A restricted list answers only its own origins.
      await server.app.close();
      server = await startServer(hq, { now: () => clock, corsOrigins: ['app://bridgehead'] });
      const other = await server.app.inject({
        method: 'GET',
        url: '/v1/health',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const ours = await server.app.inject({
        method: 'GET',
        url: '/v1/health',
        headers: { origin: 'app://bridgehead' },
      });
      expect(ours.headers['access-control-allow-origin']).toBe('app://bridgehead');
    });

    it('tells a device its office and readable partitions', async () => {
      const tokyo = await server.enroll('tokyo');
      const hqDevice = await server.enroll(null);
      const get = (auth: string) =>
        server.app.inject({
          method: 'GET',
          url: '/v1/session',
          headers: { ...PROTO, authorization: auth },
        });
      expect((await get(tokyo.auth)).json()).toMatchObject({
        deviceId: tokyo.deviceId,
        officeId: 'tokyo',
        partitions: ['_shared', 'tokyo'],
      });
      const all = (await get(hqDevice.auth)).json();
      expect(all.officeId).toBeNull();
      expect(all.partitions).toEqual(
        expect.arrayContaining(['_shared', 'tokyo', 'shanghai', 'losangeles', 'hq']),
      );
      expect((await get('Bearer nope')).statusCode).toBe(401);
    });

    it('rate-limits enrollment attempts with 429 rate_limited', async () => {
      await server.app.close();
      server = await startServer(hq, { now: () => clock, enrollRateLimitPerMinute: 3 });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await server.post('/v1/enroll', null, {
          code: 'AAAA-BBBB-CCCC-DDDD',
          deviceName: 'guess',
        });
        codes.push(res.status);
        if (res.status === 429) expect(res.json.error.code).toBe('rate_limited');
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    });
  });

  describe('push', () => {
    it('is idempotent: the same push twice changes nothing', async () => {
      const a = await server.enroll('tokyo');
      const muts = [
        note(1, 'n1', { officeId: ['tokyo', t(0)], text: ['hello', t(0)] }),
        note(2, 'n2', { officeId: ['tokyo', t(1)], text: ['world', t(1)] }),
        note(3, 'n1', { text: ['hello again', t(2)] }),
      ];
      const first = await push(a.auth, 'client-0001', muts);
      expect(first.json).toMatchObject({ lastMutationId: 3, applied: 2 });
      const after = await snapshot(hq);
      const second = await push(a.auth, 'client-0001', muts);
      expect(second.status).toBe(200);
      expect(second.json).toMatchObject({ lastMutationId: 3, applied: 0 });
      expect(await snapshot(hq)).toEqual(after);
      // A resend that overlaps (lost ack) applies only the new tail.
      const overlap = await push(a.auth, 'client-0001', [
        ...muts,
        note(4, 'n2', { text: ['!', t(3)] }),
      ]);
      expect(overlap.json).toMatchObject({ lastMutationId: 4, applied: 1 });
    });

    it('merges per field by HLC: different fields both survive, a stale edit loses', async () => {
      const a = await server.enroll('tokyo');
      const b = await server.enroll('tokyo');
      await push(a.auth, 'client-aaaa', [
        note(1, 'n1', { officeId: ['tokyo', t(0)], text: ['A', t(0)], color: ['red', t(0)] }),
      ]);
      await push(b.auth, 'client-bbbb', [note(1, 'n1', { color: ['blue', t(10, NODE_B)] })]);
      await push(a.auth, 'client-aaaa', [note(2, 'n1', { text: ['A2', t(20)] })]);
      // An offline edit stamped before B's arrives last and must lose.
      await push(a.auth, 'client-aaaa', [note(3, 'n1', { color: ['green', t(5)] })]);
      const rows = rowsOf(await pull(a.auth, 'client-aaaa'), 'tokyo');
      expect(rows).toHaveLength(1);
      expect(rows[0].data).toEqual({ officeId: 'tokyo', text: 'A2', color: 'blue' });
    });

    it('moves a field group as one register and refuses half a group', async () => {
      const a = await server.enroll('tokyo');
      const bad = await push(a.auth, 'client-aaaa', [
        { mid: 1, tbl: 'test_bookings', id: 'b1', fields: { start: ['09:00', t(0)] } },
      ]);
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('group_incomplete');
    });

    it('delete wins over a later edit; a restore at a higher HLC brings the record back', async () => {
      const a = await server.enroll('tokyo');
      await push(a.auth, 'client-aaaa', [
        note(1, 'n1', { officeId: ['tokyo', t(0)], text: ['x', t(0)] }),
        note(2, 'n1', {}, { deleted: [true, t(10)] }),
        note(3, 'n1', { text: ['edited offline', t(20, NODE_B)] }),
      ]);
      let row = rowsOf(await pull(a.auth, 'client-aaaa'), 'tokyo')[0];
      expect(row.deleted).toBe(true);
      await push(a.auth, 'client-aaaa', [note(4, 'n1', {}, { deleted: [false, t(5)] })]);
      row = rowsOf(await pull(a.auth, 'client-aaaa'), 'tokyo')[0];
      expect(row.deleted).toBe(true);
      await push(a.auth, 'client-aaaa', [note(5, 'n1', {}, { deleted: [false, t(30)] })]);
      row = rowsOf(await pull(a.auth, 'client-aaaa'), 'tokyo')[0];
      expect(row.deleted).toBe(false);
      expect(row.data.text).toBe('edited offline');
    });

    it('refuses stamps more than 5 minutes ahead of HQ time, and changes nothing', async () => {
      const a = await server.enroll('tokyo');
      const before = await snapshot(hq);
      const ahead = await push(a.auth, 'client-aaaa', [
        note(1, 'n1', { officeId: ['tokyo', t(0)] }),
        note(2, 'n2', { officeId: ['tokyo', t(5 * 60_000 + 1)] }),
      ]);
      expect(ahead.status).toBe(400);
      expect(ahead.json.error.code).toBe('clock_ahead');
      expect(await snapshot(hq)).toEqual(before);
      const nearly = await push(a.auth, 'client-aaaa', [
        note(1, 'n1', { officeId: ['tokyo', t(4 * 60_000)] }),
      ]);
      expect(nearly.status).toBe(200);
    });

    it('rejects malformed, wrong-type, unknown-table, oversized and non-JSON bodies; nothing changes', async () => {
      const a = await server.enroll('tokyo');
      await push(a.auth, 'client-aaaa', [note(1, 'n0', { officeId: ['tokyo', t(0)] })]);
      const before = await snapshot(hq);
      const cases: Array<[unknown, number, string]> = [
        ['{"clientId": "client-aaaa", "mutations": [', 400, 'bad_request'],
        [
          { clientId: 'client-aaaa', mutations: [{ ...note(2, 'n1', {}), mid: 'two' }] },
          400,
          'validation_failed',
        ],
        [
          { clientId: 'client-aaaa', mutations: [note(2, 'n1', { text: ['x', 'yesterday'] })] },
          400,
          'validation_failed',
        ],
        [
          { clientId: 'client-aaaa', mutations: [note(2, 'n1', {}), note(2, 'n2', {})] },
          400,
          'mutation_order',
        ],
        [
          { clientId: 'client-aaaa', mutations: [{ ...note(2, 'n1', {}), tbl: 'secrets' }] },
          400,
          'unknown_table',
        ],
        [
          { clientId: 'client-aaaa', mutations: [note(2, 'n1', { _v: [1, t(0)] })] },
          400,
          'reserved_field',
        ],
        [{ clientId: 'client-aaaa', mutations: [], extra: 1 }, 400, 'validation_failed'],
        [
          {
            clientId: 'client-aaaa',
            mutations: Array.from({ length: 501 }, (_, i) => note(i + 2, `n${i}`, {})),
          },
          400,
          'validation_failed',
        ],
        [
          {
            clientId: 'client-aaaa',
            mutations: [note(2, 'n1', { text: ['x'.repeat(2.2 * 1024 * 1024), t(0)] })],
          },
          413,
          'payload_too_large',
        ],
      ];
      for (const [body, status, code] of cases) {
        const res = await server.post('/v1/push', a.auth, body);
        expect({ status: res.status, code: res.json.error.code }).toEqual({ status, code });
      }
      const text = await server.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: { ...PROTO, authorization: a.auth, 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe('unsupported_media_type');
      expect(await snapshot(hq)).toEqual(before);
    });

    it('checks field values against the table declaration', async () => {
      const a = await server.enroll('tokyo');
      const booking = (mid: number, seats: unknown) => ({
        mid,
        tbl: 'test_bookings',
        id: 'b1',
        fields: { officeId: ['tokyo', t(mid)], seats: [seats, t(mid)] },
      });
      const bad = await push(a.auth, 'client-aaaa', [booking(1, 'many')]);
      expect(bad.status).toBe(400);
      expect(bad.json.error).toMatchObject({ code: 'validation_failed' });
      expect(bad.json.error.message).toContain('test_bookings/b1 field seats');
      expect(bad.json.error.details).toEqual({ table: 'test_bookings', id: 'b1', field: 'seats' });
      expect((await push(a.auth, 'client-aaaa', [booking(1, -1)])).status).toBe(400);
      expect((await push(a.auth, 'client-aaaa', [booking(1, 3)])).status).toBe(200);
      expect((await push(a.auth, 'client-aaaa', [booking(2, null)])).status).toBe(200);
    });

    it('accepts gzip bodies and applies the limit to the inflated size', async () => {
      const a = await server.enroll('tokyo');
      const body = {
        clientId: 'client-aaaa',
        mutations: [note(1, 'n1', { officeId: ['tokyo', t(0)] })],
      };
      const ok = await server.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: {
          ...PROTO,
          authorization: a.auth,
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        },
        payload: gzipSync(JSON.stringify(body)),
      });
      expect(ok.statusCode).toBe(200);
      const bomb = {
        clientId: 'client-aaaa',
        mutations: [note(2, 'n1', { text: ['a'.repeat(3 * 1024 * 1024), t(1)] })],
      };
      const big = await server.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: {
          ...PROTO,
          authorization: a.auth,
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        },
        payload: gzipSync(JSON.stringify(bomb)),
      });
      expect(big.statusCode).toBe(413);
      const corrupt = await server.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: {
          ...PROTO,
          authorization: a.auth,
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        },
        payload: Buffer.from('not gzip at all'),
      });
      expect(corrupt.statusCode).toBe(400);
      expect(corrupt.json().error.code).toBe('bad_request');
      const brotli = await server.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: {
          ...PROTO,
          authorization: a.auth,
          'content-type': 'application/json',
          'content-encoding': 'br',
        },
        payload: Buffer.from('{}'),
      });
      expect(brotli.statusCode).toBe(415);
      expect(brotli.json().error.code).toBe('unsupported_media_type');
    });

    it('gzips pull responses for clients that accept gzip; small or non-accepting ones stay plain', async () => {
      const a = await server.enroll('tokyo');
      const mutations = Array.from({ length: 30 }, (_, i) =>
        note(i + 1, `n${i}`, { officeId: ['tokyo', t(i)], text: [`note number ${i}`, t(i)] }),
      );
      expect((await push(a.auth, 'client-aaaa', mutations)).status).toBe(200);
      const pullWith = (acceptEncoding?: string) =>
        server.app.inject({
          method: 'POST',
          url: '/v1/pull',
          headers: {
            ...PROTO,
            authorization: a.auth,
            'content-type': 'application/json',
            ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
          },
          payload: { clientId: 'client-aaaa', cursors: {} },
        });
      const plain = await pullWith();
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.length).toBeGreaterThan(1024);
      const zipped = await pullWith('gzip, deflate, br');
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/accept-encoding/i);
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      const decoded = JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'));
      expect(decoded).toEqual(plain.json());
      expect(rowsOf({ json: decoded }, 'tokyo')).toHaveLength(30);
      expect((await pullWith('gzip;q=0, identity')).headers['content-encoding']).toBeUndefined();
      // Below the threshold (an error body here) nothing is compressed.
      const small = await server.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: { ...PROTO, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
        payload: { clientId: 'client-aaaa', cursors: {} },
      });
      expect(small.statusCode).toBe(401);
      expect(small.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('office scoping', () => {
    it('an office device never reads or writes another office; HQ reads all', async () => {
      const tokyo = await server.enroll('tokyo');
      const shanghai = await server.enroll('shanghai');
      const hqDevice = await server.enroll(null);
      await push(tokyo.auth, 'client-tttt', [
        note(1, 'secret', { officeId: ['tokyo', t(0)], text: ['tokyo only', t(0)] }),
        { mid: 2, tbl: 'test_firms', id: 'f1', fields: { name: ['Shared Co', t(0)] } },
      ]);
      const before = await snapshot(hq);
      // Naming Tokyo in the body is refused, whether in the envelope or in the record.
      const viaEnvelope = await push(shanghai.auth, 'client-ssss', [
        note(1, 'secret', { text: ['overwritten', t(50)] }, { officeId: 'tokyo' }),
      ]);
      expect(viaEnvelope.status).toBe(403);
      expect(viaEnvelope.json.error.code).toBe('office_forbidden');
      const viaField = await push(shanghai.auth, 'client-ssss', [
        note(1, 'x', { officeId: ['tokyo', t(50)] }),
      ]);
      expect(viaField.json.error.code).toBe('office_forbidden');
      expect(await snapshot(hq)).toEqual(before);
      // The same id without naming an office is refused too: ids are unique across offices.
      const sameId = await push(shanghai.auth, 'client-ssss', [
        note(1, 'secret', { text: ['mine', t(60)] }),
      ]);
      expect(sameId.status).toBe(409);
      expect(sameId.json.error.code).toBe('id_taken');
      expect(await snapshot(hq)).toEqual(before);
      await push(shanghai.auth, 'client-ssss', [note(1, 'own', { text: ['mine', t(60)] })]);
      const sPull = await pull(shanghai.auth, 'client-ssss', {
        tokyo: { epoch: 'x', seq: 0 },
      });
      const partitions = sPull.json.partitions.map((p: any) => p.partition).sort();
      expect(partitions).toEqual(['_shared', 'shanghai']);
      expect(JSON.stringify(sPull.json)).not.toContain('tokyo only');
      expect(rowsOf(sPull, 'shanghai')[0].data).toEqual({ text: 'mine' });
      expect(rowsOf(sPull, '_shared')[0].data).toEqual({ name: 'Shared Co' });
      const tokyoRow = rowsOf(await pull(tokyo.auth, 'client-tttt'), 'tokyo');
      expect(tokyoRow[0].data.text).toBe('tokyo only');
      const all = await pull(hqDevice.auth, 'client-hqhq');
      expect(rowsOf(all, 'tokyo')).toHaveLength(1);
      expect(rowsOf(all, 'shanghai')).toHaveLength(1);
      // HQ must say which office it writes to.
      const hqNoOffice = await push(hqDevice.auth, 'client-hqhq', [
        note(1, 'h1', { text: ['x', t(0)] }),
      ]);
      expect(hqNoOffice.json.error.code).toBe('office_unknown');
      const hqWrite = await push(hqDevice.auth, 'client-hqhq', [
        note(1, 'secret', { text: ['HQ edit', t(70)] }, { officeId: 'tokyo' }),
      ]);
      expect(hqWrite.status).toBe(200);
      expect(rowsOf(await pull(tokyo.auth, 'client-tttt'), 'tokyo')[0].data.text).toBe('HQ edit');
    });
  });

  describe('pull paging and cursors', () => {
    async function seed(n: number) {
      const a = await server.enroll('tokyo');
      const muts = Array.from({ length: n }, (_, i) =>
        note(i + 1, `n${String(i).padStart(4, '0')}`, {
          officeId: ['tokyo', t(i)],
          text: [`#${i}`, t(i)],
        }),
      );
      for (let i = 0; i < muts.length; i += 500) {
        expect((await push(a.auth, 'client-aaaa', muts.slice(i, i + 500))).status).toBe(200);
      }
      return a;
    }

    async function drain(auth: string, limit: number) {
      const seen: string[] = [];
      const cursors: Record<string, unknown> = {};
      let pages = 0;
      for (;;) {
        const res = await pull(auth, 'client-aaaa', cursors, limit);
        pages++;
        for (const p of res.json.partitions) {
          cursors[p.partition] = p.cursor;
          if (p.partition === 'tokyo') seen.push(...p.rows.map((r: any) => r.id));
          expect(p.rows.length).toBeLessThanOrEqual(limit);
        }
        if (!res.json.more) break;
        if (pages > 20) throw new Error('pull never finished');
      }
      return { seen, pages };
    }

    it.each([
      [4, 5, 1],
      [5, 5, 1],
      [6, 5, 2],
      [499, 500, 1],
      [500, 500, 1],
      [501, 500, 2],
    ])(
      '%i rows with page size %i take %i page(s), each row exactly once',
      async (n, limit, pages) => {
        const a = await seed(n);
        const res = await drain(a.auth, limit);
        expect(res.seen).toHaveLength(n);
        expect(new Set(res.seen).size).toBe(n);
        expect(res.pages).toBe(pages);
      },
    );

    it('records the last sync of a device that only pulls, at most once a minute, and only when caught up', async () => {
      await seed(3);
      const desk = await server.enroll(null, 'hq desk');
      const lastSync = async () =>
        (await listDevices(hq.db)).find((d) => d.id === desk.deviceId)?.lastSyncAt;
      expect(await lastSync()).toBeNull();
      // A partial pull (more pages follow) is not a completed sync.
      const partial = await pull(desk.auth, 'client-hqhq', {}, 1);
      expect(partial.json.more).toBe(true);
      expect(await lastSync()).toBeNull();
      await drain(desk.auth, 500);
      expect(await lastSync()).toBe(NOW);
      clock = NOW + 30_000;
      await pull(desk.auth, 'client-hqhq');
      expect(await lastSync()).toBe(NOW);
      clock = NOW + 61_000;
      await pull(desk.auth, 'client-hqhq');
      expect(await lastSync()).toBe(NOW + 61_000);
    });

    it('splits pages by bytes too, always making progress', async () => {
      await server.app.close();
      server = await startServer(hq, { now: () => clock, pullMaxBytes: 600 });
      const a = await seed(7);
      const res = await drain(a.auth, 500);
      expect(res.seen).toHaveLength(7);
      expect(res.pages).toBeGreaterThan(2);
    });

    it('resets a cursor from another epoch, ahead of the server, or behind the tombstone horizon', async () => {
      const a = await seed(3);
      const first = await pull(a.auth, 'client-aaaa');
      const cursor = first.json.partitions.find((p: any) => p.partition === 'tokyo').cursor;
      expect(cursor.seq).toBe(3);
      const same = await pull(a.auth, 'client-aaaa', { tokyo: cursor });
      expect(rowsOf(same, 'tokyo')).toHaveLength(0);
      const ahead = await pull(a.auth, 'client-aaaa', { tokyo: { ...cursor, seq: 99 } });
      // HQ went back (a restored backup): the laptop keeps its copy and sends back what HQ lacks.
      expect(ahead.json.partitions.find((p: any) => p.partition === 'tokyo')).toMatchObject({
        reset: true,
        restored: true,
      });
      expect(rowsOf(ahead, 'tokyo')).toHaveLength(3);
      await rotateEpoch(hq.db, 'tokyo');
      const otherEpoch = await pull(a.auth, 'client-aaaa', { tokyo: cursor });
      expect(otherEpoch.json.partitions.find((p: any) => p.partition === 'tokyo')).toMatchObject({
        reset: true,
        restored: true,
      });
      expect(
        same.json.partitions.find((p: any) => p.partition === 'tokyo').restored,
      ).toBeUndefined();
      const fresh = otherEpoch.json.partitions.find((p: any) => p.partition === 'tokyo').cursor;
      // Delete one row, purge it, and a client that had not seen the delete resets.
      await push(a.auth, 'client-aaaa', [note(10, 'n0000', {}, { deleted: [true, t(100)] })]);
      const oldCursor = { ...fresh, seq: 1 };
      clock += 91 * 24 * 3600_000;
      const purged = await withWriteTransaction(hq, (trx) => purgeTombstones(trx, 'tokyo', clock));
      expect(purged).toBe(1);
      const behind = await pull(a.auth, 'client-aaaa', { tokyo: oldCursor });
      // Behind the horizon: purged deletes could be missed, so the copy is dropped, not re-sent.
      const behindPart = behind.json.partitions.find((p: any) => p.partition === 'tokyo');
      expect(behindPart.reset).toBe(true);
      expect(behindPart.restored).toBeUndefined();
      expect(
        rowsOf(behind, 'tokyo')
          .map((r: any) => r.id)
          .sort(),
      ).toEqual(['n0001', 'n0002']);
    });
  });

  it('two server processes pushing concurrently never let a pull cursor skip a change', async () => {
    const hq2 = await db.again();
    const server2 = await startServer(hq2, { now: () => clock });
    try {
      // Enrolled one after the other: both "processes" share this thread, so one's
      // BEGIN IMMEDIATE waiting (synchronously) on the other's open enrollment transaction
      // would block the very thread that must finish it. Real processes don't share one.
      const writers = [];
      for (let i = 0; i < 4; i++) {
        writers.push(await (i % 2 ? server2 : server).enroll('tokyo', `w${i}`));
      }
      const reader = await server.enroll('tokyo', 'reader');
      const expected = new Set<string>();
      const seen = new Set<string>();
      let cursor: unknown;
      let done = false;
      const readLoop = (async () => {
        while (!done) {
          const res = await server2.post('/v1/pull', reader.auth, {
            clientId: 'client-read',
            cursors: cursor ? { tokyo: cursor } : {},
            limit: 7,
          });
          const p = res.json.partitions.find((x: any) => x.partition === 'tokyo');
          for (const r of p.rows) seen.add(r.id);
          cursor = p.cursor;
        }
      })();
      const writing = Promise.all(
        writers.map(async (w, wi) => {
          const srv = wi % 2 ? server2 : server;
          for (let batch = 0; batch < 12; batch++) {
            const muts = Array.from({ length: 3 }, (_, k) => {
              const id = `w${wi}-${batch}-${k}`;
              expected.add(id);
              return note(batch * 3 + k + 1, id, { officeId: ['tokyo', t(batch, NODE_A, k)] });
            });
            const res = await srv.post('/v1/push', w.auth, {
              clientId: `client-w${wi}`,
              mutations: muts,
            });
            expect(res.status).toBe(200);
          }
        }),
      );
      try {
        await writing;
      } finally {
        done = true;
        await readLoop;
      }
      // Drain what committed after the reader's last page.
      for (;;) {
        const res = await server.post('/v1/pull', reader.auth, {
          clientId: 'client-read',
          cursors: { tokyo: cursor },
        });
        const p = res.json.partitions.find((x: any) => x.partition === 'tokyo');
        for (const r of p.rows) seen.add(r.id);
        cursor = p.cursor;
        if (!res.json.more) break;
      }
      expect([...seen].sort()).toEqual([...expected].sort());
      const seqs = (
        await hq.db
          .selectFrom('records')
          .select('seq')
          .where('office_id', '=', 'tokyo')
          .orderBy('seq')
          .execute()
      ).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: expected.size }, (_, i) => i + 1));
    } finally {
      await server2.app.close();
    }
  });
});
