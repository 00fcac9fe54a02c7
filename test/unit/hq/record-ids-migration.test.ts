/**
 * Migration 0006 on an HQ that already holds one id in two offices (issue 16, item 13): the
 * earliest-stamped row stays, the others move untouched to record_id_clashes, and from then
 * on the unique index refuses a second office's row. SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import { openMigratedDatabase, quoteIdent, type DatabaseTarget } from '../../../src-hq/db/connect';
import { ensureSeedOffices } from '../../../src-hq/repositories/offices';
import { listRecordIdClashes } from '../../../src-hq/repositories/records';
import { PG_URL } from './harness';

const NOW = 1_800_000_000_000;
const stamp = (ms: number) => formatHlc({ millis: NOW + ms, counter: 0, node: 'aaaaaaaaaaaaaaaa' });

async function withTarget(kind: 'sqlite' | 'postgres', fn: (t: DatabaseTarget) => Promise<void>) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hq-mig-'));
    try {
      await fn({ kind: 'sqlite', file: join(dir, 'hq.sqlite') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const schema = `hq_test_${randomBytes(6).toString('hex')}`;
  try {
    await fn({ kind: 'postgres', url: PG_URL!, schema, poolSize: 2 });
  } finally {
    const client = new pg.Client({ connectionString: PG_URL! });
    await client.connect();
    await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await client.end();
  }
}

describe.each(PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const))(
  'migration 0006_record_ids_unique on %s',
  (kind) => {
    it('keeps the earliest-stamped row of a clashing id and moves the others aside', async () => {
      await withTarget(kind, async (target) => {
        const old = await openMigratedDatabase(target, '0005_operations');
        await ensureSeedOffices(old.db, NOW);
        const row = (office_id: string, id: string, firstMs: number, seq: number) => ({
          office_id,
          tbl: 'buyers',
          id,
          data: JSON.stringify({ nameNative: `${office_id} ${id}` }),
          field_hlc: JSON.stringify({ nameNative: stamp(firstMs + 50), city: stamp(firstMs) }),
          deleted: 0,
          deleted_hlc: null,
          seq,
          updated_at: NOW,
        });
        await old.db
          .insertInto('records')
          .values([
            row('tokyo', 'b-1', 100, 1), // written after Shanghai's
            row('shanghai', 'b-1', 0, 1),
            row('tokyo', 'b-2', 0, 2),
          ])
          .execute();
        await old.destroy();

        const hq = await openMigratedDatabase(target);
        try {
          const kept = await hq.db
            .selectFrom('records')
            .select(['office_id', 'id'])
            .orderBy('id')
            .execute();
          expect(kept).toEqual([
            { office_id: 'shanghai', id: 'b-1' },
            { office_id: 'tokyo', id: 'b-2' },
          ]);
          const moved = await hq.db.selectFrom('record_id_clashes').selectAll().execute();
          expect(moved).toHaveLength(1);
          expect(moved[0]).toMatchObject({
            ...row('tokyo', 'b-1', 100, 1),
            moved_at: expect.any(Number),
          });
          // What `records:clashes` lists: the moved row and the office that kept the id.
          expect(await listRecordIdClashes(hq.db)).toEqual([
            {
              tbl: 'buyers',
              id: 'b-1',
              officeId: 'tokyo',
              movedAt: Number(moved[0]!.moved_at),
              keptBy: 'shanghai',
            },
          ]);
          const err = await hq.db
            .insertInto('records')
            .values(row('chengdu', 'b-2', 0, 1))
            .execute()
            .catch((e: unknown) => e);
          expect(err).toBeInstanceOf(Error);
        } finally {
          await hq.destroy();
        }
      });
    });
  },
);
