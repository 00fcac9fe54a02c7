/**
 * The data key in browser mode (no Electron, no OS keychain): a non-extractable AES-GCM key,
 * made by WebCrypto and stored in its own IndexedDB database, wraps the data key; script can
 * use the wrapping key but never read it. What this protects against is weaker than
 * safeStorage (the browser keeps the wrapping key inside the profile): it keeps the data key
 * out of every readable store and file. docs/architecture.md, "Storage encryption".
 */
import Dexie, { type Table } from 'dexie';
import { DATA_KEY_BYTES, newDataKey } from './cipher';

export const KEY_DATABASE_NAME = 'bridgehead-keys';
const RECORD_ID = 'data-key';

interface WrappedKeyRow {
  id: string;
  /** Non-extractable: usable by this origin's script, never exported. */
  wrappingKey: CryptoKey;
  iv: Uint8Array<ArrayBuffer>;
  wrapped: ArrayBuffer;
}

class KeyDatabase extends Dexie {
  declare keys: Table<WrappedKeyRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ keys: 'id' });
  }
}

async function unwrap(row: WrappedKeyRow): Promise<Uint8Array> {
  const plain = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.iv }, row.wrappingKey, row.wrapped),
  );
  if (plain.length !== DATA_KEY_BYTES) throw new Error('the stored data key has a wrong length');
  return plain;
}

export interface LoadedKey {
  key: Uint8Array;
  /** Made by this call (first start, or after a revoked laptop's wipe). */
  created: boolean;
}

/** This profile's data key: the stored one, or a new one stored wrapped. */
export async function browserDataKey(name: string = KEY_DATABASE_NAME): Promise<LoadedKey> {
  const db = new KeyDatabase(name);
  try {
    const stored = await db.keys.get(RECORD_ID);
    if (stored) return { key: await unwrap(stored), created: false };
    const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const key = newDataKey();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const wrapped = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      wrappingKey,
      new Uint8Array(key),
    );
    try {
      await db.keys.add({ id: RECORD_ID, wrappingKey, iv, wrapped });
      return { key, created: true };
    } catch (error) {
      // Another tab stored its key first: use that one.
      const winner = await db.keys.get(RECORD_ID);
      if (!winner) throw error;
      return { key: await unwrap(winner), created: false };
    }
  } finally {
    db.close();
  }
}

/** Forgets the stored key (a revoked laptop's wipe). */
export async function forgetBrowserDataKey(name: string = KEY_DATABASE_NAME): Promise<void> {
  const db = new KeyDatabase(name);
  try {
    await db.keys.delete(RECORD_ID);
  } finally {
    db.close();
  }
}
