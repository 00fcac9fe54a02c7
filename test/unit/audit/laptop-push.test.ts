import { beforeEach, describe, expect, it } from 'vitest';
import { verifyChain, type AccessEntry } from '@shared/audit';
import { createEnrollmentCode } from '../../../src-hq/auth';
import {
  getAccessLog,
  linkActor,
  pushAccessLog,
  sentThrough,
  startAccessLog,
} from '../../../src-renderer/src/features/audit';
import { injectFetch } from '../sync/laptop';
import { useLaptopWithHq } from '../sync-ui/laptop-with-hq';

describe('a laptop sends its access records with the next sync', () => {
  let failAccessLog = false;
  const t = useLaptopWithHq({
    name: 'audit-push',
    // HQ's access-log endpoint can be made to fail, the record sync not.
    fetch: (inject) => (url, init) =>
      failAccessLog && url.includes('/access-log')
        ? Promise.resolve(
            new Response('{"error":{"code":"server_error","message":"x"}}', { status: 500 }),
          )
        : inject(url, init),
  });

  it('pushes after the record sync, once, and a failing push never blocks the record sync', async () => {
    const { env, db, service } = t;
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
    const enrollment = await t.link();
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

describe('a relinked laptop continues its chain; HQ revokes the old link (issue 14)', () => {
  // The app's wiring: startAccessLog hooks into the database's own sync service.
  const t = useLaptopWithHq({
    name: 'audit-relink',
    service: 'app',
    credentials: null,
    start: true,
  });
  beforeEach(() => startAccessLog(t.db));

  const view = (id: string) =>
    getAccessLog(t.db).record({
      action: 'view',
      object: 'buyer',
      subjects: [{ kind: 'buyer', ids: [id] }],
    });
  const local = async () => (await getAccessLog(t.db).all()).map((e) => e.seq);
  const heldBy = async (deviceId: string) =>
    (
      await t.env.hq.db
        .selectFrom('access_entries')
        .select('entry')
        .where('device_id', '=', deviceId)
        .orderBy('seq')
        .execute()
    ).map((r) => JSON.parse(r.entry) as AccessEntry);
  const revokedAt = async (deviceId: string) =>
    (
      await t.env.hq.db
        .selectFrom('devices')
        .select('revoked_at')
        .where('id', '=', deviceId)
        .executeTakeFirstOrThrow()
    ).revoked_at;

  it('sends nothing twice, keeps only the unsent tail and the head, and leaves one live device', async () => {
    const { env, service } = t;
    const first = await t.link();
    for (const id of ['b1', 'b2', 'b3']) await view(id);
    await service.syncNow();
    expect((await heldBy(first.deviceId)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await local()).toEqual([3]); // acknowledged entries left; the head stays

    await view('b4'); // not sent yet when the PIN is forgotten
    const second = await t.link();
    expect(second.deviceId).not.toBe(first.deviceId);
    expect(await revokedAt(first.deviceId)).not.toBeNull();
    expect(await revokedAt(second.deviceId)).toBeNull();
    // The tail went under the old link before it was replaced.
    expect((await heldBy(first.deviceId)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);

    await view('b5');
    await service.syncNow();
    await service.syncNow();
    const continued = await heldBy(second.deviceId);
    expect(continued.map((e) => e.seq)).toEqual([5]);
    expect(continued[0]).toMatchObject({ deviceId: second.deviceId });
    // One chain across both links, verified by HQ on arrival: no flag.
    expect(verifyChain([...(await heldBy(first.deviceId)), ...continued])).toEqual([]);
    expect(await env.hq.db.selectFrom('access_chain_flags').selectAll().execute()).toEqual([]);
    expect(await local()).toEqual([5]);
    expect(service.store.getState().revoked).toBe(false);
  });

  it('never hands the old credential to another HQ address', async () => {
    const { env, server, service } = t;
    const bodies: string[] = [];
    const inject = injectFetch(() => server.app);
    service.configure({
      fetch: (url, init) => {
        if (url.endsWith('/v1/enroll')) bodies.push(String(init?.body));
        return inject(url, init);
      },
    });
    const first = await t.link();
    await service.enrollDevice(
      'https://hq-other.example',
      await createEnrollmentCode(env.hq, 'tokyo'),
      'Tokyo 1',
    );
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body).not.toContain(first.credential);
    expect(await revokedAt(first.deviceId)).toBeNull();
  });

  it('an unlink sends the tail and empties the log: the next link starts a chain of its own', async () => {
    const { env, service } = t;
    const first = await t.link();
    await view('b1');
    await view('b2');
    await service.unlink();
    expect((await heldBy(first.deviceId)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await local()).toEqual([]);

    const second = await t.link();
    await view('b3');
    await service.syncNow();
    await service.syncNow();
    const held = await heldBy(second.deviceId);
    expect(held.map((e) => [e.seq, e.subjects[0]?.ids[0]])).toEqual([[1, 'b3']]);
    expect(verifyChain(held)).toEqual([]);
    expect(await env.hq.db.selectFrom('access_chain_flags').selectAll().execute()).toEqual([]);
  });
});
