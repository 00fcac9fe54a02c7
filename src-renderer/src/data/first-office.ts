/**
 * A new laptop works before anyone says which office it is for; what it writes then is
 * stored under the placeholder office 'hq' (issue 16). The first office choice (in
 * Settings, or by linking) moves those records to that office in the same transaction
 * that stores the choice, so HQ does not later refuse them as another office's, and a
 * failed write leaves both as they were.
 *
 * Safe because a laptop whose office was never stored was never linked (linking stores
 * the office), so nothing it wrote has reached HQ: records, their unsent outbox entries
 * and tombstones are rewritten locally, not recorded as new changes (the outbox already
 * holds each record's change, now under the right office).
 */
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { SEED_OFFICES } from '@shared/offices/seed';
import { markRemoteTransaction } from '../sync/middleware';
import {
  OUTBOX,
  TOMBSTONES,
  type OutboxEntry,
  type OutboxRow,
  type TombstoneRow,
} from '../sync/schema';
import type { BridgeheadDatabase } from './db';

/** The office records are stored under until one is chosen (settings-store's default). */
export const PLACEHOLDER_OFFICE_ID = 'hq';

/** Office-scoped tables this database has. */
function officeTables(db: BridgeheadDatabase): string[] {
  return DEFAULT_TABLE_REGISTRY.tables
    .filter((t) => t.scope === 'office' && db.tables.some((d) => d.name === t.name))
    .map((t) => t.name);
}

function rehomeEntry(entry: OutboxEntry, officeId: string): OutboxEntry {
  if (entry.officeId !== PLACEHOLDER_OFFICE_ID) return entry;
  const next: OutboxEntry = { ...entry, officeId };
  if (next.values && 'officeId' in next.values) next.values = { ...next.values, officeId };
  const field = next.fields?.officeId;
  if (next.fields && field) next.fields = { ...next.fields, officeId: [officeId, field[1]] };
  return next;
}

/**
 * Stores `officeId` as this laptop's office; when no office was stored before, first moves
 * every record held under the placeholder office to it. One transaction: all or nothing.
 * Returns how many records moved.
 */
export async function storeFirstOffice(db: BridgeheadDatabase, officeId: string): Promise<number> {
  const tables = officeTables(db);
  return db.transaction('rw', ['settings', ...tables, OUTBOX, TOMBSTONES], async (tx) => {
    const stored = (await db.settings.get('officeId'))?.value;
    const alreadyChosen = SEED_OFFICES.some((o) => o.id === stored);
    await db.settings.put({ key: 'officeId', value: officeId });
    if (alreadyChosen || officeId === PLACEHOLDER_OFFICE_ID) return 0;

    markRemoteTransaction(tx.idbtrans);
    let moved = 0;
    for (const name of tables) {
      const table = db.table<{ officeId?: unknown }>(name);
      const rows = await table.filter((r) => r.officeId === PLACEHOLDER_OFFICE_ID).toArray();
      if (rows.length === 0) continue;
      await table.bulkPut(rows.map((r) => ({ ...r, officeId })));
      moved += rows.length;
    }
    const outbox = db.table<OutboxRow, number>(OUTBOX);
    const unsent = await outbox
      .filter((row) => row.entries.some((e) => e.officeId === PLACEHOLDER_OFFICE_ID))
      .toArray();
    if (unsent.length > 0) {
      await outbox.bulkPut(
        unsent.map((row) => ({
          ...row,
          entries: row.entries.map((e) => rehomeEntry(e, officeId)),
        })),
      );
    }
    const tombstones = db.table<TombstoneRow, [string, string]>(TOMBSTONES);
    const dead = await tombstones
      .filter((t) => t.officeId === PLACEHOLDER_OFFICE_ID && tables.includes(t.tbl))
      .toArray();
    if (dead.length > 0) {
      await tombstones.bulkPut(
        dead.map((t) => ({
          ...t,
          officeId,
          state: { ...t.state, data: { ...t.state.data, officeId } },
        })),
      );
    }
    return moved;
  });
}
