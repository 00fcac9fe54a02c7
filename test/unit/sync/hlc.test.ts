import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  HlcError,
  HybridLogicalClock,
  MAX_CLOCK_DRIFT_MS,
  compareHlc,
  formatHlc,
  parseHlc,
} from '@shared/sync/hlc';

const NODE_A = '0123456789abcdef';
const NODE_B = 'fedcba9876543210';

describe('HLC', () => {
  it('encodes so that string order equals (millis, counter, node) order', () => {
    const ts = fc.record({
      millis: fc.integer({ min: 0, max: 9_999_999_999_999 }),
      counter: fc.integer({ min: 0, max: 0xffff }),
      node: fc.constantFrom(NODE_A, NODE_B),
    });
    fc.assert(
      fc.property(ts, ts, (a, b) => {
        const tupleOrder =
          a.millis - b.millis ||
          a.counter - b.counter ||
          (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(Math.sign(tupleOrder));
        expect(parseHlc(formatHlc(a))).toEqual(a);
      }),
    );
  });

  it('send is strictly increasing even when the wall clock stands still or steps back', () => {
    let now = 1_700_000_000_000;
    const clock = new HybridLogicalClock(NODE_A, () => now);
    const a = clock.send();
    const b = clock.send();
    now -= 1000;
    const c = clock.send();
    expect(a < b && b < c).toBe(true);
    expect(parseHlc(c).millis).toBe(1_700_000_000_000);
  });

  it('recv moves the clock past the remote stamp', () => {
    const now = 1_700_000_000_000;
    const a = new HybridLogicalClock(NODE_A, () => now);
    const b = new HybridLogicalClock(NODE_B, () => now - 60_000);
    const remote = a.send();
    b.recv(remote);
    expect(b.send() > remote).toBe(true);
  });

  it('refuses a remote stamp more than 5 minutes ahead and stays unchanged', () => {
    const now = 1_700_000_000_000;
    const clock = new HybridLogicalClock(NODE_A, () => now);
    const before = clock.current();
    const far = formatHlc({ millis: now + MAX_CLOCK_DRIFT_MS + 1, counter: 0, node: NODE_B });
    expect(() => clock.recv(far)).toThrowError(HlcError);
    expect(clock.current()).toBe(before);
    const near = formatHlc({ millis: now + MAX_CLOCK_DRIFT_MS - 1, counter: 0, node: NODE_B });
    clock.recv(near);
    expect(clock.current() > near).toBe(true);
  });

  it('rejects malformed stamps and nodes', () => {
    expect(() => parseHlc('nope')).toThrowError(HlcError);
    expect(() => new HybridLogicalClock('XYZ')).toThrowError(HlcError);
  });
});
