/**
 * When the app locks (issue 14): after `idleMs` without the person touching it, when the OS
 * locks the screen or sleeps, and on demand. Plain TypeScript with injected time, so tests
 * drive it with fake timers. Activity only records a time (it runs on every key and mouse
 * move); one timer checks the deadline against the wall clock and re-arms itself for what is
 * left (at most CHECK_EVERY_MS), so a machine that slept past the deadline locks on waking.
 */
export type LockReason = 'idle' | 'lock-screen' | 'suspend' | 'manual';

/**
 * The timer re-checks the wall clock at least this often: timers do not run while a machine
 * sleeps, and one set for ten minutes could fire ten minutes after waking.
 */
export const CHECK_EVERY_MS = 15_000;

export interface IdleLockClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: IdleLockClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface IdleLockOptions {
  idleMs: number;
  onLock(reason: LockReason): void;
  clock?: IdleLockClock;
  /** The last activity before this start (a reload keeps counting from it). */
  lastActivityAt?: number;
}

export class IdleLock {
  private idleMs: number;
  private lastActivityAt: number;
  private timer: unknown = null;
  private running = false;
  private readonly clock: IdleLockClock;

  constructor(private readonly options: IdleLockOptions) {
    this.clock = options.clock ?? realClock;
    this.idleMs = options.idleMs;
    this.lastActivityAt = options.lastActivityAt ?? this.clock.now();
  }

  /** Starts counting (the app is unlocked). */
  start(): void {
    this.running = true;
    this.schedule();
  }

  /** Stops counting (the app is locked, or closing). */
  stop(): void {
    this.running = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  get active(): boolean {
    return this.running;
  }

  /** The person did something. */
  activity(): void {
    this.lastActivityAt = this.clock.now();
  }

  lastActivity(): number {
    return this.lastActivityAt;
  }

  /** HQ changed the idle time: the deadline moves at once. */
  setIdleMs(ms: number): void {
    if (ms === this.idleMs) return;
    this.idleMs = ms;
    if (this.running) this.schedule();
  }

  /** Checks the deadline now (the window became visible again, e.g. after a sleep). */
  check(): void {
    if (this.running) this.schedule();
  }

  /** The OS locked the screen or is going to sleep, or the person asked. */
  lockNow(reason: LockReason): void {
    if (!this.running) return;
    this.stop();
    this.options.onLock(reason);
  }

  private schedule(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    const left = this.lastActivityAt + this.idleMs - this.clock.now();
    if (left <= 0) {
      this.lockNow('idle');
      return;
    }
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.schedule();
      },
      Math.min(left, CHECK_EVERY_MS),
    );
  }
}
