/**
 * Backups that lose nothing, on SQLite and PostgreSQL: laptops sync, HQ is backed up, two
 * laptops sync more (new records, edits, a delete, a shared record), HQ is restored from the
 * backup while it serves, and after the laptops sync again HQ holds exactly the union of what
 * they hold, with no laptop linking again. And a backup taken (by the CLI, in another process)
 * while 4 laptops push is one consistent snapshot.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../src-hq/backup/backup';
import { restoreDatabase } from '../../../src-hq/backup/restore';
import { openMigratedDatabase, type HqDatabase } from '../../../src-hq/db/connect';
import { BACKENDS, PG_URL, startServer, type TestServer } from './harness';
import { createLaptop, visibleRows, type Laptop } from '../sync/laptop';

const T0 = 1_800_000_000_000;

async function hqRows(hq: HqDatabase, partition: string) {
  const rows = await hq.db
    .selectFrom('records')
    .select(['tbl', 'id', 'data', 'deleted'])
    .where('office_id', '=', partition)
    .orderBy('tbl')
    .orderBy('id')
    .execute();
  return rows;
}

/** What a laptop shows, as HQ's live rows of a table: id -> data. */
async function liveAtHq(hq: HqDatabase, partition: string, tbl: string) {
  const out: Record<string, unknown> = {};
  for (const r of await hqRows(hq, partition)) {
    if (r.tbl === tbl && !r.deleted) out[r.id] = { id: r.id, ...JSON.parse(r.data) };
  }
  return out;
}

async function onLaptop(l: Laptop, tbl: string) {
  return Object.fromEntries((await visibleRows(l.db, tbl)).map((r) => [r.id, r]));
}

