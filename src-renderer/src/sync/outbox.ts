/**
 * Reading and trimming the outbox. Works inside an open Dexie transaction that
 * includes `_outbox` (Dexie joins it) or on its own.
 */
import type { Dexie, Table } from 'dexie';
import type { Mutation } from '@shared/sync/protocol';
import { OUTBOX, OUTBOX_SLOTS, outboxMid, type OutboxRow } from './schema';

const outbox = (db: Dexie) => db.table(OUTBOX) as Table<OutboxRow, number>;

export function rowMutations(row: OutboxRow): Mutation[] {
  return row.entries.map(({ slot, values, hlc, fields, ...m }) => {
    // Compact entries (one HLC for every field written): the protocol's field -> [value, hlc].
    const all: Mutation['fields'] = fields ?? {};
    if (values && hlc) for (const f in values) all[f] = [values[f], hlc];
    return { ...m, fields: all, mid: outboxMid(row.seq!, slot) } as Mutation;
  });
}

/** Pending mutations in order; `visit` returns false to stop early. */
export async function eachPendingMutation(
  db: Dexie,
  visit: (m: Mutation) => boolean,
): Promise<void> {
  let stop = false;
  await outbox(db)
    .orderBy('seq')
    .until(() => stop)
    .each((row) => {
      for (const m of rowMutations(row)) {
        if (!visit(m)) {
          stop = true;
          return;
        }
      }
    });
}

export async function pendingMutationCount(db: Dexie): Promise<number> {
  let n = 0;
  await outbox(db).each((row) => (n += row.entries.length));
  return n;
}

/** Drops every change with mid ≤ lastMutationId (acked by HQ). */
export async function ackOutbox(db: Dexie, lastMutationId: number): Promise<void> {
  const lastFullRow = Math.floor(lastMutationId / OUTBOX_SLOTS) - 1;
  if (lastFullRow >= 1) await outbox(db).where('seq').belowOrEqual(lastFullRow).delete();
  const partial = await outbox(db).get(Math.floor(lastMutationId / OUTBOX_SLOTS));
  if (partial)
    await keepEntries(db, partial, (slot) => outboxMid(partial.seq!, slot) > lastMutationId);
}

/** Removes one change (HQ refused it for good). */
export async function removeMutation(db: Dexie, mid: number): Promise<void> {
  const row = await outbox(db).get(Math.floor(mid / OUTBOX_SLOTS));
  if (row) await keepEntries(db, row, (slot) => outboxMid(row.seq!, slot) !== mid);
}

async function keepEntries(db: Dexie, row: OutboxRow, keep: (slot: number) => boolean) {
  const entries = row.entries.filter((e) => keep(e.slot));
  if (entries.length === row.entries.length) return;
  if (entries.length === 0) await outbox(db).delete(row.seq!);
  else await outbox(db).put({ ...row, entries });
}
