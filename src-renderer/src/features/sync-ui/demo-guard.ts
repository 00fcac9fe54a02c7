/**
 * Demo data and HQ never meet. A laptop linked to HQ (an office laptop or an HQ laptop)
 * refuses to load demo data, and linking a laptop first removes any demo records it holds.
 * Plain module (no React): the loader, the settings card and the sync service share it.
 */
import { isDemoId } from '@shared/sync/demo-ids';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import type { BridgeheadDatabase } from '../../data/db';
import { markRemoteTransaction, OUTBOX, type OutboxRow } from '../../sync';
import { ENROLLMENT_SETTING_KEY } from './enrollment';

/** Why demo data was refused (`errors:demo.<code>`). */
export class DemoRefusedError extends Error {
  override readonly name = 'DemoRefusedError';
  readonly code = 'demo.linked';
  constructor() {
    super('demo data cannot be loaded on a laptop linked to HQ');
  }
}

/** Whether this laptop holds a link to HQ (office or HQ device), read from storage. */
export async function isLinkedToHq(db: BridgeheadDatabase): Promise<boolean> {
  return (await db.settings.get(ENROLLMENT_SETTING_KEY)) !== undefined;
}

/** Throws DemoRefusedError on a linked laptop: the loader's first step. */
export async function assertDemoAllowed(db: BridgeheadDatabase): Promise<void> {
  if (await isLinkedToHq(db)) throw new DemoRefusedError();
}

/** Synced tables present in this database. */
function syncedTables(db: BridgeheadDatabase): string[] {
  return DEFAULT_TABLE_REGISTRY.tables
    .map((t) => t.name)
    .filter((name) => db.tables.some((t) => t.name === name));
}

/** How many demo records the laptop holds (the sync screen warns before linking). */
export async function countDemoRecords(db: BridgeheadDatabase): Promise<number> {
  let count = 0;
  for (const name of syncedTables(db)) {
    count += await db
      .table(name)
      .filter((r: { id?: unknown }) => isDemoId(r.id))
      .count();
  }
  return count;
}

/**
 * Deletes every demo record (and any outbox entry naming one) in one transaction, as a
 * local clean-up that is not a change for HQ. Returns how many records went.
 */
export async function removeDemoData(db: BridgeheadDatabase): Promise<number> {
  const tables = syncedTables(db);
  return db.transaction('rw', [...tables, OUTBOX], async (tx) => {
    markRemoteTransaction(tx.idbtrans);
    let removed = 0;
    for (const name of tables) {
      const ids = (await db
        .table(name)
        .filter((r: { id?: unknown }) => isDemoId(r.id))
        .primaryKeys()) as string[];
      await db.table(name).bulkDelete(ids);
      removed += ids.length;
    }
    const outbox = db.table<OutboxRow, number>(OUTBOX);
    for (const row of await outbox.toArray()) {
      const keep = row.entries.filter((e) => !isDemoId(e.id));
      if (keep.length === row.entries.length) continue;
      if (keep.length === 0) await outbox.delete(row.seq!);
      else await outbox.put({ ...row, entries: keep });
    }
    return removed;
  });
}
