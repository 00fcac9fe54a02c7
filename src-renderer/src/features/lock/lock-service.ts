/**
 * The app lock of one database (issue 14). Phases: `loading` (nothing shown yet), `open` (not
 * linked to HQ: nothing to lock), `setup` (linked, but no PIN chosen for this link: right
 * after linking, or after a new link when the PIN was forgotten), `locked` and `unlocked`.
 * Locks after HQ's idle time, on the OS's screen lock or sleep (through the preload), and on
 * demand. Sync is not touched: it keeps running while locked.
 *
 * A reload keeps an unlocked session (sessionStorage: gone when the app or window closes) and
 * keeps counting idle time from the last activity; a new start of the app is locked.
 */
import { liveQuery, type Subscription } from 'dexie';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  APP_LOCK_POLICY_ID,
  DEFAULT_IDLE_MINUTES,
  SECURITY_POLICIES_TABLE,
  idleMinutesOf,
} from '@shared/security/app-lock';
import type { BridgeheadDatabase } from '../../data/db';
import { getSyncService, type Enrollment } from '../sync-ui';
import { IdleLock, realClock, type IdleLockClock, type LockReason } from './model/idle-lock';
import {
  PBKDF2_ITERATIONS,
  hashPin,
  needsRehash,
  pinProblem,
  verifyPin,
  type PinProblem,
} from './model/pin-hash';
import { NO_FAILURES, afterFailure, waitMs, type ThrottleState } from './model/throttle';
import { loadPin, loadThrottle, savePin, saveThrottle, type StoredPin } from './data/lock-settings';

export type LockPhase = 'loading' | 'open' | 'setup' | 'locked' | 'unlocked';

export interface LockState {
  phase: LockPhase;
  /** Why it locked last (null: at start). */
  reason: LockReason | 'start' | null;
  /** Wrong tries in a row, and when the next try is allowed (epoch ms; 0: now). */
  failures: number;
  nextTryAt: number;
  idleMinutes: number;
}

export type UnlockResult = { ok: true } | { ok: false; waitMs: number; failures: number };

/** What the preload offers (window.bridgehead.appLock), feature-detected. */
export interface OsLockSource {
  onOsLock(listener: (reason: 'lock-screen' | 'suspend') => void): () => void;
}

export function platformOsLockSource(): OsLockSource | null {
  if (typeof window === 'undefined') return null;
  const bridge = (window as unknown as { bridgehead?: { appLock?: Partial<OsLockSource> } })
    .bridgehead;
  const source = bridge?.appLock;
  return source && typeof source.onOsLock === 'function' ? (source as OsLockSource) : null;
}

const SESSION_KEY = 'bridgehead.appLock.session';
/** Activity is written to the session at most this often (it fires on every mouse move). */
const SESSION_WRITE_MS = 5_000;
// `input` too: text typed by an input method or pasted may come without key events.
const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'keydown',
  'input',
  'wheel',
  'touchstart',
] as const;

interface Session {
  deviceId: string;
  lastActivityAt: number;
}

function readSession(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(SESSION_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<Session>) : null;
    return v && typeof v.deviceId === 'string' && typeof v.lastActivityAt === 'number'
      ? { deviceId: v.deviceId, lastActivityAt: v.lastActivityAt }
      : null;
  } catch {
    return null;
  }
}

function writeSession(session: Session | null): void {
  try {
    if (session) globalThis.sessionStorage?.setItem(SESSION_KEY, JSON.stringify(session));
    else globalThis.sessionStorage?.removeItem(SESSION_KEY);
  } catch {
    // No sessionStorage (a locked-down browser): a reload then locks, which is safe.
  }
}

export interface LockServiceOptions {
  clock?: IdleLockClock;
  osLock?: OsLockSource | null;
  /** Tests of the screens only; the app always hashes at PBKDF2_ITERATIONS. */
  iterations?: number;
  /** Where activity is heard (default: window). */
  activityTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

export class LockService {
  readonly store: StoreApi<LockState> = createStore<LockState>()(() => ({
    phase: 'loading',
    reason: null,
    failures: 0,
    nextTryAt: 0,
    idleMinutes: DEFAULT_IDLE_MINUTES,
  }));
  private pin: StoredPin | null = null;
  private throttle: ThrottleState = NO_FAILURES;
  private deviceId: string | null = null;
  private idle: IdleLock | null = null;
  private started: Promise<void> | null = null;
  private stops: Array<() => void> = [];
  private lastSessionWrite = 0;
  private readonly clock: IdleLockClock;

