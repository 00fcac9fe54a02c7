/**
 * The app's sync service: reads this laptop's enrollment, runs the sync engine in the
 * background while enrolled, enrolls and unlinks, and reacts to HQ revoking the device.
 * One service per database; the UI reads its zustand store.
 */
import { ERASURES_TABLE } from '@shared/privacy/subject';
import { FX_TABLE } from '@shared/money';
import { SECURITY_POLICIES_TABLE } from '@shared/security/app-lock';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import type { BridgeheadDatabase } from '../../data/db';
import { CACHES } from '../../data/change-log';
import { replaceDataKey, type DataKeySource } from '../../data/encryption/rotate';
import { DEFAULT_OFFICE_ID } from '../../state/settings-store';
import { removeDemoData } from './demo-guard';
import {
  OUTBOX,
  REJECTED,
  SyncEngine,
  SyncRunner,
  createHttpTransport,
  enroll,
  pendingMutationCount,
  platformIsOnline,
  platformLocks,
  type OutboxRow,
  type RejectedRow,
  type SyncStatus,
} from '../../sync';
import type { FetchLike } from '../../sync/transport';
import {
  EnrollmentInputError,
  platformCredentialVault,
  clearEnrollment,
  forgetUnrevokedLink,
  keepUnrevokedLink,
  loadEnrollment,
  loadUnrevokedLink,
  parseHqUrl,
  saveEnrollment,
  type CredentialVault,
  type Enrollment,
} from './enrollment';
import { UnlinkRefusedError, keepOnlyOffice, wipeOfficeData } from './office-data';
import { revokeOwnLink } from './revoke-self';

export { UnlinkRefusedError, officeDataTables } from './office-data';

/** Why HQ no longer accepts this laptop (the sync screen explains each). */
export type UnlinkedReason = 'device_revoked' | 'unauthorized';

/** Key of a record in `pendingRecords`. */
export const recordKey = (table: string, id: string) => `${table}\u0000${id}`;

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
  /** Which answer unlinked it: revoked by HQ, or a credential HQ does not know. */
  revokedReason: UnlinkedReason | null;
  /** Records with changes not yet at HQ (`recordKey(table, id)`): the "not yet at HQ" marker. */
  pendingRecords: ReadonlySet<string>;
  /** Changes HQ refused for good, newest first (the sync screen lists them). */
  rejected: readonly RejectedRow[];
  /**
   * The last successful sync, kept on the laptop: reopened while HQ is down, the app still
   * knows it synced minutes ago (the runner's own status starts empty).
   */
  lastSuccessAt: number | null;
  /** When the current run of failed attempts began (null while syncing works). */
  failingSince: number | null;
  /** An unlink HQ did not hear of: HQ should revoke it (kept across restarts until a new link). */
  unrevokedLink: Pick<Enrollment, 'deviceId' | 'hqUrl'> | null;
}

/** What an unlink did at HQ: `revokedAtHq` false = HQ was not reached (see `unrevokedLink`). */
export interface UnlinkOutcome {
  revokedAtHq: boolean;
}

/** Device-local setting holding `lastSuccessAt` (epoch ms; never synced). */
export const LAST_SUCCESS_SETTING_KEY = 'syncLastSuccessAt';

/** The HQ link a step after sync uses (its own requests, same credential). */
export interface SyncLink {
  hqUrl: string;
  credential: string;
  deviceId: string;
  officeId: string | null;
  fetch?: FetchLike;
}

/** A step run after each successful sync cycle (e.g. the access records' push). */
export type AfterSyncStep = (link: SyncLink) => Promise<void>;

/** The link a relink replaced: HQ revoked it and continues its access-record chain. */
export interface ReplacedLink {
  deviceId: string;
  /** The last access record HQ holds of the old link (0: none). */
  accessLogSeq: number;
}

/** A step run once a new link is stored (e.g. where the access records' push continues). */
export type LinkedStep = (link: SyncLink, replaced: ReplacedLink | null) => Promise<void>;

