import { describe, expect, it } from 'vitest';
import {
  PBKDF2_ITERATIONS,
  hashPin,
  needsRehash,
  pinProblem,
  verifyPin,
} from '../../../src-renderer/src/features/lock/model/pin-hash';
import {
  FIRST_DELAY_MS,
  MAX_DELAY_MS,
  NO_FAILURES,
  afterFailure,
  delayAfter,
  waitMs,
} from '../../../src-renderer/src/features/lock/model/throttle';

describe('PIN hashing', () => {
  it('stores a salted PBKDF2-SHA256 hash at 600,000 iterations, never the PIN', async () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    const stored = await hashPin('482913');
    expect(stored).toMatchObject({ alg: 'PBKDF2-SHA256', iterations: 600_000 });
    expect(JSON.stringify(stored)).not.toContain('482913');
    expect(atob(stored.salt)).toHaveLength(16);
    expect(atob(stored.hash)).toHaveLength(32);
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('salts every hash: one PIN twice gives two hashes, both verify', async () => {
    const a = await hashPin('hanok-2026', 1000);
    const b = await hashPin('hanok-2026', 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('hanok-2026', a)).toBe(true);
    expect(await verifyPin('hanok-2026', b)).toBe(true);
    // A hash made at a lower cost is re-hashed once the PIN is known again.
    expect(needsRehash(a)).toBe(true);
  });

  it('hashes a password typed with another input method the same (NFC)', async () => {
    const composed = 'Mật khẩu 한글';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const stored = await hashPin(composed, 1000);
    expect(await verifyPin(decomposed, stored)).toBe(true);
  });

  it('refuses PINs that are short, long, one repeated character or a run of digits', () => {
    expect(pinProblem('12345')).toBe('tooShort');
    expect(pinProblem('x'.repeat(65) + 'y')).toBe('tooLong');
    expect(pinProblem('000000')).toBe('tooSimple');
    expect(pinProblem('123456')).toBe('tooSimple');
    expect(pinProblem('987654')).toBe('tooSimple');
    expect(pinProblem('482913')).toBeNull();
    expect(pinProblem('abcdef')).toBeNull();
    // Characters, not UTF-16 units: six Korean syllables are six.
    expect(pinProblem('가나다라마바')).toBeNull();
    expect(pinProblem('가나다라마')).toBe('tooShort');
  });
});

describe('wrong-PIN throttling', () => {
  it('lets three tries through, then doubles the wait up to 15 minutes', () => {
    expect([0, 1, 2].map(delayAfter)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(delayAfter)).toEqual([
      FIRST_DELAY_MS,
      2 * FIRST_DELAY_MS,
      4 * FIRST_DELAY_MS,
      8 * FIRST_DELAY_MS,
    ]);
    expect(delayAfter(30)).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(15 * 60_000);
  });

  it('counts the wait from the last wrong try; a clock set back waits the whole delay', () => {
    let state = NO_FAILURES;
    for (let i = 0; i < 4; i++) state = afterFailure(state, 1_000_000 + i);
    expect(state.failures).toBe(4);
    const delay = delayAfter(4);
    expect(waitMs(state, state.lastFailureAt)).toBe(delay);
    expect(waitMs(state, state.lastFailureAt + 1000)).toBe(delay - 1000);
    expect(waitMs(state, state.lastFailureAt + delay)).toBe(0);
    expect(waitMs(state, state.lastFailureAt - 3_600_000)).toBe(delay);
  });
});
