/**
 * After HQ restored an older backup: the laptop's copy holds changes HQ no longer has
 * (acked long ago, so no longer in the outbox). HQ's pull answer says so (`reset` with
 * `restored`, docs/sync-protocol.md §3); then:
 * 1. `markForResend` (in the page's apply transaction): every local record of the partition,
 *    live or deleted, is listed in `_resend`; nothing local is dropped.
 * 2. `confirmPulled`: as the partition downloads again from scratch and merges, a record
 *    whose pulled state contains the local one leaves the list (HQ has it).
 * 3. `queueResends` (after the pull is complete): what is still listed is what HQ lacks;
 *    each record's whole state goes to the outbox as one change, and the next push sends it.
 * Merging is idempotent and keyed by record id, so nothing is duplicated, and the laptop
 * keeps its credential: no one links again.
 */
import type { Dexie, Table } from 'dexie';
import { stateContains, stateToChanges, type RecordState } from '@shared/sync/merge';
import { SHARED_PARTITION, type TableRegistry } from '@shared/sync/tables';
import { isDemoId } from '@shared/sync/demo-ids';
import { rowState, type Row } from './middleware';
import {
  OUTBOX,
  OUTBOX_SLOTS,
  RESEND,
  TOMBSTONES,
  type OutboxEntry,
  type OutboxRow,
  type ResendRow,
  type TombstoneRow,
} from './schema';

const resendTable = (db: Dexie) => db.table(RESEND) as Table<ResendRow, [string, string]>;

/** Lists every local record of `partition` for re-sending (call inside the apply transaction). */
export async function markForResend(
  db: Dexie,
  registry: TableRegistry,
  partition: string,
): Promise<number> {
  const shared = partition === SHARED_PARTITION;
  const rows: ResendRow[] = [];
  for (const spec of registry.tables) {
    if ((spec.scope === 'shared') !== shared) continue;
    const live = await (db.table(spec.name) as Table<Row, string>)
      .filter((r) => shared || r.officeId === partition)
      .primaryKeys();
    for (const id of live) {
      if (!isDemoId(id)) rows.push({ tbl: spec.name, id: String(id), part: partition });
    }
    const tombs = await (db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>)
      .where('tbl')
      .equals(spec.name)
      .filter((t) => shared || t.officeId === partition)
      .primaryKeys();
    for (const [tbl, id] of tombs) if (!isDemoId(id)) rows.push({ tbl, id, part: partition });
  }
  await resendTable(db).bulkPut(rows);
  return rows.length;
}

/** Whether any record waits to be confirmed or re-sent (pulls then merge, never overwrite). */
export async function resendPending(db: Dexie): Promise<boolean> {
  return (await resendTable(db).limit(1).primaryKeys()).length > 0;
}

/**
 * After merging pulled rows of `tbl`: drops from the list the records whose pulled state
 * (HQ's) contains the local one they were merged with.
 */
export async function confirmPulled(
  db: Dexie,
  tbl: string,
  merged: Array<{ id: string; local: RecordState; remote: RecordState }>,
): Promise<void> {
  const held = merged
    .filter((m) => stateContains(m.remote, m.local))
    .map((m): [string, string] => [tbl, m.id]);
  if (held.length > 0) await resendTable(db).bulkDelete(held);
}

/**
 * Turns what is still listed into outbox changes (whole record states), one outbox row per
 * transaction. `skip`: tables this device may not write (an office laptop never sends HQ's
 * exchange rates back). Returns how many changes were queued.
 */
export async function queueResends(
  db: Dexie,
  registry: TableRegistry,
  skip: ReadonlySet<string> = new Set(),
): Promise<number> {
  let queued = 0;
  for (;;) {
    const n = await db.transaction(
      'rw',
      [RESEND, OUTBOX, TOMBSTONES, ...registry.tables.map((t) => t.name)],
      async () => {
        const listed = await resendTable(db).limit(OUTBOX_SLOTS).toArray();
        if (listed.length === 0) return 0;
        const entries: OutboxEntry[] = [];
        for (const r of listed) {
          const spec = registry.get(r.tbl);
          if (!spec || skip.has(r.tbl)) continue;
          const live = (await db.table(r.tbl).get(r.id)) as Row | undefined;
          const tomb = live
            ? undefined
            : ((await db.table(TOMBSTONES).get([r.tbl, r.id])) as TombstoneRow | undefined);
          const state = live ? rowState(live) : tomb?.state;
          if (!state) continue; // gone locally since (a reset of another kind)
          const officeId =
            spec.scope === 'office' ? (live ? (live.officeId as string) : tomb!.officeId) : null;
          entries.push({
            slot: entries.length,
            tbl: r.tbl,
            id: r.id,
            ...(officeId ? { officeId } : {}),
            ...stateToChanges(spec, state),
          });
        }
        if (entries.length > 0) {
          const row: OutboxRow = { at: Date.now(), entries };
          await db.table(OUTBOX).add(row);
        }
        await resendTable(db).bulkDelete(listed.map((r): [string, string] => [r.tbl, r.id]));
        queued += entries.length;
        return listed.length;
      },
    );
    if (n === 0) return queued;
  }
}
