/**
 * The app lock of a laptop (issue 14) against its real IndexedDB (fake-indexeddb): the PIN is
 * chosen right after linking and again after a new link, locks come from idle time (HQ's
 * policy), the OS (screen lock, sleep) and the Lock button, wrong PINs slow down across a
 * reload, and a reload keeps an unlocked session within the idle time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_LOCK_POLICY_ID, SECURITY_POLICIES_TABLE } from '@shared/security/app-lock';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  LockService,
  type OsLockSource,
} from '../../../src-renderer/src/features/lock/lock-service';
import type { IdleLockClock } from '../../../src-renderer/src/features/lock/model/idle-lock';
import { FIRST_DELAY_MS } from '../../../src-renderer/src/features/lock/model/throttle';
import {
  PIN_SETTING_KEY,
  THROTTLE_SETTING_KEY,
} from '../../../src-renderer/src/features/lock/data/lock-settings';
import {
  saveEnrollment,
  type Enrollment,
} from '../../../src-renderer/src/features/sync-ui/enrollment';
import { getSyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';

/** Time and timers the test moves by hand (IndexedDB keeps its real timers). */
class ManualClock implements IdleLockClock {
  t = 1_800_000_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers.delete(id as number);
  };
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, x]) => x.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = end;
  }
}

