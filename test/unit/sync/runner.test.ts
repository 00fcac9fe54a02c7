import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncRunner, type SyncStatus } from '../../../src-renderer/src/sync';
import type { SyncEngine } from '../../../src-renderer/src/sync';
import { SyncRequestError } from '../../../src-renderer/src/sync/transport';

/** An engine double: the runner only calls sync(), pendingCount() and two fields. */
function fakeEngine(results: Array<'ok' | SyncRequestError>) {
  const calls: number[] = [];
  const engine = {
    clockDriftDetected: false,
    serverClockOffsetMs: 0,
    async sync() {
      calls.push(Date.now());
      const next = results.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return { pushed: 0, pushRequests: 0, pulledRows: 0, pullRequests: 0, rejected: 0 };
    },
    async pendingCount() {
      return 0;
    },
    async oldestPendingAt() {
      return null;
    },
  };
  return { engine: engine as unknown as SyncEngine, calls };
}

describe('sync runner scheduling', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('syncs at start, debounces local changes, and runs on the interval', async () => {
    const { engine, calls } = fakeEngine([]);
    const runner = new SyncRunner({ engine, debounceMs: 1000, intervalMs: 30_000 });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([0]);
    runner.notifyLocalChange();
    await vi.advanceTimersByTimeAsync(500);
    runner.notifyLocalChange(); // restarts the debounce
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([0, 1500]);
    await vi.advanceTimersByTimeAsync(30_000 - 1500 + 1);
    expect(calls).toHaveLength(3);
    expect(calls[2]).toBeGreaterThanOrEqual(30_000);
    runner.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(3);
    expect(runner.getStatus().phase).toBe('stopped');
  });

  it('backs off after network errors with jitter, then recovers', async () => {
    const offline = () => new SyncRequestError(0, 'network_error', 'offline');
    const { engine, calls } = fakeEngine([offline(), offline(), offline(), 'ok']);
    const statuses: SyncStatus[] = [];
    const runner = new SyncRunner({
      engine,
      random: () => 1, // no jitter reduction: delays 2 s, 4 s, 8 s
      baseBackoffMs: 2000,
      intervalMs: 10 * 60_000,
      onStatus: (s) => statuses.push(s),
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runner.getStatus()).toMatchObject({
      phase: 'offline',
      consecutiveFailures: 1,
      lastErrorCode: 'network_error',
    });
    await vi.advanceTimersByTimeAsync(2000);
    await vi.advanceTimersByTimeAsync(4000);
    await vi.advanceTimersByTimeAsync(8000);
    expect(calls).toEqual([0, 2000, 6000, 14_000]);
    expect(runner.getStatus()).toMatchObject({
      phase: 'idle',
      consecutiveFailures: 0,
      lastErrorCode: null,
      lastSuccessAt: 14_000,
    });
    runner.stop();
  });

  it('stops retrying when HQ revoked the device or the app is too old', async () => {
    const { engine, calls } = fakeEngine([new SyncRequestError(426, 'client_too_old', 'update')]);
    const runner = new SyncRunner({ engine, intervalMs: 1000 });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runner.getStatus()).toMatchObject({ phase: 'blocked', lastErrorCode: 'client_too_old' });
    runner.notifyLocalChange();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    runner.stop();
  });

  it('does not attempt a cycle while the platform says offline, and runs one on the online event', async () => {
    // Node has no window events: a stand-in for the 'online' event's target.
    const windowEvents = new EventTarget();
    vi.stubGlobal('addEventListener', windowEvents.addEventListener.bind(windowEvents));
    vi.stubGlobal('removeEventListener', windowEvents.removeEventListener.bind(windowEvents));
    const { engine, calls } = fakeEngine([]);
    let online = false;
    const phases: string[] = [];
    const runner = new SyncRunner({
      engine,
      isOnline: () => online,
      intervalMs: 10 * 60_000,
      onStatus: (s) => phases.push(s.phase),
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    runner.notifyLocalChange();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);
    expect(phases).not.toContain('syncing');
    expect(runner.getStatus()).toMatchObject({ phase: 'offline', lastErrorCode: 'network_error' });
    online = true;
    windowEvents.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(runner.getStatus()).toMatchObject({ phase: 'idle', lastErrorCode: null });
    runner.stop();
    vi.unstubAllGlobals();
  });
});
