/**
 * The data key of this window (or worker), held in memory only. bootstrap.tsx sets it from
 * the platform's key source (key-source.ts) before the database opens; workers get it in
 * their requests. Never written anywhere in the clear.
 */
import { assertDataKey, createValueCipher, type ValueCipher } from './cipher';

let current: Uint8Array | null = null;
let cipher: ValueCipher | null = null;

export function setDataKey(key: Uint8Array): void {
  assertDataKey(key);
  current = key.slice();
  cipher = null;
}

/** A cipher over the data key, for values kept outside IndexedDB (localStorage). */
export function dataCipher(): ValueCipher {
  cipher ??= createValueCipher(dataKey());
  return cipher;
}

/** The data key; a database opened before bootstrap set it would store personal data in clear. */
export function dataKey(): Uint8Array {
  if (!current) throw new Error('the data key is not set: call setDataKey() before opening');
  return current;
}

export function hasDataKey(): boolean {
  return current !== null;
}

/** The key each open database of this window seals with (null: a bench's plain baseline). */
const sealingByDatabase = new Map<string, Uint8Array | null>();

export function registerSealing(dbName: string, key: Uint8Array | null): void {
  sealingByDatabase.set(dbName, key);
}

/** What a worker's handle on `dbName` must seal with: as the window's handle does. */
export function sealingKeyFor(dbName: string): Uint8Array | null {
  const registered = sealingByDatabase.get(dbName);
  return registered === undefined ? dataKey() : registered;
}

/** Forgets the key (a wipe after revocation: the next start makes a new one). */
export function forgetDataKey(): void {
  current?.fill(0);
  current = null;
  cipher = null;
}