describe.each(BACKENDS)('HQ backup and restore on $name', (backend) => {
  let env: Awaited<ReturnType<typeof backend.open>>;
  let server: TestServer;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hq-backup-'));
    env = await backend.open();
    server = await startServer(env.hq, { now: () => T0 + 60_000 });
  });
  afterEach(async () => {
    await server.app.close();
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function laptop(name: string, office: string | null) {
    const { auth } = await server.enroll(office, name);
    return createLaptop(name, auth.slice('Bearer '.length), () => server.app, { startMs: T0 });
  }

  it('restores an older backup and the laptops send back everything HQ lost, without duplicates or re-linking', async () => {
    const a = await laptop('a', 'tokyo');
    const b = await laptop('b', 'tokyo');
    const notes = (l: Laptop) => l.db.table('test_notes');
    await notes(a).bulkAdd(
      Array.from({ length: 5 }, (_, i) => ({ id: `a${i}`, officeId: 'tokyo', text: `a${i}` })),
    );
    await notes(b).bulkAdd([{ id: 'b0', officeId: 'tokyo', text: 'b0', color: 'red' }]);
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();

    const file = join(dir, backend.name === 'sqlite' ? 'hq.sqlite' : 'hq.dump.gz');
    const backup = await backupDatabase(env.hq, file);
    expect(backup.bytes).toBeGreaterThan(1000);

    // After the backup: new records, edits of old ones, a delete, a shared record, a new laptop.
    a.clock.now += 1000;
    b.clock.now += 2000;
    await notes(a).bulkAdd([
      { id: 'a5', officeId: 'tokyo', text: 'after the backup' },
      { id: 'a6', officeId: 'tokyo', text: 'also after' },
    ]);
    await notes(a).update('a0', { text: 'a0 edited after the backup' });
    await notes(a).delete('a1');
    await notes(b).update('b0', { color: 'blue' });
    await b.db.table('test_firms').add({ id: 'f1', name: 'Gyeongnam Foods' });
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    const c = await laptop('c', 'tokyo'); // linked after the backup
    await notes(c).add({ id: 'c0', officeId: 'tokyo', text: 'from the new laptop' });
    await c.engine.sync();
    await a.engine.sync();
    await b.engine.sync();
    // One more edit that stays unsent through the restore.
    b.clock.now += 1000;
    await notes(b).update('a2', { text: 'edited offline during the restore' });

    const before = await liveAtHq(env.hq, 'tokyo', 'test_notes');
    expect(Object.keys(before).sort()).toEqual(['a0', 'a2', 'a3', 'a4', 'a5', 'a6', 'b0', 'c0']);

    const restored = await restoreDatabase(env.target, file, () => T0 + 120_000);
    expect(restored.devicesKept).toBe(1); // laptop c
    expect(restored.rows).toBeGreaterThan(5);
    // HQ went back: the records of after the backup are gone, a1 is alive again.
    const back = await liveAtHq(env.hq, 'tokyo', 'test_notes');
    expect(Object.keys(back).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0']);
    expect(back.a0).toMatchObject({ text: 'a0' });

    for (const l of [a, b, c, a, b, c]) await l.engine.sync(); // no 401: nobody re-links
    for (const l of [a, b, c]) expect(await l.engine.pendingCount()).toBe(0);

    const atHq = await liveAtHq(env.hq, 'tokyo', 'test_notes');
    expect(Object.keys(atHq).sort()).toEqual(['a0', 'a2', 'a3', 'a4', 'a5', 'a6', 'b0', 'c0']);
    expect(atHq.a0).toMatchObject({ text: 'a0 edited after the backup' });
    expect(atHq.a2).toMatchObject({ text: 'edited offline during the restore' });
    expect(atHq.b0).toMatchObject({ color: 'blue' });
    for (const l of [a, b, c]) {
      expect(await onLaptop(l, 'test_notes')).toEqual(atHq);
      expect(await onLaptop(l, 'test_firms')).toEqual(
        await liveAtHq(env.hq, '_shared', 'test_firms'),
      );
    }
    expect(Object.keys(await liveAtHq(env.hq, '_shared', 'test_firms'))).toEqual(['f1']);
    // The delete made after the backup holds at HQ (its tombstone went back too).
    const a1 = (await hqRows(env.hq, 'tokyo')).find((r) => r.id === 'a1')!;
    expect(a1.deleted).toBe(1);
    // Nothing duplicated: one row per record, and what HQ already had was not re-sent.
    const all = await hqRows(env.hq, 'tokyo');
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('a restore refuses a damaged or foreign file and changes nothing', async () => {
    const a = await laptop('a', 'tokyo');
    await a.db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'kept' });
    await a.engine.sync();
    const file = join(dir, 'backup');
    await backupDatabase(env.hq, file);
    const { writeFileSync, readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    writeFileSync(join(dir, 'cut'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    writeFileSync(join(dir, 'text'), 'hello');
    const epochs = await env.hq.db.selectFrom('offices').select(['id', 'epoch']).execute();
    await expect(restoreDatabase(env.target, join(dir, 'text'))).rejects.toThrow(
      'neither an HQ backup dump nor an HQ SQLite database',
    );
    await expect(restoreDatabase(env.target, join(dir, 'cut'))).rejects.toThrow();
    expect(await env.hq.db.selectFrom('offices').select(['id', 'epoch']).execute()).toEqual(epochs);
    expect(Object.keys(await liveAtHq(env.hq, 'tokyo', 'test_notes'))).toEqual(['n1']);
  });

  it('a backup taken by the CLI while 4 laptops push is one consistent snapshot', async () => {
    const writers = await Promise.all([0, 1, 2, 3].map((i) => server.enroll('tokyo', `w${i}`)));
    const hlc = (n: number) => `${String(T0 + n).padStart(15, '0')}-0000-00000000000000aa`;
    let backingUp = true;
    let mids = [0, 0, 0, 0];
    const pushing = writers.map(async (w, wi) => {
      while (backingUp || mids[wi]! < 30) {
        const start = mids[wi]! + 1;
        const mutations = Array.from({ length: 5 }, (_, k) => ({
          mid: start + k,
          tbl: 'test_notes',
          id: `w${wi}-${start + k}`,
          fields: { officeId: ['tokyo', hlc(start + k)], text: [`${start + k}`, hlc(start + k)] },
        }));
        const res = await server.post('/v1/push', w.auth, { clientId: `writer-${wi}`, mutations });
        expect(res.status).toBe(200);
        mids[wi] = start + 4;
      }
    });
    // The CLI in its own process, as an administrator would run it next to the server.
    const root = resolve(import.meta.dirname, '../../..');
    const tsx = pathToFileURL(resolve(root, 'node_modules/tsx/dist/loader.mjs')).href;
    const file = join(dir, 'during-pushes');
    const cliEnv: NodeJS.ProcessEnv = { ...process.env, HQ_LOG_LEVEL: 'silent' };
    if (env.target.kind === 'sqlite') cliEnv.HQ_DATA_DIR = resolve(env.target.file, '..');
    else {
      cliEnv.DATABASE_URL = env.target.url;
      cliEnv.HQ_PG_SCHEMA = env.target.schema!;
    }
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', tsx, 'src-hq/cli.ts', 'backup', file],
        { cwd: root, env: cliEnv, timeout: 120_000 },
      );
      expect(stdout).toMatch(/^backup written: .* MB\/s\)$/m);
    } finally {
      backingUp = false;
      await Promise.all(pushing);
    }
    mids = [...mids];
    // Open the backup as a database of its own and check it.
    const copy = join(dir, 'copy.sqlite');
    const fresh = await openMigratedDatabase({ kind: 'sqlite', file: copy });
    try {
      await fresh.destroy();
      await restoreDatabase({ kind: 'sqlite', file: copy }, file);
      const db = await openMigratedDatabase({ kind: 'sqlite', file: copy });
      try {
        const clients = await db.db
          .selectFrom('clients')
          .select(['client_id', 'last_mutation_id'])
          .execute();
        const rows = await hqRows(db, 'tokyo');
        const office = await db.db
          .selectFrom('offices')
          .selectAll()
          .where('id', '=', 'tokyo')
          .executeTakeFirstOrThrow();
        let total = 0;
        for (let wi = 0; wi < 4; wi++) {
          const acked = clients.find((c) => c.client_id === `writer-${wi}`)?.last_mutation_id ?? 0;
          const ids = rows
            .filter((r) => r.id.startsWith(`w${wi}-`))
            .map((r) => Number(r.id.split('-')[1]));
          // Exactly the pushes the snapshot says were applied: none half, none missing.
          expect(ids.sort((x, y) => x - y)).toEqual(Array.from({ length: acked }, (_, i) => i + 1));
          total += acked;
        }
        expect(total).toBeGreaterThan(0);
        expect(total).toBeLessThan(mids.reduce((s, m) => s + m, 0) + 1);
        const seqs = (
          await db.db.selectFrom('records').select('seq').where('office_id', '=', 'tokyo').execute()
        ).map((r) => r.seq);
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(Math.max(...seqs)).toBe(office.next_seq - 1);
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(copy, { force: true });
    }
    void PG_URL;
  }, 240_000); // a CLI process of its own: slow to start on a loaded machine
});
