/**
 * What a backup copies: every table of HQ's schema (found in the database, so a table a
 * later migration adds is never forgotten), its columns, and an order in which rows can be
 * inserted without breaking a foreign key.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/connect';

// Any schema: the tables are read from the database itself.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** kysely's bookkeeping: the migration list travels in the backup's header instead. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface TableInfo {
  name: string;
  columns: string[];
  /** Tables this one references (foreign keys). */
  references: string[];
  /** PostgreSQL serial columns whose sequence must follow the restored ids. */
  serialColumns: string[];
}

export async function listTables(db: AnyDb, dialect: Dialect): Promise<TableInfo[]> {
  const out: TableInfo[] = [];
  if (dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
      order by name`.execute(db);
    for (const { name } of tables.rows) {
      if (MIGRATION_TABLES.has(name)) continue;
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})
        order by cid`.execute(db);
      const fks = await sql<{
        table: string;
      }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
      out.push({
        name,
        columns: cols.rows.map((c) => c.name),
        references: [...new Set(fks.rows.map((f) => f.table))],
        serialColumns: [],
      });
    }
  } else {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
      order by table_name`.execute(db);
    for (const { name } of tables.rows) {
      if (MIGRATION_TABLES.has(name)) continue;
      const cols = await sql<{ name: string; def: string | null }>`
        select column_name as name, column_default as def from information_schema.columns
        where table_schema = current_schema() and table_name = ${name}
        order by ordinal_position`.execute(db);
      const fks = await sql<{ ref: string }>`
        select distinct ccu.table_name as ref
        from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu
          on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()
          and tc.table_name = ${name}`.execute(db);
      out.push({
        name,
        columns: cols.rows.map((c) => c.name),
        references: fks.rows.map((f) => f.ref).filter((r) => r !== name),
        serialColumns: cols.rows.filter((c) => c.def?.startsWith('nextval(')).map((c) => c.name),
      });
    }
  }
  return insertionOrder(out);
}

/** Referenced tables first (a table's rows may point at rows inserted before them). */
export function insertionOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const r of t.references) {
      const ref = byName.get(r);
      if (ref) visit(ref, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

export async function appliedMigrations(db: AnyDb): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}