  constructor(
    readonly db: BridgeheadDatabase,
    private readonly options: LockServiceOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
  }

  /** Loads the PIN and the link, then follows both. Safe to call repeatedly. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const sync = getSyncService(this.db);
      await sync.start();
      [this.pin, this.throttle] = await Promise.all([loadPin(this.db), loadThrottle(this.db)]);
      this.store.setState({
        failures: this.throttle.failures,
        nextTryAt: this.nextTryAt(),
      });
      this.onEnrollment(sync.store.getState().enrollment, true);
      this.stops.push(
        sync.store.subscribe((s, prev) => {
          if (s.enrollment !== prev.enrollment) this.onEnrollment(s.enrollment, false);
        }),
      );
      this.followPolicy();
      this.listenForActivity();
      const os = this.options.osLock !== undefined ? this.options.osLock : platformOsLockSource();
      if (os) this.stops.push(os.onOsLock((reason) => this.lock(reason)));
    })();
    return this.started;
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.idle?.stop();
    this.idle = null;
    this.started = null;
  }

  /** Locks now (the header's button, the OS). Nothing happens unless unlocked. */
  lock(reason: LockReason = 'manual'): void {
    if (this.store.getState().phase !== 'unlocked') return;
    this.idle?.stop();
    writeSession(null);
    this.store.setState({ phase: 'locked', reason });
  }

  /** Why a PIN cannot be chosen (null: fine). */
  pinProblem(pin: string): PinProblem | null {
    return pinProblem(pin);
  }

  /** Chooses this link's PIN (phase `setup`): stored as a salted hash only. */
  async setPin(pin: string): Promise<void> {
    const problem = pinProblem(pin);
    if (problem) throw new Error(problem);
    const deviceId = this.deviceId;
    if (!deviceId || this.store.getState().phase !== 'setup') return;
    const hash = await hashPin(pin, this.options.iterations ?? PBKDF2_ITERATIONS);
    const stored: StoredPin = { ...hash, deviceId, setAt: this.clock.now() };
    await savePin(this.db, stored);
    await saveThrottle(this.db, NO_FAILURES);
    this.pin = stored;
    this.throttle = NO_FAILURES;
    this.unlocked();
  }

  /** Tries a PIN (phase `locked`); wrong ones slow the next tries, across reloads. */
  async unlock(pin: string): Promise<UnlockResult> {
    if (this.store.getState().phase !== 'locked' || !this.pin) {
      return { ok: false, waitMs: 0, failures: this.throttle.failures };
    }
    // The stored count, not only this page's: another window or a reload may have added to it.
    this.throttle = await loadThrottle(this.db);
    const wait = waitMs(this.throttle, this.clock.now());
    if (wait > 0) {
      this.store.setState({ failures: this.throttle.failures, nextTryAt: this.nextTryAt() });
      return { ok: false, waitMs: wait, failures: this.throttle.failures };
    }
    const stored = this.pin;
    if (!(await verifyPin(pin, stored))) {
      this.throttle = afterFailure(this.throttle, this.clock.now());
      await saveThrottle(this.db, this.throttle);
      this.store.setState({ failures: this.throttle.failures, nextTryAt: this.nextTryAt() });
      return {
        ok: false,
        waitMs: waitMs(this.throttle, this.clock.now()),
        failures: this.throttle.failures,
      };
    }
    this.throttle = NO_FAILURES;
    await saveThrottle(this.db, NO_FAILURES);
    if (needsRehash(stored) && (this.options.iterations ?? PBKDF2_ITERATIONS) > stored.iterations) {
      const hash = await hashPin(pin, this.options.iterations ?? PBKDF2_ITERATIONS);
      this.pin = { ...stored, ...hash };
      await savePin(this.db, this.pin);
    }
    this.unlocked();
    return { ok: true };
  }

