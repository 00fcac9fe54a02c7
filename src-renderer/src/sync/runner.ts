/**
 * Runs sync in the background: after local commits (debounced), when the browser
 * comes online, and on an interval; exponential backoff with jitter after failures;
 * one runner per profile (Web Locks when available, else in-process).
 */
import type { SyncEngine, SyncStats } from './engine';
import { SyncRequestError } from './transport';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'stopped' | 'blocked';

export interface SyncStatus {
  phase: SyncPhase;
  /** Changes not yet acked by HQ, and when the oldest was made (health screen). */
  pending: number;
  oldestPendingAt: number | null;
  lastSuccessAt: number | null;
  /** Error code to translate (errors.json `sync.<code>`), or null. */
  lastErrorCode: string | null;
  consecutiveFailures: number;
  /** The clock banner: this laptop's clock is off by more than a minute (or HQ refused it). */
  clockDrift: boolean;
  /** HQ time minus local time at the last response, or null before any. */
  clockOffsetMs: number | null;
}

/** Beyond this difference from HQ time the UI shows the clock banner. */
export const CLOCK_WARNING_MS = 60_000;

export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    cb: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

export interface SyncRunnerOptions {
  engine: SyncEngine;
  now?: () => number;
  random?: () => number;
  /** Web Locks (navigator.locks) for one runner across windows; optional. */
  locks?: LockManagerLike | null;
  debounceMs?: number;
  intervalMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * False when the platform knows there is no network (navigator.onLine): the cycle is not
   * attempted and the status says offline at once; the 'online' event starts the next one.
   */
  isOnline?: () => boolean;
  onStatus?: (status: SyncStatus) => void;
  /**
   * Runs after each successful cycle, under the same lock (e.g. the access-record stream,
   * issue 14). Its failure is logged and never changes the sync status or blocks sync.
   */
  afterSync?: () => Promise<void>;
}

export const SYNC_LOCK_NAME = 'bridgehead-sync';

/** Delay before retry n (1-based): base·2^(n-1), capped, with "equal jitter". */
export function backoffDelay(failures: number, base: number, max: number, random: () => number) {
  const exp = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return exp / 2 + (exp / 2) * random();
}

export class SyncRunner {
  private status: SyncStatus = {
    phase: 'idle',
    pending: 0,
    oldestPendingAt: null,
    lastSuccessAt: null,
    lastErrorCode: null,
    consecutiveFailures: 0,
    clockDrift: false,
    clockOffsetMs: null,
  };
  private running: Promise<SyncStats | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private interval: ReturnType<typeof setInterval> | null = null;
  private started = false;
  private readonly onlineListener = () => this.schedule(0);

  constructor(private readonly opts: SyncRunnerOptions) {}

  getStatus(): SyncStatus {
    return { ...this.status };
  }

  private setStatus(patch: Partial<SyncStatus>) {
    this.status = { ...this.status, ...patch };
    this.opts.onStatus?.(this.getStatus());
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.setStatus({ phase: 'idle' });
    globalThis.addEventListener?.('online', this.onlineListener);
    this.interval = setInterval(() => this.schedule(0), this.opts.intervalMs ?? 45_000);
    this.schedule(0);
  }

  stop(): void {
    this.started = false;
    globalThis.removeEventListener?.('online', this.onlineListener);
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    this.timer = this.interval = null;
    this.setStatus({ phase: 'stopped' });
  }

  /** Resolves when no cycle is running (whatever its outcome): before closing the database. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => null);
  }

  /** Call after local commits (the middleware's onOutboxCommitted). */
  notifyLocalChange(): void {
    this.schedule(this.opts.debounceMs ?? 1000);
  }

  private schedule(delayMs: number) {
    if (!this.started || this.status.phase === 'blocked') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncNow();
    }, delayMs);
  }

  /** One sync cycle now (joins a cycle already running in this window). */
  syncNow(): Promise<SyncStats | null> {
    if (this.running) return this.running;
    const cycle = async () => {
      const locks = this.opts.locks;
      if (!locks) return this.cycle();
      // Another window holds the lock: it is syncing this profile already.
      return locks.request(SYNC_LOCK_NAME, { ifAvailable: true }, async (lock) =>
        lock ? this.cycle() : null,
      );
    };
    this.running = cycle().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private clockStatus(refusedAhead: boolean): Pick<SyncStatus, 'clockDrift' | 'clockOffsetMs'> {
    const { engine } = this.opts;
    const offset = engine.serverClockOffsetMs;
    return {
      clockOffsetMs: offset,
      clockDrift:
        refusedAhead ||
        engine.clockDriftDetected ||
        (offset !== null && Math.abs(offset) > CLOCK_WARNING_MS),
    };
  }

  private async cycle(): Promise<SyncStats | null> {
    const { engine } = this.opts;
    const now = this.opts.now ?? Date.now;
    if (this.opts.isOnline && !this.opts.isOnline()) {
      // No network interface: a request would fail anyway, and "Syncing" would be a lie.
      this.setStatus({
        phase: 'offline',
        lastErrorCode: 'network_error',
        pending: await engine.pendingCount().catch(() => this.status.pending),
        oldestPendingAt: await engine.oldestPendingAt().catch(() => this.status.oldestPendingAt),
      });
      return null;
    }
    this.setStatus({ phase: 'syncing' });
    try {
      const stats = await engine.sync();
      this.setStatus({
        phase: 'idle',
        lastSuccessAt: now(),
        lastErrorCode: null,
        consecutiveFailures: 0,
        pending: await engine.pendingCount(),
        oldestPendingAt: await engine.oldestPendingAt(),
        ...this.clockStatus(false),
      });
      await this.opts.afterSync?.().catch((error: unknown) => {
        console.warn('[sync] a step after sync failed (retried next cycle)', error);
      });
      return stats;
    } catch (e) {
      // A failure of this laptop's own code (IndexedDB, a bug) is not "offline": it is a sync
      // problem a person should hear about, retried with backoff like a server error.
      const local = !(e instanceof SyncRequestError);
      const err = local ? new SyncRequestError(-1, 'local_error', String(e)) : e;
      if (local) console.error('[sync] cycle failed on this laptop', e);
      else console.warn(`[sync] cycle failed: ${err.status} ${err.code} ${err.message}`);
      const failures = this.status.consecutiveFailures + 1;
      this.setStatus({
        phase: err.fatal ? 'blocked' : err.status === 0 ? 'offline' : 'error',
        lastErrorCode: err.code,
        consecutiveFailures: failures,
        pending: await engine.pendingCount().catch(() => this.status.pending),
        oldestPendingAt: await engine.oldestPendingAt().catch(() => this.status.oldestPendingAt),
        ...this.clockStatus(err.code === 'clock_ahead'),
      });
      if (!err.fatal) {
        this.schedule(
          backoffDelay(
            failures,
            this.opts.baseBackoffMs ?? 2000,
            this.opts.maxBackoffMs ?? 5 * 60_000,
            this.opts.random ?? Math.random,
          ),
        );
      }
      return null;
    }
  }
}

/** navigator.onLine when the platform has it (false is reliable; true only means "maybe"). */
export function platformIsOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav?.onLine ?? true;
}

/** navigator.locks when the platform has it (Chromium/Electron do). */
export function platformLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}
