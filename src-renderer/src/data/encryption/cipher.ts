/**
 * The authenticated encryption of stored values (issue 14): XChaCha20-Poly1305 from
 * @noble/ciphers over the in-memory data key. Synchronous on purpose: it runs inside Dexie's
 * DBCore middleware, where awaiting WebCrypto would let IndexedDB commit the transaction
 * under the write (docs/decisions.md). Random 192-bit nonces: no counter to keep, no reuse
 * risk at any volume. The table name is authenticated with each value (AAD), so a sealed
 * value copied into another table does not open.
 *
 * Sealed form: one Uint8Array, [format 1][24-byte nonce][ciphertext + 16-byte tag], of the
 * JSON of the sealed fields (stored values are JSON-shaped: they sync as JSON).
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha';
import { randomBytes } from '@noble/ciphers/webcrypto';

export const DATA_KEY_BYTES = 32;
const FORMAT = 1;
const NONCE_BYTES = 24;

/** A sealed value did not open: another key, another table, or altered bytes. */
export class SealedValueError extends Error {
  override name = 'SealedValueError';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const aadCache = new Map<string, Uint8Array>();

function aadOf(context: string): Uint8Array {
  let aad = aadCache.get(context);
  if (!aad) {
    aad = encoder.encode(context);
    aadCache.set(context, aad);
  }
  return aad;
}

export interface ValueCipher {
  /** The JSON of `value`, encrypted and bound to `context` (a table name). */
  seal(context: string, value: unknown): Uint8Array;
  /** The value `seal` was given; throws SealedValueError when it does not open. */
  open(context: string, sealed: Uint8Array): unknown;
  /** A string in, a string out (localStorage): base64 of the sealed bytes. */
  sealText(context: string, text: string): string;
  openText(context: string, sealed: string): string;
}

export function assertDataKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== DATA_KEY_BYTES) {
    throw new Error(`the data key must be ${DATA_KEY_BYTES} bytes`);
  }
}

export function createValueCipher(key: Uint8Array): ValueCipher {
  assertDataKey(key);
  const k = key.slice();
  const sealBytes = (context: string, plain: Uint8Array): Uint8Array => {
    const nonce = randomBytes(NONCE_BYTES);
    const body = xchacha20poly1305(k, nonce, aadOf(context)).encrypt(plain);
    const out = new Uint8Array(1 + NONCE_BYTES + body.length);
    out[0] = FORMAT;
    out.set(nonce, 1);
    out.set(body, 1 + NONCE_BYTES);
    return out;
  };
  const openBytes = (context: string, sealed: Uint8Array): Uint8Array => {
    if (sealed.length < 1 + NONCE_BYTES + 16 || sealed[0] !== FORMAT) {
      throw new SealedValueError(`${context}: not a sealed value`);
    }
    const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
    try {
      return xchacha20poly1305(k, nonce, aadOf(context)).decrypt(sealed.subarray(1 + NONCE_BYTES));
    } catch {
      throw new SealedValueError(`${context}: the value does not open with this data key`);
    }
  };
  return {
    seal: (context, value) => sealBytes(context, encoder.encode(JSON.stringify(value))),
    open: (context, sealed) => JSON.parse(decoder.decode(openBytes(context, sealed))) as unknown,
    sealText: (context, text) => toBase64(sealBytes(context, encoder.encode(text))),
    openText: (context, sealed) => decoder.decode(openBytes(context, fromBase64(sealed))),
  };
}

/** A fresh random data key. */
export function newDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_BYTES);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
