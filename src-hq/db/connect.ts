/**
 * Opens the HQ database: SQLite (better-sqlite3, one file) by default, PostgreSQL
 * (pg pool) when a URL is given. Everything above this module uses one kysely API.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { HqSchema } from './schema';
import { migrateToLatest } from './migrations';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Schema to use (search_path); tests use a fresh random one. */
      readonly schema?: string;
      readonly poolSize?: number;
    };

export interface HqDatabase {
  readonly db: Kysely<HqSchema>;
  readonly dialect: Dialect;
  /** Connections of the pool (metrics); SQLite: one, never waiting. */
  poolStats(): { total: number; idle: number; waiting: number };
  /** The better-sqlite3 handle (SQLite only): online backup needs it. */
  readonly sqlite?: BetterSqlite3.Database;
  destroy(): Promise<void>;
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/** pg returns bigint and count(*) as strings; our values fit in a double (seq, millis). */
function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === PG_INT8 || oid === PG_NUMERIC) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export function openDatabase(target: DatabaseTarget): HqDatabase {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new BetterSqlite3(target.file, { timeout: 10_000 });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<HqSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
      destroy: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    types: pgTypes(),
    ...(target.schema ? { options: `-c search_path=${quoteIdent(target.schema)}` } : {}),
  });
  const db = new Kysely<HqSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    destroy: () => db.destroy(),
  };
}

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Bad identifier: ${name}`);
  return `"${name}"`;
}

/** The schema kysely's migrations live in (PostgreSQL; SQLite has none). */
export async function currentSchema(hq: HqDatabase): Promise<string | undefined> {
  if (hq.dialect !== 'postgres') return undefined;
  const current = await sql<{ s: string }>`select current_schema() as s`.execute(hq.db);
  return current.rows[0]?.s ?? 'public';
}

/** Opens and migrates (to the latest, or only up to the migration `upTo`). */
export async function openMigratedDatabase(
  target: DatabaseTarget,
  upTo?: string,
): Promise<HqDatabase> {
  const hq = openDatabase(target);
  try {
    let schema: string | undefined;
    if (hq.dialect === 'postgres' && target.kind === 'postgres') {
      if (target.schema) {
        await sql`create schema if not exists ${sql.raw(quoteIdent(target.schema))}`.execute(hq.db);
      }
      schema = await currentSchema(hq);
    }
    await migrateToLatest(hq.db as unknown as Kysely<unknown>, hq.dialect, schema, upTo);
  } catch (e) {
    await hq.destroy();
    throw e;
  }
  return hq;
}
