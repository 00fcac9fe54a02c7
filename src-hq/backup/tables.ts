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
    // Two catalog queries for the whole schema (round trips dominate small databases).
    const cols = await sql<{ tbl: string; name: string; def: string | null }>`
      select c.table_name as tbl, c.column_name as name, c.column_default as def
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(db);
    const fks = await sql<{ tbl: string; ref: string }>`
      select distinct tc.table_name as tbl, ccu.table_name as ref
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
    const byName = new Map<string, TableInfo>();
    for (const c of cols.rows) {
      if (MIGRATION_TABLES.has(c.tbl)) continue;
      let t = byName.get(c.tbl);
      if (!t)
        byName.set(c.tbl, (t = { name: c.tbl, columns: [], references: [], serialColumns: [] }));
      t.columns.push(c.name);
      if (c.def?.startsWith('nextval(')) t.serialColumns.push(c.name);
    }
    for (const f of fks.rows) {
      const t = byName.get(f.tbl);
      if (t && f.ref !== f.tbl && !t.references.includes(f.ref)) t.references.push(f.ref);
    }
    out.push(...[...byName.values()].sort((x, y) => x.name.localeCompare(y.name)));
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
