/**
 * The app lock's PIN or password, kept only as a slow salted hash (issue 14): PBKDF2 with
 * SHA-256 through WebCrypto at OWASP's current cost (600,000 iterations; Password Storage
 * Cheat Sheet), a random 16-byte salt and 32 bytes of output. WebCrypto runs it natively and
 * off the page's thread; no dependency. The iteration count is stored with the hash, so a
 * later raise re-hashes at the next unlock (`needsRehash`). No DOM, no Dexie: tests reach it.
 */
import { z } from 'zod';

export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export const pinHashSchema = z.object({
  alg: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(1),
  /** base64 */
  salt: z.string().min(1),
  /** base64 */
  hash: z.string().min(1),
});
export type PinHash = z.infer<typeof pinHashSchema>;

export const MIN_PIN_LENGTH = 6;
export const MAX_PIN_LENGTH = 64;

export type PinProblem = 'tooShort' | 'tooLong' | 'tooSimple';

/** NFC: a password typed with another input method (Korean, Vietnamese) hashes the same. */
export function normalizePin(pin: string): string {
  return pin.normalize('NFC');
}

/** Why a new PIN is refused (null: fine): 6 to 64 characters, not one repeated or a run. */
export function pinProblem(raw: string): PinProblem | null {
  const pin = normalizePin(raw);
  const chars = [...pin];
  if (chars.length < MIN_PIN_LENGTH) return 'tooShort';
  if (chars.length > MAX_PIN_LENGTH) return 'tooLong';
  if (chars.every((c) => c === chars[0])) return 'tooSimple';
  if (/^\d+$/.test(pin)) {
    const steps = chars.slice(1).map((c, i) => Number(c) - Number(chars[i]));
    if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'tooSimple';
  }
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(normalizePin(pin)),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** A new salted hash of a PIN (`iterations` only for tests of the format; never lower in the app). */
export async function hashPin(pin: string, iterations = PBKDF2_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { alg: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Whether a PIN matches a stored hash (compares every byte: no early exit on a mismatch). */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = fromBase64(stored.hash);
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

/** A hash made at a lower cost than today's: re-hash it once the PIN is known again. */
export function needsRehash(stored: PinHash): boolean {
  return stored.iterations < PBKDF2_ITERATIONS;
}