export interface SyncServiceOptions {
  /** Tests inject a fake or in-process fetch. */
  fetch?: FetchLike;
  /** Makes the enrolled office the app's office (the settings store's setOfficeId). */
  setOfficeId?: (officeId: string) => Promise<void>;
  /** Passed to the runner (tests shorten them). */
  debounceMs?: number;
  intervalMs?: number;
  /**
   * Where the credential is kept: the preload's keychain (default: feature-detected
   * `window.bridgehead.credentials`), or null for the browser fallback (IndexedDB).
   */
  credentials?: CredentialVault | null;
  /** Where the data key is stored (default: the preload's safeStorage, else the browser's). */
  dataKeys?: DataKeySource;
}

/**
 * Local stores a revoked laptop empties instead of sealing again under its new data key: the
 * CRM snapshot (names of the wiped office's buyers) and the access records, which a revoked
 * device can no longer send (features/audit; HQ holds what was pushed).
 */
const DROPPED_ON_REVOKE = [CACHES, '_accessLog', '_accessLogCursors'];

export class SyncService {
  readonly store: StoreApi<SyncUiState> = createStore<SyncUiState>()(() => ({
    loaded: false,
    enrollment: null,
    status: null,
    pending: 0,
    oldestPendingAt: null,
    revoked: false,
    revokedReason: null,
    pendingRecords: new Set<string>(),
    rejected: [],
    lastSuccessAt: null,
    failingSince: null,
    unrevokedLink: null,
  }));
  private runner: SyncRunner | null = null;
  private readonly afterSyncSteps = new Set<AfterSyncStep>();
  private readonly linkedSteps = new Set<LinkedStep>();
  private readonly unlinkSteps = new Set<AfterSyncStep>();
  private started: Promise<void> | null = null;
  private wiping: Promise<void> | null = null;

  constructor(
    readonly db: BridgeheadDatabase,
    private options: SyncServiceOptions = {},
  ) {}

  /**
   * Adds a step to run after every successful cycle, under the sync lock. A failing step is
   * logged and retried next cycle; it never blocks the record sync. Returns its removal.
   */
  addAfterSync(step: AfterSyncStep): () => void {
    this.afterSyncSteps.add(step);
    return () => this.afterSyncSteps.delete(step);
  }

  /** Adds a step run once a new link is stored (before its first sync). Returns its removal. */
  addOnLinked(step: LinkedStep): () => void {
    this.linkedSteps.add(step);
    return () => this.linkedSteps.delete(step);
  }

  /**
   * Adds a step run before an unlink, with the link still valid (e.g. sending the access
   * records' tail). A failing step is logged; the unlink goes on. Returns its removal.
   */
  addBeforeUnlink(step: AfterSyncStep): () => void {
    this.unlinkSteps.add(step);
    return () => this.unlinkSteps.delete(step);
  }

  private linkOf(enrollment: Enrollment): SyncLink {
    return {
      hqUrl: enrollment.hqUrl,
      credential: enrollment.credential,
      deviceId: enrollment.deviceId,
      officeId: enrollment.officeId,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    };
  }

  private async runSteps(
    steps: Iterable<AfterSyncStep>,
    enrollment: Enrollment,
    what: string,
  ): Promise<void> {
    const link = this.linkOf(enrollment);
    for (const step of steps) {
      await step(link).catch((error: unknown) => {
        console.warn(`[sync] a step ${what} failed`, error);
      });
    }
  }

  private runAfterSync(enrollment: Enrollment): Promise<void> {
    return this.runSteps(this.afterSyncSteps, enrollment, 'after sync (retried next cycle)');
  }

  configure(options: SyncServiceOptions): void {
    this.options = { ...this.options, ...options };
  }

  private get vault(): CredentialVault | null {
    return this.options.credentials !== undefined
      ? this.options.credentials
      : platformCredentialVault();
  }

