import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { verifyChain, type AccessEntry } from '@shared/audit';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import {
  linkActor,
  pushAccessLog,
  sentThrough,
  startAccessLog,
} from '../../../src-renderer/src/features/audit';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { injectFetch } from '../sync/laptop';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';

describe('a laptop sends its access records with the next sync', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  let db: BridgeheadDatabase;
  let service: SyncService;
  let failAccessLog = false;

  beforeEach(async () => {
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { registry: DEFAULT_TABLE_REGISTRY });
    db = new BridgeheadDatabase(`audit-push-${crypto.randomUUID()}`);
    const inject = injectFetch(() => server.app);
    // HQ's access-log endpoint can be made to fail, the record sync not.
    const fetch: FetchLike = (url, init) =>
      failAccessLog && url.includes('/access-log')
        ? Promise.resolve(
            new Response('{"error":{"code":"server_error","message":"x"}}', { status: 500 }),
          )
        : inject(url, init);
    service = new SyncService(db, { fetch, debounceMs: 60_000, intervalMs: 60_000 });
  });
  afterEach(async () => {
    service.stop();
    await service.whenIdle();
    db.close();
    await db.delete();
    await server.app.close();
    await env.cleanup();
  });

  it('pushes after the record sync, once, and a failing push never blocks the record sync', async () => {
    await service.start();
    // As bootstrap wires it, on this test's own sync service.
    const log = startAccessLog(db, { actor: () => linkActor(db, () => null) });
    log.setActorSource(() => {
      const e = service.store.getState().enrollment;
      return {
        staffId: null,
        staffName: null,
        deviceId: e?.deviceId ?? null,
        officeId: e?.officeId ?? null,
      };
    });
    service.addAfterSync((link) => pushAccessLog(db, link).then(() => undefined));
    // Before the link: the entry has no device yet, and is still sent once linked.
    await log.record({
      action: 'view',
      object: 'buyer',
      subjects: [{ kind: 'buyer', ids: ['b0'] }],
    });
    const code = await createEnrollmentCode(env.hq, 'tokyo');
    const enrollment = await service.enrollDevice('http://127.0.0.1:8787', code, 'Tokyo 1');
    await log.record({
      action: 'export',
      object: 'buyers',
      format: 'csv',
      subjects: [{ kind: 'buyer', ids: ['b1', 'b2'] }],
      reason: { code: 'report', note: '' },
    });

    failAccessLog = true;
    await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
    await service.syncNow();
    expect(service.store.getState().status?.phase).toBe('idle');
    expect(await env.hq.db.selectFrom('records').select('id').execute()).toEqual([{ id: 'b1' }]);
    expect(await env.hq.db.selectFrom('access_entries').select('seq').execute()).toEqual([]);
    expect(await sentThrough(db, enrollment.deviceId)).toBe(0);

    failAccessLog = false;
    await service.syncNow();
    await service.syncNow();
    const rows = await env.hq.db
      .selectFrom('access_entries')
      .select(['seq', 'office_id', 'entry'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [Number(r.seq), r.office_id])).toEqual([
      [1, 'tokyo'],
      [2, 'tokyo'],
    ]);
    const entries = rows.map((r) => JSON.parse(r.entry) as AccessEntry);
    expect(verifyChain(entries)).toEqual([]);
    expect(entries[1]).toMatchObject({ deviceId: enrollment.deviceId, officeId: 'tokyo' });
    expect(await sentThrough(db, enrollment.deviceId)).toBe(2);
    expect(await env.hq.db.selectFrom('access_chain_flags').selectAll().execute()).toEqual([]);
  });
});
