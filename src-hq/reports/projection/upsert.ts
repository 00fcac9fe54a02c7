/**
 * The two ways a projection writes a read-model row, in batches of CHUNK rows:
 * `upsertRows` replaces a row's columns, `addToCounters` adds signed deltas to counters and
 * deletes the rows whose `talks` refcount reached 0 (so aggregates always equal a fresh
 * aggregation of report_talks). Rows are written in the order given: callers sort them so
 * concurrent pushes lock in one order.
 */
import { sql } from 'kysely';
import type { HqSchema } from '../../db/schema';
import { CHUNK, type DB } from './common';

type Table = keyof HqSchema & string;
type Column<T extends Table> = keyof HqSchema[T] & string;

/** Inserts `rows`; a row whose `key` exists already gets the `update` columns of the new one. */
export async function upsertRows<T extends Table>(
  db: DB,
  table: T,
  rows: readonly HqSchema[T][],
  key: readonly Column<T>[],
  update: readonly Column<T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .onConflict((oc) =>
        oc
          .columns(key as never)
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(update.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never,
          ),
      )
      .execute();
  }
}

/**
 * Adds each row's `sums` columns (one of them `talks`, the refcount) to the stored row of its
 * `key`, inserting it when missing; then deletes the touched rows whose refcount fell to 0.
 */
export async function addToCounters<T extends Table>(
  db: DB,
  table: T,
  rows: readonly HqSchema[T][],
  key: readonly Column<T>[],
  sums: readonly Column<T>[],
): Promise<void> {
  const t = sql.table(table);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const slice = rows.slice(i, i + CHUNK) as unknown as ReadonlyArray<Record<string, unknown>>;
    await db
      .insertInto(table)
      .values(slice as never)
      .onConflict((oc) =>
        oc
          .columns(key as never)
          .doUpdateSet(
            Object.fromEntries(
              sums.map((c) => [c, sql`${t}.${sql.ref(c)} + ${sql.ref(`excluded.${c}`)}`]),
            ) as never,
          ),
      )
      .execute();
    const dropped = slice.filter((r) => Number(r.talks) < 0);
    if (dropped.length === 0) continue;
    const keyOf = (r: Record<string, unknown>) => sql`(${sql.join(key.map((c) => r[c]))})`;
    await db
      .deleteFrom(table as 'report_money_cells')
      .where(sql<boolean>`talks <= 0`)
      .where(sql<boolean>`(${sql.join(key.map((c) => sql.ref(c)))}) in (${sql.join(dropped.map(keyOf))})`)
      .execute();
  }
}
