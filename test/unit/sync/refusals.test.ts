/**
 * Issue 16 (items 13-14) on the laptop: what HQ refuses for good is set aside and shown,
 * never retried forever, and a value HQ would refuse never enters the outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatHlc } from '@shared/sync/hlc';
import { MAX_VALUE_DEPTH } from '@shared/sync/json-value';
import { OUTBOX, REJECTED, SyncWriteError } from '../../../src-renderer/src/sync';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { createLaptop, visibleRows } from './laptop';

const T0 = 1_800_000_000_000;

/** A value nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('laptop handling of HQ refusals (SQLite HQ)', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  const app = (): FastifyInstance => server.app;

  beforeEach(async () => {
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { now: () => T0 });
  });
  afterEach(async () => {
    await server.app.close();
    await env.cleanup();
  });

  async function laptop(name: string, office: string) {
    const { auth } = await server.enroll(office, name);
    return createLaptop(name, auth.slice('Bearer '.length), app, { startMs: T0 });
  }

  it('sets aside a record whose id another office uses (id_taken), keeps syncing, never retries it', async () => {
    const shanghai = await laptop('shanghai-1', 'shanghai');
    const tokyo = await laptop('tokyo-1', 'tokyo');
    await shanghai.db
      .table('test_notes')
      .add({ id: 'same-id', officeId: 'shanghai', text: 'Shanghai buyer' });
    await shanghai.engine.sync();
    await tokyo.db.table('test_notes').add({ id: 'same-id', officeId: 'tokyo', text: 'mine' });
    await tokyo.db.table('test_notes').add({ id: 'tokyo-own', officeId: 'tokyo', text: 'fine' });
    const stats = await tokyo.engine.sync();
    expect(stats.rejected).toBe(1);
    expect(await tokyo.engine.pendingCount()).toBe(0);
    const rejected = await tokyo.engine.rejected();
    expect(rejected.map((r) => [r.mutation.id, r.code])).toEqual([['same-id', 'id_taken']]);
    // The local copy is kept (never lose data); the next sync sends nothing again.
    expect((await visibleRows(tokyo.db, 'test_notes')).map((r) => r.id)).toEqual([
      'same-id',
      'tokyo-own',
    ]);
    const again = await tokyo.engine.sync();
    expect(again.pushRequests).toBe(0);
    // Shanghai's record is untouched at HQ.
    const rows = await env.hq.db.selectFrom('records').select(['office_id', 'id']).execute();
    expect(rows.map((r) => [r.office_id, r.id]).sort()).toEqual([
      ['shanghai', 'same-id'],
      ['tokyo', 'tokyo-own'],
    ]);
  });

  it('refuses to save a value nested too deep or a non-finite number; nothing is written', async () => {
    const tokyo = await laptop('tokyo-1', 'tokyo');
    const notes = tokyo.db.table('test_notes');
    for (const [value, code] of [
      [nested(MAX_VALUE_DEPTH + 1), 'value_too_deep'],
      [nested(3_000), 'value_too_deep'],
      [{ amount: Infinity }, 'number_not_finite'],
      [[1, NaN], 'number_not_finite'],
      [{ amount: 2 ** 53 + 2 }, 'number_unsafe'],
      [-(2 ** 60), 'number_unsafe'],
    ] as const) {
      const err = await notes
        .add({ id: 'n1', officeId: 'tokyo', v: value })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SyncWriteError);
      expect((err as SyncWriteError).code).toBe(code);
    }
    await notes.add({ id: 'n1', officeId: 'tokyo', v: 1 });
    const err = await notes.update('n1', { v: nested(3_000) }).catch((e: unknown) => e);
    expect((err as SyncWriteError).code).toBe('value_too_deep');
    expect(await visibleRows(tokyo.db, 'test_notes')).toEqual([
      { id: 'n1', officeId: 'tokyo', v: 1 },
    ]);
    expect(await tokyo.engine.pendingCount()).toBe(1);
    await notes.update('n1', { v: nested(MAX_VALUE_DEPTH) });
    expect(await tokyo.engine.pendingCount()).toBe(2);
  });

  it('a deep value already queued (an older app) is refused with 400 and set aside, not retried', async () => {
    const tokyo = await laptop('tokyo-1', 'tokyo');
    await tokyo.db.table(OUTBOX).add({
      entries: [
        {
          slot: 0,
          tbl: 'test_notes',
          id: 'deep',
          officeId: 'tokyo',
          fields: {
            v: [nested(200), formatHlc({ millis: T0, counter: 0, node: 'cccccccccccccccc' })],
          },
        },
      ],
    });
    const stats = await tokyo.engine.sync();
    expect(stats.rejected).toBe(1);
    const rejected = await tokyo.db.table(REJECTED).toArray();
    expect(rejected.map((r) => r.code)).toEqual(['value_too_deep']);
    expect(await tokyo.engine.pendingCount()).toBe(0);
  });
});
