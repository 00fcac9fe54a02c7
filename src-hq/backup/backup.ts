/**
 * `hq backup <file>` while HQ serves. Both kinds are one consistent snapshot: every push
 * is either wholly in the backup or not at all, with its client's last mutation id.
 * - SQLite: `VACUUM INTO` (one read transaction; writers go on under WAL) gives a compact,
 *   ready-to-open database file, checked with `quick_check`.
 * - PostgreSQL: a logical dump written by HQ's own code (no pg_dump of a matching version
 *   needed) from one REPEATABLE READ READ ONLY transaction (dump-file.ts).
 * The file appears under its name only when complete (written as `<file>.partial`).
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { HqDatabase } from '../db/connect';
import { writeDump } from './dump-file';
import { appliedMigrations, listTables } from './tables';

export interface BackupResult {
  file: string;
  kind: 'sqlite-file' | 'dump';
  bytes: number;
  /** Rows copied (dump) — a SQLite file copies pages, not rows. */
  rows: number | null;
  ms: number;
}

/** Rows fetched per round trip from the dump's cursor. */
const FETCH_ROWS = 2000;

export async function backupDatabase(
  hq: HqDatabase,
  file: string,
  now = Date.now,
): Promise<BackupResult> {
  const started = performance.now();
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  let rows: number | null = null;
  try {
    if (hq.dialect === 'sqlite') {
      hq.sqlite!.prepare('vacuum into ?').run(partial);
      const copy = new BetterSqlite3(partial, { readonly: true });
      try {
        const check = copy.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new Error(`the backup failed its check: ${String(check)}`);
      } finally {
        copy.close();
      }
    } else {
      rows = await dumpPostgres(hq, partial, now());
    }
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return {
    file,
    kind: hq.dialect === 'sqlite' ? 'sqlite-file' : 'dump',
    bytes: statSync(file).size,
    rows,
    ms: performance.now() - started,
  };
}

async function dumpPostgres(hq: HqDatabase, file: string, createdAt: number): Promise<number> {
  return hq.db.connection().execute(async (conn) => {
    await sql`begin isolation level repeatable read read only`.execute(conn);
    const migrations = await appliedMigrations(conn);
    const writer = writeDump(file, {
      format: 'bridgehead-hq-backup',
      version: 1,
      dialect: 'postgres',
      createdAt,
      migrations,
    });
    try {
      for (const table of await listTables(conn, 'postgres')) {
        await writer.table(table.name, table.columns);
        const cols = sql.join(table.columns.map((c) => sql.ref(c)));
        await sql`declare backup_rows no scroll cursor for select ${cols} from ${sql.table(table.name)}`.execute(
          conn,
        );
        for (;;) {
          const batch = await sql<
            Record<string, unknown>
          >`fetch ${sql.lit(FETCH_ROWS)} from backup_rows`.execute(conn);
          for (const r of batch.rows) await writer.row(table.columns.map((c) => r[c] ?? null));
          if (batch.rows.length < FETCH_ROWS) break;
        }
        await sql`close backup_rows`.execute(conn);
      }
      await sql`commit`.execute(conn);
      return (await writer.finish()).rows;
    } catch (e) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      await writer.abort();
      throw e;
    }
  });
}
