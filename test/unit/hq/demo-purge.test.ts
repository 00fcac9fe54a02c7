/**
 * Issue 16: HQ still holds demo records it took in before it refused them. `demo:purge`
 * counts them per office and table (dry run), and with --yes deletes them as tombstones that
 * laptops pull, with the reports updated. On SQLite and PostgreSQL; the command on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import { runCommand } from '../../../src-hq/commands';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { withWriteTransaction } from '../../../src-hq/db/transaction';
import { getPartitions, setNextSeq } from '../../../src-hq/repositories/offices';
import { upsertRecords } from '../../../src-hq/repositories/records';
import { countDemoRecords, purgeDemoRecords } from '../../../src-hq/repositories/demo-records';
import { rebuildReports } from '../../../src-hq/reports/projection';
import { registryFor } from '../../../src-hq/server';
import { BACKENDS, startServer, type TestServer } from './harness';

const NOW = 1_800_000_000_000;
const t = (offsetMs: number) =>
  formatHlc({ millis: NOW + offsetMs, counter: 0, node: 'a'.repeat(16) });

/** Records as an HQ from before the demo refusal stored them (pushed by an older app). */
async function storeAsOldHq(
  hq: HqDatabase,
  rows: { officeId: string; tbl: string; id: string; data: Record<string, unknown> }[],
) {
  await withWriteTransaction(hq, async (trx) => {
    const offices = [...new Set(rows.map((r) => r.officeId))];
    const next = new Map((await getPartitions(trx, offices)).map((p) => [p.id, p.next_seq]));
    await upsertRecords(
      trx,
      rows.map((r) => {
        const seq = next.get(r.officeId)!;
        next.set(r.officeId, seq + 1);
        const hlc = Object.fromEntries(Object.keys(r.data).map((k) => [k, t(0)]));
        const state = { data: r.data, hlc, deleted: false, deletedHlc: null };
        return { officeId: r.officeId, tbl: r.tbl, id: r.id, state, seq, now: NOW };
      }),
    );
    for (const [id, seq] of next) await setNextSeq(trx, id, seq);
    await rebuildReports(trx, hq.dialect);
  });
}

const buyer = (officeId: string, id: string, name: string) => ({
  officeId,
  tbl: 'buyers',
  id,
  data: { officeId, nameNative: name, nameScript: 'ja', country: 'JP', status: 'active' },
});
const contact = (officeId: string, id: string, buyerId: string) => ({
  officeId,
  tbl: 'contacts',
  id,
  data: { officeId, buyerId, familyName: '山田', givenName: '太郎', nameScript: 'ja' },
});

const DEMO_AND_REAL = [
  buyer('tokyo', 'demo-tokyo-b0', '株式会社デモ商事'),
  buyer('tokyo', 'demo-tokyo-b1', '株式会社サンプル'),
  contact('tokyo', 'demo-tokyo-b0-c0', 'demo-tokyo-b0'),
  buyer('shanghai', 'demo-shanghai-b0', '上海演示贸易'),
  buyer('tokyo', 'b-real', '株式会社山田商事'),
  // Not a demo id: the prefix is case-sensitive, as on the laptop.
  buyer('tokyo', 'DEMO-kept', '株式会社本物'),
];

