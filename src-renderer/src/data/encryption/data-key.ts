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

/** Forgets the key (a wipe after revocation: the next start makes a new one). */
export function forgetDataKey(): void {
  current?.fill(0);
  current = null;
  cipher = null;
}
