/**
 * Large cache chunks sealed with WebCrypto's AES-256-GCM (issue 14): the CRM snapshot's row
 * and search-document chunks (megabytes of JSON at 100,000 buyers). The DBCore middleware's
 * XChaCha20-Poly1305 must be synchronous (cipher.ts); these chunks are written and read
 * outside any transaction, so they can await the browser's native AES-GCM instead of
 * JavaScript ChaCha, and carry their text as UTF-8 bytes rather than JSON inside JSON.
 * docs/decisions.md ("Snapshot chunks: AES-GCM") has the reasons and the measurements.
 *
 * Key: derived from the data key with HKDF-SHA-256 (its own `info`), non-extractable, so it
 * is gone when the data key is. Nonces: 96 random bits per chunk; a snapshot has a few hundred
 * chunks, far below the 2^32 messages per key NIST allows with random nonces. The chunk's
 * store and key are authenticated (AAD): a chunk copied under another key does not open.
 *
 * Stored form: `{ key, _gcm: [format 2][12-byte nonce][ciphertext + 16-byte tag] }`; the
 * middleware leaves `_gcm` as it is (policy.ts), and still seals a chunk stored the old way
 * (`{ key, json }`), which reads as before.
 */
import { SealedValueError } from './cipher';

/** The field a chunk sealed here keeps its bytes in. */
export const PRESEALED_FIELD = '_gcm';

const FORMAT = 2;
const NONCE_BYTES = 12;
const INFO = new TextEncoder().encode('bridgehead/cache-chunks/aes-256-gcm/v1');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const derived = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function chunkKey(dataKey: Uint8Array): Promise<CryptoKey> {
  let key = derived.get(dataKey);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', dataKey as BufferSource, 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: INFO },
          base,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    derived.set(dataKey, key);
  }
  return key;
}

/**
 * The row to store chunk `key` of `store` as: its text sealed under `dataKey`, or as it is
 * (`json`) when the database has no encryption layer (a bench's plain baseline).
 */
export async function chunkRow(
  dataKey: Uint8Array | null,
  store: string,
  key: string,
  text: string,
): Promise<{ key: string; json?: string; [PRESEALED_FIELD]?: Uint8Array }> {
  if (!dataKey) return { key, json: text };
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const body = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: encoder.encode(`${store}/${key}`) },
      await chunkKey(dataKey),
      encoder.encode(text),
    ),
  );
  const sealed = new Uint8Array(1 + NONCE_BYTES + body.length);
  sealed[0] = FORMAT;
  sealed.set(nonce, 1);
  sealed.set(body, 1 + NONCE_BYTES);
  return { key, [PRESEALED_FIELD]: sealed };
}

/**
 * The text of a stored chunk row (either form), or null when there is none. Throws
 * SealedValueError when a sealed chunk does not open (another key, altered bytes).
 */
export async function chunkText(
  dataKey: Uint8Array | null,
  store: string,
  key: string,
  row: unknown,
): Promise<string | null> {
  if (typeof row !== 'object' || row === null) return null;
  const { json, [PRESEALED_FIELD]: sealed } = row as { json?: unknown; _gcm?: unknown };
  if (typeof json === 'string') return json;
  if (!(sealed instanceof Uint8Array)) return null;
  if (!dataKey || sealed.length < 1 + NONCE_BYTES + 16 || sealed[0] !== FORMAT) {
    throw new SealedValueError(`${store}/${key}: not a sealed chunk this window can open`);
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.subarray(1, 1 + NONCE_BYTES) as BufferSource,
        additionalData: encoder.encode(`${store}/${key}`),
      },
      await chunkKey(dataKey),
      sealed.subarray(1 + NONCE_BYTES) as BufferSource,
    );
  } catch {
    throw new SealedValueError(`${store}/${key}: the chunk does not open with this data key`);
  }
  return decoder.decode(plain);
}

/** chunkText, but null when the chunk does not open (its reader then rebuilds from the data). */
export async function openedChunkOrNull(
  dataKey: Uint8Array | null,
  store: string,
  key: string,
  row: unknown,
): Promise<string | null> {
  try {
    return await chunkText(dataKey, store, key, row);
  } catch (error) {
    if (error instanceof SealedValueError) return null;
    throw error;
  }
}