  /** Loads the enrollment and, if there is one, starts syncing. Safe to call repeatedly. */
  start(): Promise<void> {
    const run = this.runs;
    this.started ??= (async () => {
      this.db.onLocalChangesCommitted(() => this.onLocalChange());
      const enrollment = await loadEnrollment(this.db, this.vault);
      const lastSuccessAt = enrollment ? await this.loadLastSuccess() : null;
      const unrevokedLink = enrollment ? null : await loadUnrevokedLink(this.db);
      // stop() came meanwhile (a window closing, a screen unmounted): start nothing after it.
      if (run !== this.runs) return;
      this.store.setState({ loaded: true, enrollment, lastSuccessAt, unrevokedLink });
      await this.refreshPending();
      if (run !== this.runs) return;
      if (enrollment) this.startRunner(enrollment);
    })();
    return this.started;
  }

  /** Bumped by stop(): a start() still loading sees it and starts no runner. */
  private runs = 0;

  stop(): void {
    this.runs++;
    const runner = this.runner;
    runner?.stop();
    // A cycle already under way finishes: whenIdle() waits for it too.
    if (runner) this.inBackground(runner.whenIdle());
    // So does a start() still reading the enrollment (its errors are start()'s caller's).
    if (this.started) this.inBackground(this.started.catch(() => undefined));
    this.runner = null;
    this.db.onLocalChangesCommitted(null);
    this.started = null;
  }

  /**
   * Resolves when no sync cycle runs and nothing it started is still writing or reading
   * (a wipe after a revoke, a recount of the changes waiting): call before closing the database.
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.runner?.whenIdle();
      if (this.background.size === 0) return;
      await Promise.allSettled([...this.background]);
    }
  }

  /** Work started from a status callback or a commit hook, not awaited by its caller. */
  private readonly background = new Set<Promise<unknown>>();

  private inBackground(task: Promise<unknown>): void {
    this.background.add(task);
    task.then(
      () => this.background.delete(task),
      (error: unknown) => {
        this.background.delete(task);
        console.error('[sync] a background step failed', error);
      },
    );
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
    // A relink (a forgotten PIN, a new code for the same laptop): HQ revokes the old link, so
    // its runner stops first (its next request would answer device_revoked and wipe), and
    // what the old link still has to send after sync (the access records' tail) goes now.
    const previous = this.store.getState().enrollment;
    if (previous) {
      const old = this.runner;
      this.runner = null;
      old?.stop();
      await old?.whenIdle();
      await this.runAfterSync(previous);
    }
    let answer: Awaited<ReturnType<typeof enroll>>;
    try {
      answer = await enroll(
        parsedUrl.url,
        code.trim(),
        deviceName.trim(),
        this.options.fetch,
        // Only to the HQ that issued it: another server must never see this laptop's credential.
        previous?.hqUrl === parsedUrl.url ? previous.credential : undefined,
      );
    } catch (error) {
      // The old link stays (HQ changed nothing): it syncs on.
      if (previous && this.store.getState().enrollment === previous) this.startRunner(previous);
      throw error;
    }
    const enrollment: Enrollment = {
      hqUrl: parsedUrl.url,
      deviceId: answer.deviceId,
      officeId: answer.officeId,
      credential: answer.credential,
      enrolledAt: Date.now(),
      staff: answer.staff ?? null,
    };
    // Sample records must never reach HQ: they leave before the first push can run.
    await removeDemoData(this.db);
    // The office first: on a laptop whose office was never chosen, what it wrote before
    // (under the placeholder office) becomes the linked office's, instead of being removed
    // as another office's by keepOnlyOffice.
    await this.options.setOfficeId?.(enrollment.officeId ?? DEFAULT_OFFICE_ID);
    if (enrollment.officeId !== null) await keepOnlyOffice(this.db, enrollment.officeId);
    await this.forgetLastSuccess();
    await saveEnrollment(this.db, enrollment, this.vault);
    await forgetUnrevokedLink(this.db);
    this.store.setState({
      enrollment,
      revoked: false,
      revokedReason: null,
      status: null,
      unrevokedLink: null,
    });
    const replaced = answer.replaced ?? null;
    for (const step of this.linkedSteps) {
      await step(this.linkOf(enrollment), replaced).catch((error: unknown) => {
        console.warn('[sync] a step after linking failed', error);
      });
    }
    await this.refreshPending();
    this.startRunner(enrollment);
    return enrollment;
  }

