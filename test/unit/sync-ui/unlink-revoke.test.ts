/**
 * An unlink revokes the laptop's own link at HQ (issue 14): online, the access records' tail
 * goes, then HQ revokes the device, then the credential is dropped, so a copy of it opens
 * nothing. Offline, the unlink still happens on the laptop and the screen says HQ should
 * revoke the laptop on its Laptops screen.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { loadEnrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import { SyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { getAccessLog, startAccessLog } from '../../../src-renderer/src/features/audit';
import { injectFetch } from '../sync/laptop';
import { HQ_URL, useLaptopWithHq } from './laptop-with-hq';

describe('unlinking revokes this laptop at HQ when HQ is reachable', () => {
  let offline = false;
  const calls: string[] = [];
  const t = useLaptopWithHq({
    name: 'unlink-revoke',
    service: 'app',
    credentials: null,
    start: true,
    fetch: (inject) => (url, init) => {
      if (offline) return Promise.reject(new TypeError('Failed to fetch'));
      calls.push(new URL(url).pathname);
      return inject(url, init);
    },
  });
  beforeEach(() => {
    offline = false;
    calls.length = 0;
    startAccessLog(t.db);
  });
  const device = (id: string) =>
    t.env.hq.db
      .selectFrom('devices')
      .select(['revoked_at', 'revoked_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const pullWith = (credential: string) =>
    t.server.post('/v1/pull', `Bearer ${credential}`, { clientId: 'copied-disk' });
  const view = (id: string) =>
    getAccessLog(t.db).record({
      action: 'view',
      object: 'buyer',
      subjects: [{ kind: 'buyer', ids: [id] }],
    });

  it('online: sends the tail, then HQ revokes the device, then the credential goes', async () => {
    const { env, db, service } = t;
    const linked = await t.link();
    await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
    await service.syncNow();
    await view('b1');
    expect((await pullWith(linked.credential)).status).toBe(200);
    calls.length = 0;

    expect(await service.unlink()).toEqual({ revokedAtHq: true });

    // The tail first (under the live link), then the revocation.
    expect(calls).toEqual(['/v1/access-log', '/v1/devices/self/revoke']);
    expect(
      await env.hq.db
        .selectFrom('access_entries')
        .select('seq')
        .where('device_id', '=', linked.deviceId)
        .execute(),
    ).toEqual([{ seq: 1 }]);
    expect(await device(linked.deviceId)).toMatchObject({ revoked_by: 'device' });
    expect((await device(linked.deviceId)).revoked_at).not.toBeNull();
    // A copy of the credential taken before the unlink opens nothing.
    const copied = await pullWith(linked.credential);
    expect(copied.status).toBe(401);
    expect(copied.json.error.code).toBe('device_revoked');
    // The laptop forgot the link and the office's data; nothing to tell HQ.
    expect(await loadEnrollment(db, null)).toBeNull();
    expect(await db.table('buyers').count()).toBe(0);
    expect(service.store.getState()).toMatchObject({
      enrollment: null,
      unrevokedLink: null,
      revoked: false,
    });
  });

  it('offline: unlinks on the laptop anyway and says HQ should revoke it', async () => {
    const { db, service } = t;
    const linked = await t.link();
    await service.syncNow();
    offline = true;

    expect(await service.unlink()).toEqual({ revokedAtHq: false });

    expect(await loadEnrollment(db, null)).toBeNull();
    expect(service.store.getState()).toMatchObject({
      enrollment: null,
      unrevokedLink: { deviceId: linked.deviceId, hqUrl: 'http://127.0.0.1:8787' },
    });
    // HQ still lists it as active: its Laptops screen has to revoke it.
    expect(await device(linked.deviceId)).toEqual({ revoked_at: null, revoked_by: null });

    // A new link clears the notice.
    offline = false;
    await t.link();
    expect(service.store.getState().unrevokedLink).toBeNull();
  });

  it('offline: the notice outlives a restart, until the laptop is linked again', async () => {
    const { db, service } = t;
    const linked = await t.link();
    await service.syncNow();
    offline = true;
    expect(await service.unlink()).toEqual({ revokedAtHq: false });
    offline = false;

    // The app restarts: the same IndexedDB, opened again, and a new sync service.
    service.stop();
    await service.whenIdle();
    db.close();
    const restart = async () => {
      const reopened = new BridgeheadDatabase(db.name);
      const restarted = new SyncService(reopened, {
        fetch: injectFetch(() => t.server.app),
        credentials: null,
        debounceMs: 60_000,
        intervalMs: 60_000,
      });
      await restarted.start();
      return { reopened, restarted };
    };
    const first = await restart();
    try {
      expect(first.restarted.store.getState()).toMatchObject({
        enrollment: null,
        unrevokedLink: { deviceId: linked.deviceId, hqUrl: HQ_URL },
      });
      // Linked again: the notice goes, and stays gone after the next restart.
      await first.restarted.enrollDevice(
        HQ_URL,
        await createEnrollmentCode(t.env.hq, 'tokyo'),
        'Tokyo 1',
      );
      expect(first.restarted.store.getState().unrevokedLink).toBeNull();
    } finally {
      first.restarted.stop();
      await first.restarted.whenIdle();
      first.reopened.close();
    }
    const second = await restart();
    try {
      expect(second.restarted.store.getState().enrollment).not.toBeNull();
      expect(second.restarted.store.getState().unrevokedLink).toBeNull();
    } finally {
      second.restarted.stop();
      await second.restarted.whenIdle();
      second.reopened.close();
    }
  });

  it('refuses with changes waiting before sending or revoking anything; the link syncs on', async () => {
    const { db, service } = t;
    const linked = await t.link();
    offline = true;
    await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
    offline = false;
    calls.length = 0;
    await expect(service.unlink()).rejects.toMatchObject({ name: 'UnlinkRefusedError' });
    expect(calls).toEqual([]);
    expect(await device(linked.deviceId)).toEqual({ revoked_at: null, revoked_by: null });
    expect(service.store.getState().enrollment?.deviceId).toBe(linked.deviceId);
    await service.syncNow();
    expect(calls).toContain('/v1/push');
  });
});
