import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHECK_EVERY_MS,
  IdleLock,
  type IdleLockClock,
  type LockReason,
} from '../../../src-renderer/src/features/lock/model/idle-lock';

const fakeClock: IdleLockClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

describe('idle lock timing and triggers', () => {
  let locks: LockReason[];
  let lock: IdleLock;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    locks = [];
    lock = new IdleLock({ idleMs: 10 * 60_000, clock: fakeClock, onLock: (r) => locks.push(r) });
  });
  afterEach(() => {
    lock.stop();
    vi.useRealTimers();
  });

  it('locks after the idle time without activity, once', () => {
    lock.start();
    vi.advanceTimersByTime(10 * 60_000 - 1);
    expect(locks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(locks).toEqual(['idle']);
    expect(lock.active).toBe(false);
    vi.advanceTimersByTime(60 * 60_000);
    expect(locks).toEqual(['idle']);
  });

  it('counts from the last activity', () => {
    lock.start();
    vi.advanceTimersByTime(9 * 60_000);
    lock.activity();
    vi.advanceTimersByTime(9 * 60_000);
    expect(locks).toEqual([]);
    lock.activity();
    vi.advanceTimersByTime(10 * 60_000 - 1);
    expect(locks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(locks).toEqual(['idle']);
  });

  it('follows a new idle time from HQ at once (shorter: locks if already past it)', () => {
    lock.start();
    vi.advanceTimersByTime(3 * 60_000);
    lock.setIdleMs(5 * 60_000);
    vi.advanceTimersByTime(2 * 60_000);
    expect(locks).toEqual(['idle']);

    locks = [];
    const again = new IdleLock({
      idleMs: 10 * 60_000,
      clock: fakeClock,
      onLock: (r) => locks.push(r),
    });
    again.start();
    vi.advanceTimersByTime(4 * 60_000);
    again.setIdleMs(60_000); // already idle longer than that
    expect(locks).toEqual(['idle']);
  });

  it('locks at once when the OS locks the screen or sleeps, or on demand; not while stopped', () => {
    lock.start();
    lock.lockNow('lock-screen');
    expect(locks).toEqual(['lock-screen']);
    lock.lockNow('suspend'); // already locked: nothing more
    expect(locks).toEqual(['lock-screen']);
    lock.start();
    lock.lockNow('suspend');
    lock.start();
    lock.lockNow('manual');
    expect(locks).toEqual(['lock-screen', 'suspend', 'manual']);
    // Stopped (locked), the idle timer is gone too.
    vi.advanceTimersByTime(60 * 60_000);
    expect(locks).toHaveLength(3);
  });

  it('locks when a machine wakes past the deadline (a late timer still finds it passed)', () => {
    lock.start();
    vi.advanceTimersByTime(60_000);
    // The machine slept: the wall clock jumped 2 hours while no timer ran.
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    vi.advanceTimersByTime(CHECK_EVERY_MS);
    expect(locks).toEqual(['idle']);
    // Or at once, when the window shows again (visibilitychange calls check()).
    locks = [];
    const woke = new IdleLock({
      idleMs: 10 * 60_000,
      clock: fakeClock,
      onLock: (r) => locks.push(r),
    });
    woke.start();
    vi.setSystemTime(Date.now() + 3600_000);
    woke.check();
    expect(locks).toEqual(['idle']);
  });

  it('keeps counting across a reload from the last activity it is given', () => {
    const reloaded = new IdleLock({
      idleMs: 10 * 60_000,
      clock: fakeClock,
      lastActivityAt: Date.now() - 8 * 60_000,
      onLock: (r) => locks.push(r),
    });
    reloaded.start();
    vi.advanceTimersByTime(2 * 60_000);
    expect(locks).toEqual(['idle']);
  });
});
