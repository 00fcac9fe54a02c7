import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PATHS,
  createEnrollmentCodeResponseSchema,
  devicesResponseSchema,
  enrollmentCodesResponseSchema,
  officesResponseSchema,
} from '@shared/admin/api';
import { formatHlc } from '@shared/sync/hlc';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { BACKENDS, PROTO, snapshot, startServer, type TestServer } from '../hq/harness';

const NOW = 1_800_000_000_000;
const hlc = (offset: number) =>
  formatHlc({ millis: NOW + offset, counter: 0, node: 'a'.repeat(16) });

describe.each(BACKENDS)('HQ administration API on $name', (backend) => {
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

  const get = async (path: string, auth: string | null) => {
    const res = await server.app.inject({
      method: 'GET',
      url: path,
      headers: { ...PROTO, ...(auth ? { authorization: auth } : {}) },
    });
    return { status: res.statusCode, json: res.json() as any };
  };

  const note = (mid: number, id: string, officeId?: string, deleted = false) => ({
    mid,
    tbl: 'test_notes',
    id,
    ...(officeId ? { officeId } : {}),
    fields: { text: [`note ${id}`, hlc(mid)] },
    ...(deleted ? { deleted: [true, hlc(mid + 1)] } : {}),
  });

  /** Everything an admin call could change, beyond the sync snapshot. */
  const adminSnapshot = async () => ({
    ...(await snapshot(hq)),
    devices: await hq.db.selectFrom('devices').selectAll().orderBy('id').execute(),
    codes: await hq.db.selectFrom('enrollment_codes').selectAll().orderBy('code_hash').execute(),
    staff: await hq.db.selectFrom('staff').selectAll().orderBy('id').execute(),
  });

  it('lists offices with live record counts per table, last change and last device sync', async () => {
    const hqDevice = await server.enroll(null, 'Changwon desk');
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    await server.enroll('tokyo', 'Tokyo 2');
    const shanghai = await server.enroll('shanghai', 'Shanghai 1');

    clock = NOW + 1000;
    expect(
      (
        await server.post('/v1/push', tokyo.auth, {
          clientId: 'client-tokyo-1',
          mutations: [note(1, 'n1'), note(2, 'n2'), note(3, 'n3', undefined, true)],
        })
      ).status,
    ).toBe(200);
    clock = NOW + 5000;
    expect(
      (
        await server.post('/v1/push', shanghai.auth, {
          clientId: 'client-shanghai-1',
          mutations: [
            note(1, 's1'),
            { mid: 2, tbl: 'test_firms', id: 'f1', fields: { name: ['Firm', hlc(2)] } },
          ],
        })
      ).status,
    ).toBe(200);
    // HQ writes into an office's partition too: that counts as the office's last change.
    clock = NOW + 9000;
    expect(
      (
        await server.post('/v1/push', hqDevice.auth, {
          clientId: 'client-hq-000',
          mutations: [note(1, 'h1', 'tokyo')],
        })
      ).status,
    ).toBe(200);
    await server.post('/v1/push', tokyo.auth, { clientId: 'client-tokyo-1', mutations: [] });

    const res = await get(ADMIN_PATHS.offices, hqDevice.auth);
    expect(res.status).toBe(200);
    const body = officesResponseSchema.parse(res.json);
    const byId = new Map(body.offices.map((o) => [o.id, o]));
    expect([...byId.keys()]).not.toContain('_shared');
    expect(byId.get('tokyo')).toMatchObject({
      counts: { test_notes: 3 }, // n1, n2, h1; n3 is a tombstone
      lastChangeAt: NOW + 9000,
      devices: 2,
      activeDevices: 2,
      currency: 'JPY',
      timeZone: 'Asia/Tokyo',
    });
    expect(byId.get('tokyo')!.lastDeviceSyncAt).toBeGreaterThanOrEqual(NOW + 1000);
    expect(byId.get('tokyo')!.names.ja).toBe('東京事務所');
    expect(byId.get('shanghai')).toMatchObject({
      counts: { test_notes: 1 },
      lastChangeAt: NOW + 5000,
      lastDeviceSyncAt: NOW + 5000,
      devices: 1,
    });
    expect(byId.get('chengdu')).toMatchObject({
      counts: {},
      lastChangeAt: null,
      lastDeviceSyncAt: null,
      devices: 0,
    });
    expect(body.sharedCounts).toEqual({ test_firms: 1 });
  });

  it('creates a one-time code for an office or for HQ, lists codes without secrets', async () => {
    const hqDevice = await server.enroll(null);
    const made = await server.post(ADMIN_PATHS.enrollmentCodes, hqDevice.auth, {
      officeId: 'chengdu',
      ttlHours: 2,
      staffName: '  Wang Fang ',
    });
    expect(made.status).toBe(200);
    const created = createEnrollmentCodeResponseSchema.parse(made.json);
    expect(created).toMatchObject({
      officeId: 'chengdu',
      createdAt: NOW,
      expiresAt: NOW + 2 * 3600_000,
      staff: { name: 'Wang Fang' },
    });
    expect(created.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const staffId = created.staff!.id;

    // The same person's second laptop (an HQ one): the staff id HQ gave her, reused.
    const forHq = await server.post(ADMIN_PATHS.enrollmentCodes, hqDevice.auth, {
      officeId: null,
      staffId,
    });
    expect(forHq.status).toBe(200);
    expect(forHq.json.expiresAt).toBe(NOW + 24 * 3600_000);
    expect(forHq.json.staff).toEqual({ id: staffId, name: 'Wang Fang' });

    // The code works exactly once and enrolls into the chosen office.
    const enrolled = await server.post('/v1/enroll', null, {
      code: created.code,
      deviceName: 'Chengdu 1',
    });
    expect(enrolled.json.officeId).toBe('chengdu');
    // The laptop learns whom it is linked for.
    expect(enrolled.json.staff).toEqual({ id: staffId, name: 'Wang Fang' });
    const hqEnrolled = await server.post('/v1/enroll', null, {
      code: forHq.json.code,
      deviceName: 'HQ 2',
    });
    expect(hqEnrolled.json.officeId).toBeNull();
    expect(hqEnrolled.json.staff).toEqual({ id: staffId, name: 'Wang Fang' });

    const list = await get(ADMIN_PATHS.enrollmentCodes, hqDevice.auth);
    const parsed = enrollmentCodesResponseSchema.parse(list.json);
    const codes = parsed.codes;
    expect(codes.find((c) => c.officeId === 'chengdu')).toMatchObject({
      usedAt: NOW,
      deviceId: enrolled.json.deviceId,
      staffName: 'Wang Fang',
    });
    expect(parsed.staff).toEqual([{ id: staffId, name: 'Wang Fang' }]);
    // HQ's laptop list names the person of each laptop (none for one linked unnamed).
    const devices = devicesResponseSchema.parse(
      (await get(ADMIN_PATHS.devices, hqDevice.auth)).json,
    );
    expect(
      devices.devices.map((d) => [d.name, d.staffId ?? null, d.staffName ?? null]).sort(),
    ).toEqual(
      [
        ['Chengdu 1', staffId, 'Wang Fang'],
        ['HQ 2', staffId, 'Wang Fang'],
        [devices.devices.find((d) => d.id === hqDevice.deviceId)!.name, null, null],
      ].sort(),
    );
    expect(JSON.stringify(list.json)).not.toContain(created.code);
    expect(JSON.stringify(list.json)).not.toContain(created.code.replace(/-/g, ''));
  });

  it('lists devices and revokes one: its next request is refused', async () => {
    const hqDevice = await server.enroll(null, 'Changwon desk');
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    const list = devicesResponseSchema.parse((await get(ADMIN_PATHS.devices, hqDevice.auth)).json);
    expect(list.selfId).toBe(hqDevice.deviceId);
    expect(list.devices.map((d) => [d.name, d.officeId, d.revokedAt])).toEqual([
      ['Changwon desk', null, null],
      ['Tokyo 1', 'tokyo', null],
    ]);

    clock = NOW + 60_000;
    const revoked = await server.post(ADMIN_PATHS.revokeDevice, hqDevice.auth, {
      deviceId: tokyo.deviceId,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.json.device).toMatchObject({ id: tokyo.deviceId, revokedAt: NOW + 60_000 });
    const pull = await server.post('/v1/pull', tokyo.auth, { clientId: 'client-tokyo-1' });
    expect(pull.status).toBe(401);
    expect(pull.json.error.code).toBe('device_revoked');

    // Revoking twice keeps the first time.
    clock = NOW + 120_000;
    const again = await server.post(ADMIN_PATHS.revokeDevice, hqDevice.auth, {
      deviceId: tokyo.deviceId,
    });
    expect(again.json.device.revokedAt).toBe(NOW + 60_000);
  });

  it("sets the app lock's idle time for every laptop (issue 14); office laptops may not, bad minutes change nothing", async () => {
    const hqDevice = await server.enroll(null);
    const tokyo = await server.enroll('tokyo');
    expect((await get(ADMIN_PATHS.appLock, hqDevice.auth)).json).toEqual({
      idleMinutes: 10,
      defaultMinutes: 10,
      minMinutes: 1,
      maxMinutes: 240,
    });
    expect((await get(ADMIN_PATHS.appLock, tokyo.auth)).status).toBe(403);
    const before = await adminSnapshot();
    for (const body of [{}, { idleMinutes: 0 }, { idleMinutes: 1.5 }, { idleMinutes: 241 }]) {
      const res = await server.post(ADMIN_PATHS.appLock, hqDevice.auth, body);
      expect([res.status, res.json.error.code], JSON.stringify(body)).toEqual([
        400,
        'validation_failed',
      ]);
    }
    expect((await server.post(ADMIN_PATHS.appLock, tokyo.auth, { idleMinutes: 1 })).status).toBe(
      403,
    );
    expect(await adminSnapshot()).toEqual(before);

    const set = await server.post(ADMIN_PATHS.appLock, hqDevice.auth, { idleMinutes: 2 });
    expect(set.status).toBe(200);
    expect(set.json.idleMinutes).toBe(2);
    // The office laptop gets it with its next pull, as a record of the shared table.
    const pull = await server.post('/v1/pull', tokyo.auth, { clientId: 'client-tokyo-1' });
    expect(JSON.stringify(pull.json)).toContain('"idleMinutes"');
    expect((await get(ADMIN_PATHS.appLock, hqDevice.auth)).json.idleMinutes).toBe(2);
  });

  it('refuses office devices, unauthenticated and revoked callers on every endpoint', async () => {
    const hqDevice = await server.enroll(null);
    const tokyo = await server.enroll('tokyo');
    const before = await adminSnapshot();
    for (const path of [ADMIN_PATHS.offices, ADMIN_PATHS.devices, ADMIN_PATHS.enrollmentCodes]) {
      const res = await get(path, tokyo.auth);
      expect(res.status, path).toBe(403);
      expect(res.json.error.code).toBe('office_forbidden');
      expect((await get(path, null)).status).toBe(401);
    }
    const code = await server.post(ADMIN_PATHS.enrollmentCodes, tokyo.auth, {
      officeId: 'tokyo',
      staffName: 'Sato',
    });
    expect(code.status).toBe(403);
    const revoke = await server.post(ADMIN_PATHS.revokeDevice, tokyo.auth, {
      deviceId: hqDevice.deviceId,
    });
    expect(revoke.status).toBe(403);
    expect(await adminSnapshot()).toEqual(before);

    // A revoked HQ device is an HQ device no more.
    const other = await server.enroll(null);
    await server.post(ADMIN_PATHS.revokeDevice, hqDevice.auth, { deviceId: other.deviceId });
    expect((await get(ADMIN_PATHS.offices, other.auth)).json.error.code).toBe('device_revoked');
  });

  it('answers bad input with 400 and changes nothing', async () => {
    const hqDevice = await server.enroll(null);
    const tokyo = await server.enroll('tokyo');
    const before = await adminSnapshot();
    const tk = { officeId: 'tokyo', staffName: 'Sato Yui' };
    const bad: [string, unknown, number, string][] = [
      [ADMIN_PATHS.enrollmentCodes, {}, 400, 'validation_failed'],
      [
        ADMIN_PATHS.enrollmentCodes,
        { officeId: 'Tokyo!', staffName: 'A' },
        400,
        'validation_failed',
      ],
      [ADMIN_PATHS.enrollmentCodes, { ...tk, ttlHours: 0 }, 400, 'validation_failed'],
      [ADMIN_PATHS.enrollmentCodes, { ...tk, ttlHours: 1.5 }, 400, 'validation_failed'],
      [ADMIN_PATHS.enrollmentCodes, { ...tk, ttlHours: 721 }, 400, 'validation_failed'],
      [ADMIN_PATHS.enrollmentCodes, { ...tk, extra: 1 }, 400, 'validation_failed'],
      // Nobody named, a blank name, both a name and an id, an id HQ does not know.
      [ADMIN_PATHS.enrollmentCodes, { officeId: 'tokyo' }, 400, 'validation_failed'],
      [ADMIN_PATHS.enrollmentCodes, { ...tk, staffName: '   ' }, 400, 'validation_failed'],
      [ADMIN_PATHS.enrollmentCodes, { ...tk, staffId: 'x' }, 400, 'validation_failed'],
      [ADMIN_PATHS.enrollmentCodes, { officeId: 'tokyo', staffId: 'x' }, 404, 'not_found'],
      [
        ADMIN_PATHS.enrollmentCodes,
        { officeId: 'atlantis', staffName: 'A' },
        400,
        'office_unknown',
      ],
      [
        ADMIN_PATHS.enrollmentCodes,
        { officeId: '_shared', staffName: 'A' },
        400,
        'validation_failed',
      ],
      [ADMIN_PATHS.enrollmentCodes, '[1,2', 400, 'bad_request'],
      [ADMIN_PATHS.revokeDevice, {}, 400, 'validation_failed'],
      [ADMIN_PATHS.revokeDevice, { deviceId: 42 }, 400, 'validation_failed'],
      [ADMIN_PATHS.revokeDevice, { deviceId: 'nope' }, 404, 'not_found'],
      [ADMIN_PATHS.revokeDevice, { deviceId: hqDevice.deviceId }, 400, 'bad_request'],
    ];
    for (const [path, body, status, code] of bad) {
      const res = await server.post(path, hqDevice.auth, body);
      expect([res.status, res.json.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await adminSnapshot()).toEqual(before);
    // The office device still works.
    expect((await server.post('/v1/pull', tokyo.auth, { clientId: 'client-tokyo-1' })).status).toBe(
      200,
    );
  });
});
