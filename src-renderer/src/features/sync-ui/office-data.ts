/**
 * What a link, an unlink or a revoke removes from the laptop: rows of other offices when
 * linking, this office's data when unlinking or revoked. Deleting local copies is never a
 * change to send to HQ (the transactions are marked remote).
 */
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import type { BridgeheadDatabase } from '../../data/db';
import {
  OUTBOX,
  REJECTED,
  SYNC_META_STORES,
  TOMBSTONES,
  markRemoteTransaction,
  pendingMutationCount,
  rowMutations,
  type OutboxRow,
  type RejectedRow,
  type TombstoneRow,
} from '../../sync';

/** Key of a record (table and id) in a set. */
const recordKey = (table: string, id: string) => `${table}\u0000${id}`;

export class UnlinkRefusedError extends Error {
  override readonly name = 'UnlinkRefusedError';
  readonly code = 'unlinkPending';
  constructor(readonly pending: number) {
    super(`${pending} changes not yet sent to HQ`);
  }
}

/** Tables whose local rows a revoked or unlinked laptop must not keep. */
export function officeDataTables(): string[] {
  return [
    ...DEFAULT_TABLE_REGISTRY.tables.filter((t) => t.scope === 'office').map((t) => t.name),
    ...Object.keys(SYNC_META_STORES),
  ];
}

/**
 * A laptop linked to an office holds only that office's rows: rows another office left
 * here (made before linking, or under an earlier link) are removed. Their unsent changes
 * can never be accepted by HQ from this laptop (office_forbidden); they are listed as
 * refused on the sync screen instead of vanishing silently.
 */
export async function keepOnlyOffice(db: BridgeheadDatabase, officeId: string): Promise<void> {
  const officeTables = DEFAULT_TABLE_REGISTRY.tables
    .filter((t) => t.scope === 'office' && db.tables.some((d) => d.name === t.name))
    .map((t) => t.name);
  const now = Date.now();
  await db.transaction('rw', [...officeTables, OUTBOX, TOMBSTONES, REJECTED], async (tx) => {
    markRemoteTransaction(tx.idbtrans);
    const foreign = new Set<string>();
    for (const name of officeTables) {
      const table = db.table(name);
      const ids = (await table
        .filter((r: { officeId?: unknown }) => r.officeId !== officeId)
        .primaryKeys()) as string[];
      for (const id of ids) foreign.add(recordKey(name, id));
      await table.bulkDelete(ids);
    }
    const tombs = db.table<TombstoneRow, [string, string]>(TOMBSTONES);
    await tombs.filter((t) => officeTables.includes(t.tbl) && t.officeId !== officeId).delete();
    const outbox = db.table<OutboxRow, number>(OUTBOX);
    const rows = await outbox.toArray();
    for (const row of rows) {
      const keep = row.entries.filter((e) => {
        const isForeign =
          officeTables.includes(e.tbl) &&
          (foreign.has(recordKey(e.tbl, e.id)) ||
            (e.officeId !== undefined && e.officeId !== null && e.officeId !== officeId));
        return !isForeign;
      });
      if (keep.length === row.entries.length) continue;
      for (const e of row.entries) {
        if (keep.includes(e)) continue;
        // As the push would have sent it (compact entries expanded).
        const [mutation] = rowMutations({ ...row, entries: [e] });
        await db.table<RejectedRow, number>(REJECTED).add({
          mutation: mutation!,
          code: 'office_forbidden',
          message: `Recorded for office ${String(e.officeId)} before this laptop was linked to ${officeId}`,
          at: now,
        });
      }
      if (keep.length === 0) await outbox.delete(row.seq!);
      else await outbox.put({ ...row, entries: keep });
    }
  });
}

/**
 * Removes this office's data from the laptop (office-scoped tables and every sync store).
 * `requireNothingPending`: refused while changes are waiting (they exist nowhere else yet);
 * the check and the wipe run in one transaction, so a write arriving in between is not lost.
 */
export async function wipeOfficeData(
  db: BridgeheadDatabase,
  { requireNothingPending }: { requireNothingPending: boolean },
): Promise<void> {
  const names = officeDataTables().filter((n) => db.tables.some((t) => t.name === n));
  await db.transaction('rw', names, async (tx) => {
    if (requireNothingPending) {
      const pending = await pendingMutationCount(db);
      if (pending > 0) throw new UnlinkRefusedError(pending);
    }
    // Deleting local copies is not a change to send to HQ.
    markRemoteTransaction(tx.idbtrans);
    for (const name of names) await db.table(name).clear();
  });
}