describe.each(BACKENDS)('hq demo:purge on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let hq: HqDatabase;
  let server: TestServer;

  beforeEach(async () => {
    db = await backend.open();
    hq = db.hq;
    server = await startServer(hq, { now: () => NOW, registry: registryFor(false) });
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const pull = async (auth: string, cursors: Record<string, unknown> = {}) => {
    const res = await server.post('/v1/pull', auth, { clientId: 'client-1234', cursors });
    expect(res.status).toBe(200);
    return res.json.partitions as {
      partition: string;
      cursor: unknown;
      rows: { tbl: string; id: string; deleted: boolean }[];
    }[];
  };
  const liveReportBuyers = async () =>
    (
      await hq.db
        .selectFrom('report_buyers')
        .select('id')
        .where('deleted', '=', 0)
        .orderBy('id')
        .execute()
    ).map((r) => r.id);

  it('counts per office and table, deletes on request, and laptops drop what was deleted', async () => {
    const tokyo = await server.enroll('tokyo');
    await storeAsOldHq(hq, DEMO_AND_REAL);
    const first = (await pull(tokyo.auth)).find((p) => p.partition === 'tokyo')!;
    expect(first.rows).toHaveLength(5);
    expect(await liveReportBuyers()).toEqual(
      ['DEMO-kept', 'b-real', 'demo-shanghai-b0', 'demo-tokyo-b0', 'demo-tokyo-b1'].sort(),
    );

    const expected = [
      { officeId: 'shanghai', tbl: 'buyers', records: 1 },
      { officeId: 'tokyo', tbl: 'buyers', records: 2 },
      { officeId: 'tokyo', tbl: 'contacts', records: 1 },
    ];
    expect(await countDemoRecords(hq.db)).toEqual(expected);
    expect(await purgeDemoRecords(hq, NOW + 1000)).toEqual(expected);

    // The laptop's next pull brings the deletes (and nothing else).
    const next = (await pull(tokyo.auth, { tokyo: first.cursor })).find(
      (p) => p.partition === 'tokyo',
    )!;
    expect(next.rows.map((r) => [r.tbl, r.id, r.deleted]).sort()).toEqual([
      ['buyers', 'demo-tokyo-b0', true],
      ['buyers', 'demo-tokyo-b1', true],
      ['contacts', 'demo-tokyo-b0-c0', true],
    ]);
    // Reports count only real buyers; nothing is left to purge; real records untouched.
    expect(await liveReportBuyers()).toEqual(['DEMO-kept', 'b-real'].sort());
    expect(await countDemoRecords(hq.db)).toEqual([]);
    expect(await purgeDemoRecords(hq)).toEqual([]);
    const real = await hq.db
      .selectFrom('records')
      .select(['id', 'deleted'])
      .where('id', 'in', ['b-real', 'DEMO-kept'])
      .orderBy('id')
      .execute();
    expect(real.map((r) => [r.id, Number(r.deleted)])).toEqual(
      [
        ['DEMO-kept', 0],
        ['b-real', 0],
      ].sort(),
    );
  });

  it('the delete is stamped after every stamp the record had (no edit of it can undo it)', async () => {
    await storeAsOldHq(hq, [buyer('tokyo', 'demo-tokyo-b0', '株式会社デモ商事')]);
    await purgeDemoRecords(hq, NOW + 1000);
    const row = await hq.db
      .selectFrom('records')
      .select(['deleted', 'deleted_hlc'])
      .where('id', '=', 'demo-tokyo-b0')
      .executeTakeFirstOrThrow();
    expect(Number(row.deleted)).toBe(1);
    // After every stamp the record had: no field edit can undo it.
    expect(row.deleted_hlc! > t(0)).toBe(true);
  });
});

describe('the demo:purge command (SQLite)', () => {
  let dir: string;
  let lines: string[];
  const io = () => ({
    env: { HQ_DATA_DIR: dir } as NodeJS.ProcessEnv,
    out: (l: string) => lines.push(l),
    err: (l: string) => lines.push(`err: ${l}`),
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hq-demo-purge-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a dry run without --yes, then deletes and says what it did', async () => {
    await runCommand(['demo:purge'], io());
    expect(lines).toEqual(['no demo records at HQ: nothing to delete']);

    const { openMigratedDatabase } = await import('../../../src-hq/db/connect');
    const { ensureSeedOffices } = await import('../../../src-hq/repositories/offices');
    const hq = await openMigratedDatabase({ kind: 'sqlite', file: join(dir, 'hq.sqlite') });
    await ensureSeedOffices(hq.db);
    await storeAsOldHq(hq, DEMO_AND_REAL);
    await hq.destroy();

    lines = [];
    await runCommand(['demo:purge'], io());
    expect(lines).toEqual([
      'demo records at HQ (ids starting demo-):',
      'office\ttable\trecords',
      'shanghai\tbuyers\t1',
      'tokyo\tbuyers\t2',
      'tokyo\tcontacts\t1',
      '4 demo records; nothing changed (dry run). Delete them with: demo:purge --yes',
    ]);
    lines = [];
    await runCommand(['demo:purge'], io()); // still there: the dry run changed nothing
    expect(lines[2]).toBe('shanghai\tbuyers\t1');

    lines = [];
    await runCommand(['demo:purge', '--yes'], io());
    expect(lines[0]).toBe('deleted:');
    expect(lines.at(-1)).toMatch(/^4 demo records deleted; laptops drop them at their next sync/);
    lines = [];
    await runCommand(['demo:purge'], io());
    expect(lines).toEqual(['no demo records at HQ: nothing to delete']);
    lines = [];
    await runCommand(['help'], io());
    expect(lines.join('\n')).toContain('  demo:purge [--yes]\n');
  });
});
