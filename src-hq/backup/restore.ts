/**
 * `hq restore <file>`: replaces HQ's data with a backup (a SQLite file from `hq backup`, or
 * a dump; either restores into SQLite or PostgreSQL, so a restore also moves HQ between them).
 *
 * 1. The backup is loaded into a staging database (a file beside SQLite's, a schema beside
 *    PostgreSQL's) migrated to the backup's own schema version, then to this HQ's latest.
 *    Nothing live changes until this has worked; a backup from a newer HQ is refused.
 * 2. One transaction swaps the staged rows in. Laptops linked and revocations made after the
 *    backup are kept from the live database when it is still there (nobody re-links, and a
 *    revoked lost laptop stays revoked); every unused enrollment code expires (one used after
 *    the backup would otherwise work again); every partition gets a new epoch.
 * 3. Laptops see the new epoch at their next pull, keep their copy, and send HQ every change
 *    it no longer has (docs/sync-protocol.md §3 "Restored").
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import {
  openDatabase,
  openMigratedDatabase,
  quoteIdent,
  type DatabaseTarget,
  type HqDatabase,
} from '../db/connect';
import { knownMigrations } from '../db/migrations';
import type { HqSchema } from '../db/schema';
import { newEpoch } from '../repositories/offices';
import { DumpError, readDump, type DumpItem } from './dump-file';
import { listTables, type TableInfo } from './tables';

export class RestoreError extends Error {}

export interface RestoreResult {
  source: 'sqlite-file' | 'dump';
  rows: number;
  partitions: number;
  /** Laptops linked after the backup, kept from the live database. */
  devicesKept: number;
  codesExpired: number;
  ms: number;
}

interface Source {
  kind: RestoreResult['source'];
  migrations: string[];
  items: AsyncGenerator<DumpItem>;
  close(): void;
}

async function openSource(file: string): Promise<Source> {
  const head = Buffer.alloc(16);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new RestoreError(`cannot read ${file}`);
  }
  readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (head.toString('latin1') === 'SQLite format 3\0') {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    let migrations: string[];
    try {
      migrations = (
        db.prepare('select name from kysely_migration order by name').all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    } catch {
      db.close();
      throw new RestoreError(`${file} is a SQLite file but not an HQ database`);
    }
    async function* items(): AsyncGenerator<DumpItem> {
      const tables = db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
        )
        .all() as { name: string }[];
      for (const { name } of tables) {
        const stmt = db.prepare(`select * from ${quoteIdent(name)}`).raw();
        yield { kind: 'table', name, columns: stmt.columns().map((c) => c.name) };
        for (const values of stmt.iterate() as Iterable<unknown[]>) yield { kind: 'row', values };
      }
    }
    return { kind: 'sqlite-file', migrations, items: items(), close: () => db.close() };
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      const { header, items } = await readDump(file);
      return { kind: 'dump', migrations: header.migrations, items, close: () => undefined };
    } catch (e) {
      throw e instanceof DumpError ? new RestoreError(e.message) : e;
    }
  }
  throw new RestoreError(`${file} is neither an HQ backup dump nor an HQ SQLite database`);
}

/** Rows per insert statement: within SQLite's bound-variable limit for HQ's widest table. */
const INSERT_VALUES = 900;

async function loadRows(staging: HqDatabase, source: Source): Promise<number> {
  const tables = new Map((await listTables(staging.db, staging.dialect)).map((t) => [t.name, t]));
  let rows = 0;
  await staging.db.transaction().execute(async (trx) => {
    const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    let table: { name: string; columns: string[] } | null = null;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (table && batch.length > 0) await db.insertInto(table.name).values(batch).execute();
      batch = [];
    };
    for await (const item of source.items) {
      if (item.kind === 'table') {
        await flush();
        const known = tables.get(item.name);
        if (!known)
          throw new RestoreError(`the backup has a table this HQ does not know: ${item.name}`);
        const unknown = item.columns.filter((c) => !known.columns.includes(c));
        if (unknown.length)
          throw new RestoreError(`${item.name}: unknown columns ${unknown.join(', ')}`);
        table = item;
        continue;
      }
      if (!table) throw new RestoreError('the backup has rows before any table');
      const row: Record<string, unknown> = {};
      table.columns.forEach((c, i) => (row[c] = item.values[i] ?? null));
      batch.push(row);
      rows++;
      if (batch.length * table.columns.length >= INSERT_VALUES) await flush();
    }
    await flush();
  });
  return rows;
}

export async function restoreDatabase(
  target: DatabaseTarget,
  file: string,
  now = Date.now,
): Promise<RestoreResult> {
  const started = performance.now();
  const source = await openSource(file);
  const known = knownMigrations();
  const newer = source.migrations.filter((m) => !known.includes(m));
  if (newer.length > 0 || source.migrations.length === 0) {
    source.close();
    throw new RestoreError(
      newer.length > 0
        ? `the backup was made by a newer HQ (migrations ${newer.join(', ')}): upgrade HQ first`
        : 'the backup has no schema version',
    );
  }
  const suffix = randomBytes(6).toString('hex');
  const stagingTarget: DatabaseTarget =
    target.kind === 'sqlite'
      ? { kind: 'sqlite', file: join(dirname(target.file), `.restore-${suffix}.sqlite`) }
      : { ...target, schema: `hq_restore_${suffix}`, poolSize: 2 };
  let staging: HqDatabase | null = null;
  try {
    staging = await openMigratedDatabase(stagingTarget, source.migrations.at(-1));
    const rows = await loadRows(staging, source);
    source.close();
    await staging.destroy();
    staging = await openMigratedDatabase(stagingTarget); // the rest of the migrations
    await staging.destroy();
    staging = null;
    const live = await openMigratedDatabase(target);
    try {
      const swapped = await swapIn(live, stagingTarget, now());
      return { source: source.kind, rows, ...swapped, ms: performance.now() - started };
    } finally {
      await live.destroy();
    }
  } finally {
    source.close();
    await staging?.destroy().catch(() => undefined);
    await dropStaging(target, stagingTarget);
  }
}

