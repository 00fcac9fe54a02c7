/**
 * Sealing a database written before issue 14 (migration): every stored row that still holds
 * a value its store seals (policy.ts) is written again through the encryption middleware,
 * table by table, in chunks. Each chunk is read and written in ONE readwrite transaction, so a
 * write of the app in between is never overwritten with an older value; rows already sealed
 * are skipped, so a start that stops halfway (closed window, crash) resumes where the rows are
 * still plain and nothing is lost. Only the encryption layer is on this handle: no outbox, no
 * change log (the values do not change). Done once: a settings row says so.
 */
import Dexie from 'dexie';
import { createValueCipher } from './cipher';
import { dataKey } from './data-key';
import { createEncryptionMiddleware, createRowSealer } from './middleware';
import { storePolicy } from './policy';

/** Settings key of the finished migration (its value: the format version sealed to). */
export const SEALED_SETTING = 'encryption.sealed';
const SEAL_VERSION = 1;
const CHUNK = 500;

export interface SealOptions {
  key?: Uint8Array;
  chunk?: number;
  /** Called after each chunk's transaction committed (tests stop a run here). */
  onChunk?: (table: string, sealed: number) => void;
}

/** Seals what is still plain in `db` (the app's handle); returns the number of rows sealed. */
export async function sealPlaintextRows(db: Dexie, options: SealOptions = {}): Promise<number> {
  if (!db.isOpen()) await db.open();
  const settings = db.table<{ key: string; value: unknown }, string>('settings');
  if ((await settings.get(SEALED_SETTING))?.value === SEAL_VERSION) return 0;
  const key = options.key ?? dataKey();
  const chunk = options.chunk ?? CHUNK;
  const cipher = createValueCipher(key);
  // Reads raw rows (a sealed one stays sealed and is skipped), writes sealed.
  const raw = new Dexie(db.name);
  raw.use(createEncryptionMiddleware({ key, openReads: false }));
  let total = 0;
  try {
    await raw.open();
    for (const table of raw.tables) {
      const policy = storePolicy(table.name, table.core.schema);
      if (!policy) continue;
      const sealer = createRowSealer(table.name, policy, cipher);
      let after: unknown = undefined;
      for (;;) {
        const { seen, last, sealed } = await raw.transaction('rw', table, async () => {
          const range =
            after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
          const keys = await range.limit(chunk).primaryKeys();
          const rows = await table.bulkGet(keys);
          const stale = rows.filter((row) => sealer.needsSealing(row));
          if (stale.length) await table.bulkPut(stale);
          return { seen: keys.length, last: keys[keys.length - 1], sealed: stale.length };
        });
        total += sealed;
        options.onChunk?.(table.name, sealed);
        if (seen < chunk) break;
        after = last;
      }
    }
  } finally {
    raw.close();
  }
  await settings.put({ key: SEALED_SETTING, value: SEAL_VERSION });
  return total;
}
