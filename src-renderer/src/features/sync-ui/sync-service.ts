/**
 * The app's sync service: reads this laptop's enrollment, runs the sync engine in the
 * background while enrolled, enrolls and unlinks, and reacts to HQ revoking the device.
 * One service per database; the UI reads its zustand store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { onLocalChangesCommitted, type BridgeheadDatabase } from '../../data/db';
import { DEFAULT_OFFICE_ID } from '../../state/settings-store';
import {
  OUTBOX,
  SYNC_META_STORES,
  SyncEngine,
  SyncRunner,
  createHttpTransport,
  enroll,
  markRemoteTransaction,
  pendingMutationCount,
  platformLocks,
  type SyncStatus,
} from '../../sync';
import type { FetchLike } from '../../sync/transport';
import {
  EnrollmentInputError,
  clearEnrollment,
  loadEnrollment,
  parseHqUrl,
  saveEnrollment,
  type Enrollment,
} from './enrollment';

export interface SyncUiState {
  /** false until the stored enrollment has been read. */
  loaded: boolean;
  enrollment: Enrollment | null;
  /** The runner's status while enrolled; null before the first report. */
  status: SyncStatus | null;
  /** Changes not yet sent, counted locally (also while not enrolled). */
  pending: number;
  oldestPendingAt: number | null;
  /** HQ revoked this laptop: its office data was wiped. Cleared by a new enrollment. */
  revoked: boolean;
}

export interface SyncServiceOptions {
  /** Tests inject a fake or in-process fetch. */
  fetch?: FetchLike;
  /** Makes the enrolled office the app's office (the settings store's setOfficeId). */
  setOfficeId?: (officeId: string) => Promise<void>;
  /** Passed to the runner (tests shorten them). */
  debounceMs?: number;
  intervalMs?: number;
}

export class UnlinkRefusedError extends Error {
  override readonly name = 'UnlinkRefusedError';
  readonly code = 'unlinkPending';
  constructor(readonly pending: number) {
    super(`${pending} changes not yet sent to HQ`);
  }
}

/** Tables whose local rows a revoked or unlinked laptop must not keep. */
export function officeDataTables(): string[] {
  return [
    ...DEFAULT_TABLE_REGISTRY.tables.filter((t) => t.scope === 'office').map((t) => t.name),
    ...Object.keys(SYNC_META_STORES),
  ];
}

export class SyncService {
  readonly store: StoreApi<SyncUiState> = createStore<SyncUiState>()(() => ({
    loaded: false,
    enrollment: null,
    status: null,
    pending: 0,
    oldestPendingAt: null,
    revoked: false,
  }));
  private runner: SyncRunner | null = null;
  private started: Promise<void> | null = null;
  private wiping: Promise<void> | null = null;

  constructor(
    readonly db: BridgeheadDatabase,
    private options: SyncServiceOptions = {},
  ) {}

  configure(options: SyncServiceOptions): void {
    this.options = { ...this.options, ...options };
  }

  /** Loads the enrollment and, if there is one, starts syncing. Safe to call repeatedly. */
  start(): Promise<void> {
    this.started ??= (async () => {
      onLocalChangesCommitted(() => this.onLocalChange());
      const enrollment = await loadEnrollment(this.db);
      this.store.setState({ loaded: true, enrollment });
      await this.refreshPending();
      if (enrollment) this.startRunner(enrollment);
    })();
    return this.started;
  }

  stop(): void {
    this.runner?.stop();
    this.runner = null;
    onLocalChangesCommitted(null);
    this.started = null;
  }

  syncNow(): Promise<unknown> {
    return this.runner?.syncNow() ?? Promise.resolve(null);
  }

  /**
   * Exchanges a one-time code from HQ for this laptop's credential, stores it, switches the
   * app to the enrolled office and starts syncing. Throws EnrollmentInputError for bad input
   * and SyncRequestError (with an errors:sync.<code>) for what HQ answered.
   */
  async enrollDevice(hqUrl: string, code: string, deviceName: string): Promise<Enrollment> {
    const parsedUrl = parseHqUrl(hqUrl);
    if ('error' in parsedUrl) throw new EnrollmentInputError(parsedUrl.error);
    if (!code.trim()) throw new EnrollmentInputError('codeMissing');
    if (!deviceName.trim()) throw new EnrollmentInputError('deviceNameMissing');
    const answer = await enroll(parsedUrl.url, code.trim(), deviceName.trim(), this.options.fetch);
    const enrollment: Enrollment = {
      hqUrl: parsedUrl.url,
      deviceId: answer.deviceId,
      officeId: answer.officeId,
      credential: answer.credential,
      enrolledAt: Date.now(),
    };
    await saveEnrollment(this.db, enrollment);
    await this.options.setOfficeId?.(enrollment.officeId ?? DEFAULT_OFFICE_ID);
    this.store.setState({ enrollment, revoked: false, status: null });
    this.startRunner(enrollment);
    return enrollment;
  }

