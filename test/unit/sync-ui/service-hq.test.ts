import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { createEnrollmentCode, issueEnrollmentCode } from '../../../src-hq/auth';
import { currentActor } from '../../../src-renderer/src/features/sync-ui/actor';
import { revokeDevice } from '../../../src-hq/repositories/devices';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { loadEnrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { injectFetch } from '../sync/laptop';
import { SettingsRepository } from '../../../src-renderer/src/data/settings-repository';
import { createSettingsStore } from '../../../src-renderer/src/state/settings-store';

describe('sync service against a real HQ server (SQLite, in-process)', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  let db: BridgeheadDatabase;
  let service: SyncService;
  let officeSetting: string | null;

  beforeEach(async () => {
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { registry: DEFAULT_TABLE_REGISTRY });
    db = new BridgeheadDatabase(`sync-ui-hq-${crypto.randomUUID()}`);
    officeSetting = null;
    service = new SyncService(db, {
      fetch: injectFetch(() => server.app),
      setOfficeId: async (id) => {
        officeSetting = id;
      },
      // Only explicit syncNow() calls in this test.
      debounceMs: 60_000,
      intervalMs: 60_000,
    });
  });
  afterEach(async () => {
    service.stop();
    db.close();
    await db.delete();
    await server.app.close();
    await env.cleanup();
  });

  it('enrolls with a one-time code, sends a local change, then wipes the office data when revoked', async () => {
    await service.start();
    const code = await createEnrollmentCode(env.hq, 'tokyo');
    const enrollment = await service.enrollDevice('http://127.0.0.1:8787', code, 'Tokyo reception');
    expect(enrollment.officeId).toBe('tokyo');
    expect(officeSetting).toBe('tokyo');
    expect(await loadEnrollment(db)).toEqual(enrollment);

    // The same code never works twice.
    await expect(
      new SyncService(db, { fetch: injectFetch(() => server.app) }).enrollDevice(
        'http://127.0.0.1:8787',
        code,
        'thief',
      ),
    ).rejects.toMatchObject({ status: 401, code: 'enrollment_code_invalid' });

    await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
    await service.syncNow();
    const state = service.store.getState();
    expect(state.status?.phase).toBe('idle');
    expect(state.status?.lastSuccessAt).not.toBeNull();
    expect(state.pending).toBe(0);
    const onHq = await env.hq.db
      .selectFrom('records')
      .select(['tbl', 'id'])
      .where('tbl', '=', 'buyers')
      .execute();
    expect(onHq).toEqual([{ tbl: 'buyers', id: 'b1' }]);

    expect(await revokeDevice(env.hq.db, enrollment.deviceId)).toBe(true);
    await service.syncNow();
    await expect.poll(() => service.store.getState().revoked).toBe(true);
    expect(await db.table('buyers').count()).toBe(0);
    expect(await loadEnrollment(db)).toBeNull();
    expect(service.store.getState().enrollment).toBeNull();
  });

  it('knows whom HQ linked it for: the actor names the person; an older link names nobody (issue 14)', async () => {
    await service.start();
    const { code, staff } = await issueEnrollmentCode(env.hq, 'tokyo', Date.now(), 3600_000, {
      name: 'Sato Yui',
    });
    const enrollment = await service.enrollDevice('http://127.0.0.1:8787', code, 'Yui laptop');
    expect(enrollment.staff).toEqual({ id: staff!.id, name: 'Sato Yui' });
    expect(currentActor(service)).toEqual({
      staffId: staff!.id,
      staffName: 'Sato Yui',
      deviceId: enrollment.deviceId,
      officeId: 'tokyo',
    });
    // Reopened, the link still names her.
    expect((await loadEnrollment(db))?.staff).toEqual({ id: staff!.id, name: 'Sato Yui' });

    // A link stored by an older build (no person) loads and keeps syncing; nobody is named.
    service.stop();
    await service.whenIdle();
    const { staff: _dropped, ...older } = enrollment;
    await db.settings.put({ key: 'syncEnrollment', value: older });
    const reopened = new SyncService(db, { fetch: injectFetch(() => server.app) });
    try {
      await reopened.start();
      expect(currentActor(reopened)).toEqual({
        staffId: null,
        staffName: null,
        deviceId: enrollment.deviceId,
        officeId: 'tokyo',
      });
      await db.table('buyers').add({ id: 'b-old', officeId: 'tokyo', nameNative: '古い' });
      await reopened.syncNow();
      expect(reopened.store.getState().pending).toBe(0);
    } finally {
      reopened.stop();
      await reopened.whenIdle();
    }
  });

  it('linking a laptop whose office was never chosen sends what it wrote before (issue 16)', async () => {
    // As bootstrap makes it on a new laptop: the placeholder office, not chosen.
    const settings = createSettingsStore(new SettingsRepository(db), {
      language: 'en',
      officeId: 'hq',
      timeZoneOverride: null,
      officeChosen: false,
    });
    const linking = new SyncService(db, {
      fetch: injectFetch(() => server.app),
      setOfficeId: settings.getState().setOfficeId,
      debounceMs: 60_000,
      intervalMs: 60_000,
    });
    try {
      await linking.start();
      await db.table('buyers').add({ id: 'b-early', officeId: 'hq', nameNative: '山田商事' });
      const code = await createEnrollmentCode(env.hq, 'tokyo');
      await linking.enrollDevice('http://127.0.0.1:8787', code, 'Tokyo reception');
      expect(settings.getState()).toMatchObject({ officeId: 'tokyo', officeChosen: true });
      expect((await db.table('buyers').get('b-early'))?.officeId).toBe('tokyo');

      await linking.syncNow();
      expect(linking.store.getState()).toMatchObject({ pending: 0, rejected: [] });
      const onHq = await env.hq.db
        .selectFrom('records')
        .select(['id', 'office_id'])
        .where('tbl', '=', 'buyers')
        .execute();
      expect(onHq).toEqual([{ id: 'b-early', office_id: 'tokyo' }]);
    } finally {
      linking.stop();
    }
  });
});
