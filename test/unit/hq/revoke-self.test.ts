/**
 * An unlinking laptop revokes its own link at HQ (issue 14, sync-protocol.md §11):
 * `POST /v1/devices/self/revoke` revokes only the device whose credential it carries,
 * is idempotent, and HQ's device list says the laptop revoked itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import type { AdminDevice } from '@shared/admin/api';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { BACKENDS, PROTO, startServer, type TestServer } from './harness';

const NOW = 1_800_000_000_000;

describe.each(BACKENDS)('a device revokes itself on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let server: TestServer;
  let clock = NOW;

  beforeEach(async () => {
    clock = NOW;
    db = await backend.open();
    server = await startServer(db.hq, { registry: DEFAULT_TABLE_REGISTRY, now: () => clock });
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const devices = async (auth: string): Promise<AdminDevice[]> => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/v1/admin/devices',
      headers: { ...PROTO, authorization: auth },
    });
    expect(res.statusCode).toBe(200);
    return (JSON.parse(res.body) as { devices: AdminDevice[] }).devices;
  };
  const pull = (auth: string) => server.post('/v1/pull', auth, { clientId: 'client-pull-1' });
  /** At `at`, the device behind `device.auth` asks HQ to revoke it: HQ answers 200 with `answer`. */
  const revokesItself = async (
    device: { auth: string; deviceId: string },
    at: number,
    answer: { revokedAt: number; alreadyRevoked: boolean },
  ) => {
    clock = at;
    const res = await server.post('/v1/devices/self/revoke', device.auth, {});
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ deviceId: device.deviceId, revokedBy: 'device', ...answer });
  };

  it('revokes the calling device only; its credential is refused afterwards; HQ lists who revoked it', async () => {
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    const osaka = await server.enroll('tokyo', 'Tokyo 2');
    const desk = await server.enroll(null, 'HQ desk');
    expect((await pull(tokyo.auth)).status).toBe(200);

    // Naming another device is refused, and nothing changes.
    const other = await server.post('/v1/devices/self/revoke', tokyo.auth, {
      deviceId: osaka.deviceId,
    });
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe('validation_failed');
    expect((await pull(tokyo.auth)).status).toBe(200);
    expect((await pull(osaka.auth)).status).toBe(200);

    await revokesItself(tokyo, NOW + 5_000, { revokedAt: NOW + 5_000, alreadyRevoked: false });

    // The copied credential opens nothing any more; the other laptop syncs on.
    const refused = await pull(tokyo.auth);
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('device_revoked');
    expect((await server.post('/v1/access-log', tokyo.auth, { entries: [] })).json.error.code).toBe(
      'device_revoked',
    );
    expect((await pull(osaka.auth)).status).toBe(200);

    // Asked again (a lost answer): the first revocation stands.
    await revokesItself(tokyo, NOW + 9_000, { revokedAt: NOW + 5_000, alreadyRevoked: true });

    const listed = await devices(desk.auth);
    expect(listed.find((d) => d.id === tokyo.deviceId)).toMatchObject({
      revokedAt: NOW + 5_000,
      revokedBy: 'device',
    });
    expect(listed.find((d) => d.id === osaka.deviceId)).toMatchObject({
      revokedAt: null,
      revokedBy: null,
    });
  });

  it('keeps HQ as the revoker when HQ revoked first; refuses an unknown or missing credential', async () => {
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    const desk = await server.enroll(null, 'HQ desk');
    const byHq = await server.post('/v1/admin/devices/revoke', desk.auth, {
      deviceId: tokyo.deviceId,
    });
    expect(byHq.status).toBe(200);
    expect(byHq.json.device).toMatchObject({ revokedBy: 'hq' });

    const self = await server.post('/v1/devices/self/revoke', tokyo.auth, {});
    expect(self.status).toBe(200);
    expect(self.json).toMatchObject({ revokedBy: 'hq', alreadyRevoked: true });

    const unknown = await server.post('/v1/devices/self/revoke', `Bearer ${'x'.repeat(43)}`, {});
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.code).toBe('unauthorized');
    const missing = await server.post('/v1/devices/self/revoke', null, {});
    expect(missing.status).toBe(401);
    expect((await devices(desk.auth)).filter((d) => d.revokedAt !== null)).toHaveLength(1);
  });

  it('records a relink as the revoker of the link it replaced', async () => {
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    const desk = await server.enroll(null, 'HQ desk');
    const code = await createEnrollmentCode(db.hq, 'tokyo', clock);
    const relink = await server.post('/v1/enroll', null, {
      code,
      deviceName: 'Tokyo 1',
      replaces: tokyo.auth.slice('Bearer '.length),
    });
    expect(relink.status).toBe(200);
    expect((await devices(desk.auth)).find((d) => d.id === tokyo.deviceId)).toMatchObject({
      revokedBy: 'relink',
    });
  });
});
