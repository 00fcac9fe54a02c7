/**
 * A revoked laptop's data key (issue 14): after the wipe, the stored key is forgotten (main
 * deletes its safeStorage-wrapped file; browser mode deletes the non-extractable key's record)
 * and a new one is made, so nothing sealed before the wipe can ever be opened again from the
 * disk. What stays on the laptop (settings, province-wide data) is sealed again under the new
 * key in one transaction; the stores named in `drop` are emptied instead. The window keeps
 * working on the new key (its workers get it with their next request).
 */
import type { IndexableTypeArrayReadonly } from 'dexie';
import { PERSONAL_FIELDS } from '@shared/sync/personal-fields';
import { getBridge } from '../../platform/bridge';
import { markRemoteTransaction } from '../../sync/middleware';
import type { BridgeheadDatabase } from '../db';
import { registerSealing, setDataKey } from './data-key';
import { forgetStoredDataKey, loadDataKey } from './key-source';
import { SEALED_LOCAL_STORES } from './policy';

/** Where the stored data key lives: main's safeStorage file or the browser's key database. */
export interface DataKeySource {
  /** Deletes the stored (wrapped) key. */
  forget(): Promise<void>;
  /** The stored key, made and stored wrapped when there is none. */
  load(): Promise<Uint8Array>;
}

export function platformDataKeySource(): DataKeySource {
  return {
    forget: () => forgetStoredDataKey(getBridge()),
    load: async () => (await loadDataKey(getBridge())).key,
  };
}

export interface ReplaceDataKeyOptions {
  /** Stores emptied rather than sealed again (what a wipe must not keep). */
  drop?: readonly string[];
  source?: DataKeySource;
}

export async function replaceDataKey(
  db: BridgeheadDatabase,
  options: ReplaceDataKeyOptions = {},
): Promise<void> {
  const source = options.source ?? platformDataKeySource();
  // First: whatever fails after this, the old key is gone from the disk.
  await source.forget();
  const keys = db.sealingKeys;
  if (!keys) return; // a bench's plain database seals nothing
  const key = await source.load();
  keys.replace(key);
  const names = db.tables.map((t) => t.name);
  const drop = (options.drop ?? []).filter((n) => names.includes(n));
  const reseal = names.filter(
    (n) => (n in PERSONAL_FIELDS || SEALED_LOCAL_STORES.includes(n)) && !drop.includes(n),
  );
  await db.transaction('rw', [...drop, ...reseal], async (tx) => {
    // Sealing again is no change to send to HQ.
    markRemoteTransaction(tx.idbtrans);
    for (const name of drop) await db.table(name).clear();
    for (const name of reseal) {
      const table = db.table(name);
      const rows: unknown[] = await table.toArray();
      if (rows.length === 0) continue;
      if (table.schema.primKey.keyPath) await table.bulkPut(rows);
      else {
        const keys = (await table.toCollection().primaryKeys()) as IndexableTypeArrayReadonly;
        await table.bulkPut(rows, keys);
      }
    }
  });
  // Only now: had the transaction failed, this session could still read what it holds.
  keys.retire();
  registerSealing(db.name, key);
  setDataKey(key);
}