async function dropStaging(target: DatabaseTarget, staging: DatabaseTarget) {
  if (staging.kind === 'sqlite') {
    for (const ext of ['', '-wal', '-shm']) rmSync(`${staging.file}${ext}`, { force: true });
    return;
  }
  if (target.kind !== 'postgres' || !staging.schema) return;
  // A plain pool (not migrated: that would create HQ's tables in the default schema).
  const hq = openDatabase({ kind: 'postgres', url: target.url, poolSize: 1 });
  try {
    await sql`drop schema if exists ${sql.raw(quoteIdent(staging.schema))} cascade`.execute(hq.db);
  } finally {
    await hq.destroy();
  }
}

type Offices = HqSchema['offices'][];

/** One transaction: the staged rows replace the live ones; links and revocations are kept. */
async function swapIn(live: HqDatabase, staging: DatabaseTarget, now: number) {
  const tables = await listTables(live.db, live.dialect);
  const from = (t: TableInfo) =>
    staging.kind === 'sqlite'
      ? sql`${sql.raw(`restore_src.${quoteIdent(t.name)}`)}`
      : sql`${sql.raw(`${quoteIdent(staging.schema!)}.${quoteIdent(t.name)}`)}`;
  return live.db.connection().execute(async (conn) => {
    // What the live database knows that the backup may not (small tables).
    const [liveOffices, liveDevices, liveCodes] = await Promise.all([
      conn.selectFrom('offices').selectAll().execute() as Promise<Offices>,
      conn.selectFrom('devices').selectAll().execute(),
      conn.selectFrom('enrollment_codes').selectAll().execute(),
    ]);
    if (staging.kind === 'sqlite') {
      await sql`attach database ${staging.file} as restore_src`.execute(conn);
      await sql`begin immediate`.execute(conn);
      await sql`pragma defer_foreign_keys = on`.execute(conn);
    } else {
      await sql`begin`.execute(conn);
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t.name)))}`.execute(conn);
    }
    try {
      for (const t of tables) {
        const cols = sql.join(t.columns.map((c) => sql.ref(c)));
        if (live.dialect === 'sqlite') await sql`delete from ${sql.table(t.name)}`.execute(conn);
        await sql`insert into ${sql.table(t.name)} (${cols}) select ${cols} from ${from(t)}`.execute(
          conn,
        );
        for (const c of t.serialColumns) {
          await sql`select setval(pg_get_serial_sequence(${t.name}, ${c}),
            coalesce((select max(${sql.ref(c)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(
            conn,
          );
        }
      }
      const restoredOffices = new Set(
        (await conn.selectFrom('offices').select('id').execute()).map((o) => o.id),
      );
      for (const o of liveOffices) {
        if (!restoredOffices.has(o.id)) {
          await conn
            .insertInto('offices')
            .values({ ...o, next_seq: 1, horizon_seq: 0 })
            .execute();
        }
      }
      const restoredDevices = new Map(
        (await conn.selectFrom('devices').selectAll().execute()).map((d) => [d.id, d]),
      );
      let devicesKept = 0;
      for (const d of liveDevices) {
        const r = restoredDevices.get(d.id);
        if (!r) {
          devicesKept++;
          await conn.insertInto('devices').values(d).execute();
        } else if (d.revoked_at !== null && r.revoked_at === null) {
          await conn
            .updateTable('devices')
            .set({ revoked_at: d.revoked_at, revoked_by: d.revoked_by })
            .where('id', '=', d.id)
            .execute();
        }
      }
      const restoredCodes = new Set(
        (await conn.selectFrom('enrollment_codes').select('code_hash').execute()).map(
          (c) => c.code_hash,
        ),
      );
      for (const c of liveCodes) {
        if (!restoredCodes.has(c.code_hash))
          await conn.insertInto('enrollment_codes').values(c).execute();
      }
      const expired = await conn
        .updateTable('enrollment_codes')
        .set({ expires_at: now })
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      const partitions = await conn.selectFrom('offices').select('id').execute();
      for (const p of partitions) {
        await conn
          .updateTable('offices')
          .set({ epoch: newEpoch() })
          .where('id', '=', p.id)
          .execute();
      }
      await sql`commit`.execute(conn);
      return {
        partitions: partitions.length,
        devicesKept,
        codesExpired: Number(expired.numUpdatedRows),
      };
    } catch (e) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw e;
    } finally {
      if (staging.kind === 'sqlite')
        await sql`detach database restore_src`.execute(conn).catch(() => undefined);
    }
  });
}