class FakeOs implements OsLockSource {
  listeners = new Set<(r: 'lock-screen' | 'suspend') => void>();
  onOsLock(listener: (r: 'lock-screen' | 'suspend') => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(reason: 'lock-screen' | 'suspend') {
    for (const l of this.listeners) l(reason);
  }
}

/** A tab's sessionStorage (kept across a reload of that tab). */
class MemoryStorage {
  private map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

const link = (deviceId: string): Enrollment => ({
  hqUrl: 'http://127.0.0.1:9',
  deviceId,
  officeId: 'tokyo',
  credential: `credential-${deviceId}-0123456789`,
  enrolledAt: 1_800_000_000_000,
  staff: { id: 'staff-1', name: 'Sato Yui' },
});

describe('app lock service', () => {
  let db: BridgeheadDatabase;
  let clock: ManualClock;
  let os: FakeOs;
  let activity: EventTarget;
  const services: LockService[] = [];

  const open = async () => {
    const service = new LockService(db, {
      clock,
      osLock: os,
      iterations: 1000,
      activityTarget: activity,
    });
    services.push(service);
    await service.start();
    return service;
  };
  const phase = (s: LockService) => s.store.getState().phase;

  beforeEach(() => {
    db = new BridgeheadDatabase(`lock-${crypto.randomUUID()}`);
    // No network in these tests: the sync service's runner fails offline, quietly.
    getSyncService(db).configure({
      credentials: null,
      fetch: async () => {
        throw new TypeError('offline');
      },
      debounceMs: 3_600_000,
      intervalMs: 3_600_000,
    });
    clock = new ManualClock();
    os = new FakeOs();
    activity = new EventTarget();
    (globalThis as { sessionStorage?: unknown }).sessionStorage = new MemoryStorage();
  });
  afterEach(async () => {
    for (const s of services.splice(0)) s.stop();
    const sync = getSyncService(db);
    sync.stop();
    await sync.whenIdle();
    db.close();
    await db.delete();
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });

  it('has nothing to lock on a laptop not linked to HQ', async () => {
    const lock = await open();
    expect(phase(lock)).toBe('open');
    lock.lock('manual');
    expect(phase(lock)).toBe('open');
  });

  it('asks for a PIN right after linking, keeps only its hash, then locks after the idle time', async () => {
    await saveEnrollment(db, link('device-1'), null);
    const lock = await open();
    expect(phase(lock)).toBe('setup');
    await expect(lock.setPin('12345')).rejects.toThrow('tooShort');
    expect(phase(lock)).toBe('setup');
    await lock.setPin('482913');
    expect(phase(lock)).toBe('unlocked');
    const stored = await db.settings.get(PIN_SETTING_KEY);
    expect(stored?.value).toMatchObject({ deviceId: 'device-1', alg: 'PBKDF2-SHA256' });
    expect(JSON.stringify(stored)).not.toContain('482913');

    // Activity keeps it open; ten quiet minutes (the default) lock it.
    clock.advance(9 * 60_000);
    activity.dispatchEvent(new Event('keydown'));
    clock.advance(9 * 60_000);
    expect(phase(lock)).toBe('unlocked');
    clock.advance(60_000);
    expect(lock.store.getState()).toMatchObject({ phase: 'locked', reason: 'idle' });

    expect(await lock.unlock('482913')).toEqual({ ok: true });
    expect(phase(lock)).toBe('unlocked');
  });

  it('locks when the OS locks the screen or sleeps, and with the Lock button', async () => {
    await saveEnrollment(db, link('device-1'), null);
    const lock = await open();
    await lock.setPin('482913');
    os.emit('lock-screen');
    expect(lock.store.getState()).toMatchObject({ phase: 'locked', reason: 'lock-screen' });
    await lock.unlock('482913');
    os.emit('suspend');
    expect(lock.store.getState()).toMatchObject({ phase: 'locked', reason: 'suspend' });
    await lock.unlock('482913');
    lock.lock('manual');
    expect(lock.store.getState()).toMatchObject({ phase: 'locked', reason: 'manual' });
  });

  it('follows the idle time HQ sets (the synced policy)', async () => {
    await saveEnrollment(db, link('device-1'), null);
    const lock = await open();
    await lock.setPin('482913');
    await db.table(SECURITY_POLICIES_TABLE).put({ id: APP_LOCK_POLICY_ID, idleMinutes: 2 });
    await expect.poll(() => lock.store.getState().idleMinutes).toBe(2);
    clock.advance(2 * 60_000);
    expect(lock.store.getState()).toMatchObject({ phase: 'locked', reason: 'idle' });
  });

  it('slows wrong PINs down, and a reload does not reset the count', async () => {
    await saveEnrollment(db, link('device-1'), null);
    const first = await open();
    await first.setPin('482913');
    first.lock('manual');
    for (let i = 1; i <= 3; i++) {
      expect(await first.unlock('000001')).toEqual({
        ok: false,
        waitMs: i < 3 ? 0 : FIRST_DELAY_MS,
        failures: i,
      });
    }
    // Waiting: even the right PIN is not tried.
    expect(await first.unlock('482913')).toMatchObject({ ok: false, waitMs: FIRST_DELAY_MS });
    expect(phase(first)).toBe('locked');

    // A reload (a new page on the same database, no session): still waiting, still counting.
    first.stop();
    (globalThis as { sessionStorage?: unknown }).sessionStorage = new MemoryStorage();
    const reloaded = await open();
    expect(reloaded.store.getState()).toMatchObject({ phase: 'locked', failures: 3 });
    expect(reloaded.store.getState().nextTryAt).toBe(clock.now() + FIRST_DELAY_MS);
    clock.advance(FIRST_DELAY_MS);
    expect(await reloaded.unlock('000002')).toEqual({
      ok: false,
      waitMs: 2 * FIRST_DELAY_MS,
      failures: 4,
    });
    clock.advance(2 * FIRST_DELAY_MS);
    expect(await reloaded.unlock('482913')).toEqual({ ok: true });
    expect((await db.settings.get(THROTTLE_SETTING_KEY))?.value).toEqual({
      failures: 0,
      lastFailureAt: 0,
    });
  });

  it('keeps an unlocked window unlocked through a reload within the idle time; a new start is locked', async () => {
    await saveEnrollment(db, link('device-1'), null);
    const first = await open();
    await first.setPin('482913');
    clock.advance(4 * 60_000);
    activity.dispatchEvent(new Event('pointerdown'));
    first.stop();
    // Reloaded 3 minutes later: unlocked, and idle time counts from the last activity.
    clock.advance(3 * 60_000);
    const reloaded = await open();
    expect(phase(reloaded)).toBe('unlocked');
    clock.advance(7 * 60_000);
    expect(reloaded.store.getState()).toMatchObject({ phase: 'locked', reason: 'idle' });
    reloaded.stop();
    // The app started anew (no session): locked.
    (globalThis as { sessionStorage?: unknown }).sessionStorage = new MemoryStorage();
    const restarted = await open();
    expect(restarted.store.getState()).toMatchObject({ phase: 'locked', reason: 'start' });
  });

  it('asks for a new PIN after HQ links the laptop again (a forgotten PIN)', async () => {
    await saveEnrollment(db, link('device-1'), null);
    const lock = await open();
    await lock.setPin('482913');
    lock.lock('manual');
    // The lock screen's "link again": a new code for the same person, a new link.
    getSyncService(db).store.setState({ enrollment: link('device-2') });
    expect(phase(lock)).toBe('setup');
    await lock.setPin('731904');
    expect(phase(lock)).toBe('unlocked');
    lock.lock('manual');
    expect((await lock.unlock('482913')).ok).toBe(false);
    expect((await lock.unlock('731904')).ok).toBe(true);
  });
});