  private nextTryAt(): number {
    const wait = waitMs(this.throttle, this.clock.now());
    return wait > 0 ? this.clock.now() + wait : 0;
  }

  private unlocked(): void {
    this.store.setState({ phase: 'unlocked', reason: null, failures: 0, nextTryAt: 0 });
    this.startIdle(this.clock.now());
  }

  private startIdle(lastActivityAt: number): void {
    this.idle?.stop();
    this.idle = new IdleLock({
      idleMs: this.store.getState().idleMinutes * 60_000,
      clock: this.clock,
      lastActivityAt,
      onLock: (reason) => this.lock(reason),
    });
    this.idle.start();
    this.noteSession(true);
  }

  private onEnrollment(enrollment: Enrollment | null, first: boolean): void {
    const deviceId = enrollment?.deviceId ?? null;
    if (!first && deviceId === this.deviceId) return;
    this.deviceId = deviceId;
    this.idle?.stop();
    this.idle = null;
    if (!deviceId) {
      writeSession(null);
      this.store.setState({ phase: 'open', reason: null });
      return;
    }
    if (!this.pin || this.pin.deviceId !== deviceId) {
      // Just linked (or linked again after a forgotten PIN): a PIN for this link first.
      writeSession(null);
      this.store.setState({ phase: 'setup', reason: null });
      return;
    }
    // A reload of an unlocked window within the idle time stays unlocked.
    const session = first ? readSession() : null;
    const idleMs = this.store.getState().idleMinutes * 60_000;
    if (
      session &&
      session.deviceId === deviceId &&
      this.clock.now() - session.lastActivityAt < idleMs
    ) {
      this.store.setState({ phase: 'unlocked', reason: null });
      this.startIdle(session.lastActivityAt);
      return;
    }
    writeSession(null);
    this.store.setState({ phase: 'locked', reason: 'start' });
  }

  private followPolicy(): void {
    const sub: Subscription = liveQuery(() =>
      this.db.table(SECURITY_POLICIES_TABLE).get(APP_LOCK_POLICY_ID),
    ).subscribe({
      next: (row: unknown) => {
        const idleMinutes = idleMinutesOf(row);
        if (idleMinutes === this.store.getState().idleMinutes) return;
        this.store.setState({ idleMinutes });
        this.idle?.setIdleMs(idleMinutes * 60_000);
      },
      error: (error: unknown) => console.warn('[lock] could not read the lock policy', error),
    });
    this.stops.push(() => sub.unsubscribe());
  }

  private listenForActivity(): void {
    const target =
      this.options.activityTarget !== undefined
        ? this.options.activityTarget
        : typeof window !== 'undefined'
          ? window
          : null;
    if (!target) return;
    const onActivity = () => {
      if (!this.idle?.active) return;
      this.idle.activity();
      this.noteSession(false);
    };
    // Shown again (after a sleep, or another window): check the deadline at once.
    const onVisible = () => this.idle?.check();
    for (const name of ACTIVITY_EVENTS) {
      target.addEventListener(name, onActivity, { passive: true, capture: true });
    }
    target.addEventListener('visibilitychange', onVisible);
    this.stops.push(() => {
      for (const name of ACTIVITY_EVENTS) {
        target.removeEventListener(name, onActivity, { capture: true });
      }
      target.removeEventListener('visibilitychange', onVisible);
    });
  }

  private noteSession(force: boolean): void {
    const now = this.clock.now();
    if (!force && now - this.lastSessionWrite < SESSION_WRITE_MS) return;
    if (!this.deviceId || !this.idle) return;
    this.lastSessionWrite = now;
    writeSession({ deviceId: this.deviceId, lastActivityAt: this.idle.lastActivity() });
  }
}

const services = new WeakMap<BridgeheadDatabase, LockService>();

/** The lock of a database (created on first use, not started). */
export function getLockService(db: BridgeheadDatabase, options?: LockServiceOptions): LockService {
  let service = services.get(db);
  if (!service) {
    service = new LockService(db, options);
    services.set(db, service);
  }
  return service;
}
