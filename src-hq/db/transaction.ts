import { sql, type Kysely } from 'kysely';
import type { HqDatabase } from './connect';
import type { HqSchema } from './schema';

/**
 * Runs `fn` in a write transaction. SQLite: `BEGIN IMMEDIATE` takes the write lock
 * up front, so writers (also in other processes) serialise and a read-then-write
 * never fails with SQLITE_BUSY mid-way. PostgreSQL: a normal transaction; callers
 * lock the rows they need with `SELECT ... FOR UPDATE` (see `lockForUpdate`).
 */
export async function withWriteTransaction<T>(
  hq: HqDatabase,
  fn: (trx: Kysely<HqSchema>) => Promise<T>,
): Promise<T> {
  if (hq.dialect === 'postgres') return hq.db.transaction().execute(fn);
  return hq.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}
