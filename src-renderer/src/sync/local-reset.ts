/**
 * Dropping local sync data: a partition HQ told this laptop to download again, tombstones
 * past the horizon. Records with unsent edits are kept by both. (A revoke's or an unlink's
 * wipe is the app's: features/sync-ui/office-data.ts `wipeOfficeData`.)
 */
import type { Dexie, Table } from 'dexie';
import { hlcMillis } from '@shared/sync/hlc';
import { SHARED_PARTITION, type TableRegistry } from '@shared/sync/tables';
import type { Row } from './middleware';
import { eachPendingMutation } from './outbox';
import { OUTBOX, TOMBSTONES, type TombstoneRow } from './schema';

/** Matches the server's default `tombstones:purge --days 90`. */
export const TOMBSTONE_HORIZON_MS = 90 * 24 * 60 * 60 * 1000;

const recordKey = (tbl: string, id: string) => `${tbl}\u0000${id}`;

/** `table\0id` of every record with a change still in the outbox. */
async function pendingRecords(db: Dexie): Promise<Set<string>> {
  const pending = new Set<string>();
  await eachPendingMutation(db, (m) => {
    pending.add(recordKey(m.tbl, m.id));
    return true;
  });
  return pending;
}

const tombstones = (db: Dexie) => db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;

/**
 * Drops this partition's local copy, keeping records with unsent edits (call inside the
 * apply transaction of the page that says `reset`).
 */
export async function resetPartition(
  db: Dexie,
  registry: TableRegistry,
  partition: string,
): Promise<void> {
  const pending = await pendingRecords(db);
  for (const spec of registry.tables) {
    const inPartition = (row: Row) =>
      spec.scope === 'shared' ? partition === SHARED_PARTITION : row.officeId === partition;
    if ((spec.scope === 'shared') !== (partition === SHARED_PARTITION)) continue;
    const table = db.table(spec.name) as Table<Row, string>;
    const ids = await table
      .filter((r) => inPartition(r) && !pending.has(recordKey(spec.name, String(r.id))))
      .primaryKeys();
    await table.bulkDelete(ids);
    await tombstones(db)
      .where('tbl')
      .equals(spec.name)
      .filter(
        (t) =>
          (spec.scope === 'shared' || t.officeId === partition) &&
          !pending.has(recordKey(t.tbl, t.id)),
      )
      .delete();
  }
}

/**
 * Forgets tombstones deleted before `cutoff` (epoch ms; HQ purges its own after the same
 * horizon, default 90 days), except those whose delete is not yet acked by HQ.
 */
export async function purgeTombstones(db: Dexie, cutoff: number): Promise<number> {
  return db.transaction('rw', [TOMBSTONES, OUTBOX], async () => {
    const pending = await pendingRecords(db);
    const tombs = tombstones(db);
    const old = await tombs
      .filter(
        (t) =>
          t.state.deletedHlc !== null &&
          hlcMillis(t.state.deletedHlc) < cutoff &&
          !pending.has(recordKey(t.tbl, t.id)),
      )
      .primaryKeys();
    await tombs.bulkDelete(old);
    return old.length;
  });
}
