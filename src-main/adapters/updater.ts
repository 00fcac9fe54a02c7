/**
 * App updates from HQ: electron-updater's generic provider pointed at the HQ this laptop is
 * linked to, with the device credential on every request (HQ serves linked laptops only).
 * It checks after start and every few hours while online, downloads in the background
 * (electron-updater verifies each file's sha512), and installs only when the user clicks
 * "Restart to update" and the renderer says no sync runs and no edit is unsaved. The policy
 * is core/update-policy.ts; this file carries events in and calls out.
 */
import { APP_VERSION_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION } from '@shared/sync/protocol';
import type { IpcInput, IpcResult } from '../ipc/contract';
import {
  INITIAL_UPDATE_STATE,
  nextUpdateState,
  restartDecision,
  shouldCheck,
  updateErrorCode,
  updateFeedUrl,
  type RendererWork,
  type UpdateEvent,
  type UpdateState,
} from '../core/update-policy';
import type { CredentialStore } from './credentials';
import type { AppLogger } from './logger';

/** The part of electron-updater's AppUpdater this adapter uses (tests pass a real or fake one). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  requestHeaders: Record<string, string> | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // electron-updater's listeners take the event's own argument types (UpdateInfo, ProgressInfo…).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface UpdateControllerOptions {
  /** null where updates are off: not packaged, an e2e run, a Linux deb (updaterAllowed). */
  updater: UpdaterLike | null;
  credentials: Pick<CredentialStore, 'get'>;
  appVersion: string;
  /** Electron's net.isOnline(): no check is attempted offline. */
  isOnline: () => boolean;
  log: AppLogger;
  now?: () => number;
  /** How often the schedule is looked at; the policy decides whether a check is due. */
  tickMs?: number;
}

export interface UpdateController {
  /** The renderer's periodic report; answers the update's state. */
  report(input: IpcInput<'updates:report'>): IpcResult<'updates:report'>;
  /** The user clicked "Restart to update": installs only if the policy allows it now. */
  install(input: IpcInput<'updates:install'>): IpcResult<'updates:install'>;
  /** Checks if one is due (also run by the timer). Resolves when the check (and download) ends. */
  tick(): Promise<void>;
  state(): UpdateState;
  start(): void;
  stop(): void;
}

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, log } = options;
  const now = options.now ?? Date.now;
  const startedAt = now();
  let state: UpdateState = updater
    ? INITIAL_UPDATE_STATE
    : nextUpdateState(INITIAL_UPDATE_STATE, { type: 'disabled' });
  let work: RendererWork | null = null;
  let feedUrl: string | null = null;
  let checking: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const dispatch = (event: UpdateEvent) => {
    const before = state.phase;
    state = nextUpdateState(state, event);
    if (state.phase !== before) {
      log.info('updates.phase', { status: state.phase, version: state.version ?? undefined });
    }
  };

  const report = (input: IpcInput<'updates:report'>): IpcResult<'updates:report'> => {
    work = { syncing: input.syncing, unsavedEdits: input.unsavedEdits, reportedAt: now() };
    return { phase: state.phase, version: state.version };
  };
  if (!updater) {
    return {
      report,
      install: () => ({ installing: false, reason: 'not-ready' }),
      tick: () => Promise.resolve(),
      state: () => state,
      start: () => {},
      stop: () => {},
    };
  }

  // The download runs by itself once a check finds a release; never install on quit behind
  // the user's back (a quit with a sync mid-way would restart into the new version).
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.on('update-available', (info: { version: string }) =>
    dispatch({ type: 'available', version: info.version }),
  );
  updater.on('update-not-available', () => dispatch({ type: 'not-available' }));
  updater.on('download-progress', (p: { percent: number }) =>
    dispatch({ type: 'progress', percent: p.percent }),
  );
  updater.on('update-downloaded', (info: { version: string }) =>
    dispatch({ type: 'downloaded', version: info.version }),
  );
  updater.on('error', (error: unknown) => {
    const code = updateErrorCode(error);
    // HQ answers 404 to a laptop outside the rollout or when no release is published: no update.
    if (code === 'no_release' && state.phase === 'checking') {
      dispatch({ type: 'not-available' });
      return;
    }
    // Logged, never shown: a laptop offline in an exhibition hall is normal, not an alarm.
    log.warn('updates.failed', { code });
    dispatch({ type: 'error', code });
  });

  const configureFeed = (hqUrl: string | null) => {
    const url = hqUrl === null ? null : updateFeedUrl(hqUrl);
    if (hqUrl !== null && url === null) log.warn('updates.feed-refused', { reason: 'hq-url' });
    if (url === feedUrl) return;
    feedUrl = url;
    if (url) updater.setFeedURL({ provider: 'generic', url, channel: 'latest' });
  };

  const check = async (): Promise<void> => {
    const credential = await options.credentials.get().catch(() => null);
    if (!credential) {
      // Linked in a plain browser mode (credential not in the keychain): HQ would say 401.
      log.info('updates.skipped', { reason: 'no-credential' });
      dispatch({ type: 'check-started', at: now() });
      dispatch({ type: 'error', code: 'no_credential' });
      return;
    }
    updater.requestHeaders = {
      authorization: `Bearer ${credential}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      [APP_VERSION_HEADER]: options.appVersion,
    };
    dispatch({ type: 'check-started', at: now() });
    try {
      const result = (await updater.checkForUpdates()) as {
        downloadPromise?: Promise<unknown> | null;
      } | null;
      // Background download: its failure arrives as an 'error' event too.
      await result?.downloadPromise?.catch(() => undefined);
    } catch (error) {
      // Normally already reported by the 'error' event; this covers a rejection without one.
      const code = updateErrorCode(error);
      if (code === 'no_release' && state.phase === 'checking') dispatch({ type: 'not-available' });
      else if (state.phase === 'checking' || state.phase === 'downloading') {
        dispatch({ type: 'error', code });
      }
    }
  };

  const controller: UpdateController = {
    report(input) {
      configureFeed(input.hqUrl);
      return report(input);
    },
    install(input) {
      work = { syncing: input.syncing, unsavedEdits: input.unsavedEdits, reportedAt: now() };
      const decision = restartDecision(state, work, now());
      if (!decision.allowed) {
        log.info('updates.restart-refused', { reason: decision.reason });
        return { installing: false, reason: decision.reason };
      }
      log.info('updates.restart', { version: state.version ?? undefined });
      // Not silent (the installer may show progress), and the app starts again after it.
      updater.quitAndInstall(false, true);
      return { installing: true };
    },
    tick() {
      if (checking) return checking;
      if (!feedUrl || !shouldCheck(state, { now: now(), startedAt, online: options.isOnline() })) {
        return Promise.resolve();
      }
      checking = check().finally(() => {
        checking = null;
      });
      return checking;
    },
    state: () => state,
    start() {
      if (timer) return;
      timer = setInterval(() => void controller.tick(), options.tickMs ?? 60_000);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return controller;
}

/**
 * electron-updater's updater for this platform (NSIS, macOS zip, AppImage). Loaded only when
 * updates are allowed: the module reaches for Electron's app and net as soon as it is read.
 */
export async function loadPlatformUpdater(): Promise<UpdaterLike> {
  const { default: electronUpdater } = await import('electron-updater');
  const updater = electronUpdater.autoUpdater;
  // Its own logger writes URLs and stacks to the console; ours logs codes (the 'error' event).
  updater.logger = null;
  return updater as unknown as UpdaterLike;
}