  private async loadLastSuccess(): Promise<number | null> {
    const row = await this.db.settings.get(LAST_SUCCESS_SETTING_KEY).catch(() => undefined);
    const value = row?.value;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
  }

  /** A new link, an unlink or a revoke: the previous link's last sync means nothing now. */
  private async forgetLastSuccess(): Promise<void> {
    await this.db.settings.delete(LAST_SUCCESS_SETTING_KEY);
    this.store.setState({ lastSuccessAt: null, failingSince: null });
  }

  /** Keeps what a status says about success and failure (and stores the last success). */
  private noteOutcome(status: SyncStatus): void {
    const state = this.store.getState();
    if (status.lastSuccessAt !== null && status.lastSuccessAt !== state.lastSuccessAt) {
      const at = status.lastSuccessAt;
      this.store.setState({ lastSuccessAt: at });
      this.inBackground(this.db.settings.put({ key: LAST_SUCCESS_SETTING_KEY, value: at }));
    }
    if (status.phase === 'idle') {
      if (state.failingSince !== null) this.store.setState({ failingSince: null });
    } else if (status.phase === 'offline' || status.phase === 'error') {
      if (state.failingSince === null) this.store.setState({ failingSince: Date.now() });
    }
  }

  /** A person has read a refused change: it leaves the list. */
  async dismissRejected(rid: number): Promise<void> {
    await this.db.table(REJECTED).delete(rid);
    await this.refreshPending();
  }

