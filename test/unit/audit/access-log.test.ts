import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '@shared/audit';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { AccessLog } from '../../../src-renderer/src/features/audit/data/access-log';
import { OUTBOX } from '../../../src-renderer/src/sync';

const actor = {
  staffId: 'staff-1',
  staffName: 'Kim Minji',
  deviceId: 'device-1',
  officeId: 'tokyo',
};

describe('the laptop access log (one writer, hash-chained)', () => {
  const opened: BridgeheadDatabase[] = [];
  const open = (name: string) => {
    const db = new BridgeheadDatabase(name);
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await db.delete().catch(() => undefined);
    }
  });

  it('appends chained entries with who, when, what and whom, and nothing to the outbox', async () => {
    const db = open(`audit-${crypto.randomUUID()}`);
    const log = new AccessLog(
      db,
      () => actor,
      () => 1_800_000_000_000,
    );
    const first = await log.record({
      action: 'view',
      object: 'buyer',
      subjects: [{ kind: 'buyer', ids: ['b1'] }],
    });
    const second = await log.record({
      action: 'export',
      object: 'buyers',
      format: 'csv',
      subjects: [
        { kind: 'buyer', ids: ['b1', 'b2'] },
        { kind: 'contact', ids: ['c1'] },
      ],
      reason: { code: 'meeting_prep', note: 'Osaka fair' },
    });
    expect(first).toMatchObject({ seq: 1, ...actor, action: 'view', count: 1 });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, count: 3 });
    expect(second.reason).toEqual({ code: 'meeting_prep', note: 'Osaka fair' });
    expect(verifyChain(await log.all())).toEqual([]);
    // Not a last-writer-wins table: no outbox row for HQ's record sync.
    expect(await db.table(OUTBOX).count()).toBe(0);
  });

  it('refuses an export without a reason and writes nothing', async () => {
    const db = open(`audit-${crypto.randomUUID()}`);
    const log = new AccessLog(db, () => actor);
    expect(() =>
      log.record({
        action: 'export',
        object: 'buyers',
        format: 'csv',
        subjects: [{ kind: 'buyer', ids: ['b1'] }],
      }),
    ).toThrow();
    expect(await log.all()).toEqual([]);
  });

  it('never forks the chain with two windows writing at once', async () => {
    const name = `audit-${crypto.randomUUID()}`;
    // Two handles on one database: two windows of the app, each with its own writer.
    const a = new AccessLog(open(name), () => ({ ...actor, staffName: 'window A' }));
    const b = new AccessLog(open(name), () => ({ ...actor, staffName: 'window B' }));
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const subjects = [{ kind: 'buyer' as const, ids: [`b${i}`] }];
      writes.push(a.record({ action: 'view', object: 'buyer', subjects }));
      writes.push(b.record({ action: 'view', object: 'buyer', subjects }));
    }
    await Promise.all(writes);
    const all = await a.all();
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(new Set(all.map((e) => e.prevHash)).size).toBe(80);
    expect(verifyChain(all)).toEqual([]);
    expect(all.filter((e) => e.staffName === 'window B')).toHaveLength(40);
  });

  it("keeps one window's entries in call order", async () => {
    const db = open(`audit-${crypto.randomUUID()}`);
    const log = new AccessLog(db, () => actor);
    const ids = Array.from({ length: 20 }, (_, i) => `b${i}`);
    await Promise.all(
      ids.map((id) =>
        log.record({ action: 'view', object: 'buyer', subjects: [{ kind: 'buyer', ids: [id] }] }),
      ),
    );
    expect((await log.all()).map((e) => e.subjects[0]!.ids[0])).toEqual(ids);
  });
  it('a failed transaction rejects its caller, writes nothing, and the next entry chains on', async () => {
    const db = open(`audit-${crypto.randomUUID()}`);
    await db.open();
    const log = new AccessLog(db, () => actor);
    const view = (id: string) =>
      log.record({ action: 'view', object: 'buyer', subjects: [{ kind: 'buyer', ids: [id] }] });
    await view('b1');
    vi.spyOn(db.sealingKeys!, 'seal').mockImplementationOnce(() => {
      throw new Error('sealing failed');
    });
    await expect(view('b2')).rejects.toThrow('sealing failed');
    await view('b3');
    const all = await log.all();
    expect(all.map((e) => [e.seq, e.subjects[0]!.ids[0]])).toEqual([
      [1, 'b1'],
      [2, 'b3'],
    ]);
    expect(verifyChain(all)).toEqual([]);
  });
});