  /**
   * Forgets HQ and removes this office's data from the laptop. Refused while changes are
   * waiting: they exist nowhere else yet. The check and the wipe run in one transaction, so
   * a write arriving in between cannot be lost.
   */
  async unlink(): Promise<void> {
    await this.wipeOfficeData({ requireNothingPending: true });
    this.runner?.stop();
    this.runner = null;
    await clearEnrollment(this.db);
    this.store.setState({ enrollment: null, status: null });
    await this.refreshPending();
  }

  private startRunner(enrollment: Enrollment): void {
    this.runner?.stop();
    const engine = new SyncEngine({
      db: this.db,
      registry: DEFAULT_TABLE_REGISTRY,
      transport: createHttpTransport({
        baseUrl: enrollment.hqUrl,
        credential: enrollment.credential,
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      }),
    });
    const runner: SyncRunner = new SyncRunner({
      engine,
      locks: platformLocks(),
      ...(this.options.debounceMs !== undefined ? { debounceMs: this.options.debounceMs } : {}),
      ...(this.options.intervalMs !== undefined ? { intervalMs: this.options.intervalMs } : {}),
      onStatus: (status) => {
        if (this.runner !== runner) return;
        this.store.setState({
          status,
          pending: status.pending,
          oldestPendingAt: status.oldestPendingAt,
        });
        if (status.phase === 'blocked' && status.lastErrorCode === 'device_revoked') {
          void this.handleRevoked();
        }
      },
    });
    this.runner = runner;
    runner.start();
  }

  /**
   * HQ revoked this device (e.g. a lost laptop): stop, forget the credential and delete the
   * office's data, unsent changes included — whoever holds the laptop must not keep the
   * office's buyers and schedules. Shared (province-wide) data is not confidential and stays.
   */
  private handleRevoked(): Promise<void> {
    this.wiping ??= (async () => {
      this.runner?.stop();
      this.runner = null;
      await this.wipeOfficeData({ requireNothingPending: false });
      await clearEnrollment(this.db);
      this.store.setState({ enrollment: null, status: null, revoked: true });
      await this.refreshPending();
    })().finally(() => {
      this.wiping = null;
    });
    return this.wiping;
  }

  private async wipeOfficeData({ requireNothingPending }: { requireNothingPending: boolean }) {
    const names = officeDataTables().filter((n) => this.db.tables.some((t) => t.name === n));
    await this.db.transaction('rw', names, async (tx) => {
      if (requireNothingPending) {
        const pending = await pendingMutationCount(this.db);
        if (pending > 0) throw new UnlinkRefusedError(pending);
      }
      // Deleting local copies is not a change to send to HQ.
      markRemoteTransaction(tx.idbtrans);
      for (const name of names) await this.db.table(name).clear();
    });
  }

  private onLocalChange(): void {
    this.runner?.notifyLocalChange();
    void this.refreshPending();
  }

  private async refreshPending(): Promise<void> {
    try {
      const pending = await pendingMutationCount(this.db);
      const first = (await this.db.table(OUTBOX).orderBy('seq').first()) as
        { at: number } | undefined;
      this.store.setState({ pending, oldestPendingAt: first?.at ?? null });
    } catch (error) {
      console.warn('[sync] could not count pending changes', error);
    }
  }
}

const services = new WeakMap<BridgeheadDatabase, SyncService>();

/** The service of a database (created on first use, not started). */
export function getSyncService(db: BridgeheadDatabase): SyncService {
  let service = services.get(db);
  if (!service) {
    service = new SyncService(db);
    services.set(db, service);
  }
  return service;
}

/** Startup: begin syncing if this laptop is enrolled. Never throws (the app works offline). */
export function startSync(db: BridgeheadDatabase, options: SyncServiceOptions = {}): SyncService {
  const service = getSyncService(db);
  service.configure(options);
  service.start().catch((error: unknown) => console.warn('[sync] could not start', error));
  return service;
}