  /**
   * Forgets HQ and removes this office's data from the laptop. Refused while changes are
   * waiting: they exist nowhere else yet (checked first, before anything is sent or revoked;
   * the wipe checks again in its own transaction, so a write arriving in between is not lost).
   *
   * Online, sync stops, the access records' tail goes, then HQ revokes the link (issue 14) so a
   * copy of the credential opens nothing. Offline (or an older HQ) the unlink still happens
   * here, and `unrevokedLink` tells the screen that HQ should revoke the laptop itself.
   */
  async unlink(): Promise<UnlinkOutcome> {
    const waiting = await pendingMutationCount(this.db);
    if (waiting > 0) throw new UnlinkRefusedError(waiting);
    const enrollment = this.store.getState().enrollment;
    let revokedAtHq = false;
    if (enrollment) {
      // No cycle runs from here on: one answered device_revoked would wipe on its own.
      const runner = this.runner;
      this.runner = null;
      runner?.stop();
      await runner?.whenIdle();
      await this.runSteps(this.unlinkSteps, enrollment, 'before unlinking');
      revokedAtHq = await revokeOwnLink(this.linkOf(enrollment));
    }
    try {
      await wipeOfficeData(this.db, { requireNothingPending: true });
    } catch (error) {
      if (!(error instanceof UnlinkRefusedError) || !enrollment || !revokedAtHq) {
        // The link stays and syncs on (revoked at HQ meanwhile: its next cycle hears it).
        if (enrollment && this.store.getState().enrollment === enrollment) {
          this.startRunner(enrollment);
        }
        throw error;
      }
      // Written while HQ revoked the link: it stays with the data for a new link to send.
      await clearEnrollment(this.db, this.vault);
      await this.forgetLastSuccess();
      this.store.setState({
        enrollment: null,
        status: null,
        revoked: true,
        revokedReason: 'unauthorized',
      });
      await this.refreshPending();
      throw error;
    }
    const unrevokedLink =
      enrollment && !revokedAtHq ? await keepUnrevokedLink(this.db, enrollment) : null;
    await clearEnrollment(this.db, this.vault);
    await this.forgetLastSuccess();
    this.store.setState({ enrollment: null, status: null, unrevokedLink });
    await this.refreshPending();
    return { revokedAtHq };
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
      // HQ's exchange rates and security policies: only HQ laptops write them (and send them
      // back after a restore).
      // Erasures are HQ's endpoint's alone (a push of one is refused, even from HQ).
      readOnlyTables:
        enrollment.officeId === null
          ? [ERASURES_TABLE]
          : [FX_TABLE, SECURITY_POLICIES_TABLE, ERASURES_TABLE],
    });
    const runner: SyncRunner = new SyncRunner({
      engine,
      locks: platformLocks(),
      isOnline: platformIsOnline,
      afterSync: () => this.runAfterSync(enrollment),
      ...(this.options.debounceMs !== undefined ? { debounceMs: this.options.debounceMs } : {}),
      ...(this.options.intervalMs !== undefined ? { intervalMs: this.options.intervalMs } : {}),
      onStatus: (status) => {
        if (this.runner !== runner) return;
        this.noteOutcome(status);
        // While a cycle runs, the runner's count is the one from before it: the outbox count
        // (refreshPending) stays the truth, so the badge never says 0 with changes waiting.
        this.store.setState(
          status.phase === 'syncing'
            ? { status }
            : { status, pending: status.pending, oldestPendingAt: status.oldestPendingAt },
        );
        const code = status.lastErrorCode;
        if (status.phase === 'blocked' && (code === 'device_revoked' || code === 'unauthorized')) {
          this.inBackground(this.handleRevoked(code));
        } else if (status.phase !== 'syncing') {
          // A cycle ended: acked changes lose their marker, refused ones are listed.
          this.inBackground(this.refreshPending());
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
   * The stored data key is forgotten too and a new one sealed what stays (rotate.ts): a copy
   * of the disk taken later opens nothing of what the laptop held before.
   *
   * HQ no longer knows the credential (`unauthorized`: e.g. HQ restored its database from a
   * backup older than this link): nobody decided against this laptop, so only the credential
   * goes. The data and the unsent changes stay; linking again with a new code (to the same
   * office) sends them.
   */
  private handleRevoked(reason: UnlinkedReason): Promise<void> {
    this.wiping ??= (async () => {
      this.runner?.stop();
      this.runner = null;
      if (reason === 'device_revoked')
        await wipeOfficeData(this.db, { requireNothingPending: false });
      await clearEnrollment(this.db, this.vault);
      if (reason === 'device_revoked') {
        await replaceDataKey(this.db, {
          drop: DROPPED_ON_REVOKE,
          ...(this.options.dataKeys ? { source: this.options.dataKeys } : {}),
        }).catch((error: unknown) => console.error('[sync] could not replace the data key', error));
      }
      await this.forgetLastSuccess();
      await this.refreshPending();
      this.store.setState({
        enrollment: null,
        status: null,
        revoked: true,
        revokedReason: reason,
      });
    })().finally(() => {
      this.wiping = null;
    });
    return this.wiping;
  }

  private onLocalChange(): void {
    this.runner?.notifyLocalChange();
    this.inBackground(this.refreshPending());
  }

  private async refreshPending(): Promise<void> {
    try {
      const { pending, oldestPendingAt, keys, rejected } = await this.db.transaction(
        'r',
        [OUTBOX, REJECTED],
        async () => {
          let count = 0;
          let oldest: number | null = null;
          const recordKeys = new Set<string>();
          await this.db.table<OutboxRow, number>(OUTBOX).each((row) => {
            oldest ??= row.at;
            count += row.entries.length;
            for (const e of row.entries) recordKeys.add(recordKey(e.tbl, e.id));
          });
          const refused = await this.db.table<RejectedRow, number>(REJECTED).reverse().toArray();
          return { pending: count, oldestPendingAt: oldest, keys: recordKeys, rejected: refused };
        },
      );
      const prev = this.store.getState();
      this.store.setState({
        pending,
        oldestPendingAt,
        // Same set, same object: list rows do not re-render for nothing.
        pendingRecords: sameSet(prev.pendingRecords, keys) ? prev.pendingRecords : keys,
        rejected: sameRejected(prev.rejected, rejected) ? prev.rejected : rejected,
      });
    } catch (error) {
      console.warn('[sync] could not count pending changes', error);
    }
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

function sameRejected(a: readonly RejectedRow[], b: readonly RejectedRow[]): boolean {
  return a.length === b.length && a.every((r, i) => r.rid === b[i]!.rid);
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
