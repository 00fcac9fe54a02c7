/**
 * The laptop's update policy, free of Electron and electron-updater so tests reach it directly:
 * where the feed is, when to check, the state of the update, and whether a restart to install
 * it is allowed now. The adapter (adapters/updater.ts) only carries events in and calls out.
 */

/** First check this long after start: never compete with the first paint and the first sync. */
export const FIRST_CHECK_DELAY_MS = 30_000;
/** Then every few hours (a laptop left open for days still learns of a release). */
export const CHECK_INTERVAL_MS = 4 * 60 * 60_000;
/** After a failed check (offline, HQ down), try again sooner than the full interval. */
export const RETRY_AFTER_ERROR_MS = 30 * 60_000;
/**
 * The renderer reports whether a sync runs or edits are unsaved at least this often (it polls
 * every 30 s). A renderer silent for longer (hung, reloading) is treated as busy: no restart.
 */
export const RENDERER_REPORT_MAX_AGE_MS = 90_000;

export type UpdatePhase =
  /** Not packaged, an e2e run, a Linux deb, or not linked to HQ: the updater stays off. */
  | 'disabled'
  | 'idle'
  | 'checking'
  | 'downloading'
  /** Downloaded and verified (sha512): "Restart to update" is offered. */
  | 'ready'
  /** The last check or download failed: logged, never shown as an alarm; retried later. */
  | 'error';

export interface UpdateState {
  phase: UpdatePhase;
  /** The version offered by HQ (downloading or ready). */
  version: string | null;
  /** 0-100 while downloading. */
  percent: number | null;
  /** A short machine code of the last failure (e.g. `sha512_mismatch`), for the log and tests. */
  errorCode: string | null;
  lastCheckAt: number | null;
}

export const INITIAL_UPDATE_STATE: UpdateState = {
  phase: 'idle',
  version: null,
  percent: null,
  errorCode: null,
  lastCheckAt: null,
};

/** What electron-updater tells us, reduced to what the policy needs. */
export type UpdateEvent =
  | { type: 'check-started'; at: number }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; code: string }
  | { type: 'disabled' }
  | { type: 'enabled' };

/** The update's state machine. A downloaded update stays ready whatever later checks say. */
export function nextUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  switch (event.type) {
    case 'disabled':
      return { ...INITIAL_UPDATE_STATE, phase: 'disabled', lastCheckAt: state.lastCheckAt };
    case 'enabled':
      return state.phase === 'disabled' ? { ...state, phase: 'idle' } : state;
    case 'check-started':
      if (state.phase === 'ready' || state.phase === 'downloading' || state.phase === 'disabled') {
        return { ...state, lastCheckAt: event.at };
      }
      return { ...state, phase: 'checking', errorCode: null, lastCheckAt: event.at };
    case 'available':
      if (state.phase === 'ready' && state.version === event.version) return state;
      return { ...state, phase: 'downloading', version: event.version, percent: 0 };
    case 'not-available':
      return state.phase === 'checking' ? { ...state, phase: 'idle', version: null } : state;
    case 'progress':
      return state.phase === 'downloading'
        ? { ...state, percent: Math.max(0, Math.min(100, Math.round(event.percent))) }
        : state;
    case 'downloaded':
      return { ...state, phase: 'ready', version: event.version, percent: 100, errorCode: null };
    case 'error':
      // A failed re-check must not take back an update already downloaded and verified.
      if (state.phase === 'ready') return { ...state, errorCode: event.code };
      if (state.phase === 'disabled') return state;
      return { ...state, phase: 'error', version: null, percent: null, errorCode: event.code };
  }
}

/** Whether the updater may run at all in this process. */
export function updaterAllowed(env: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Set by the AppImage runtime: only AppImages update in place on Linux (deb goes through dpkg). */
  appImage: string | undefined;
  e2e: boolean;
}): boolean {
  if (!env.isPackaged || env.e2e) return false;
  if (env.platform === 'linux') return Boolean(env.appImage);
  return env.platform === 'win32' || env.platform === 'darwin';
}

/** The generic provider's base URL on HQ (the routes of src-hq/releases/routes.ts). */
export function updateFeedUrl(hqUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(hqUrl);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname);
  // The device credential travels with every request: HTTPS, or this machine itself.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/v1/updates`;
}

/** When the next check is due, or null when none should be scheduled. */
export function nextCheckAt(state: UpdateState, startedAt: number): number | null {
  if (state.phase === 'disabled' || state.phase === 'ready') return null;
  if (state.lastCheckAt === null) return startedAt + FIRST_CHECK_DELAY_MS;
  return state.lastCheckAt + (state.phase === 'error' ? RETRY_AFTER_ERROR_MS : CHECK_INTERVAL_MS);
}

/** Whether to check now: due, online, and not already checking or downloading. */
export function shouldCheck(
  state: UpdateState,
  ctx: { now: number; startedAt: number; online: boolean },
): boolean {
  if (!ctx.online) return false;
  if (state.phase === 'checking' || state.phase === 'downloading') return false;
  const due = nextCheckAt(state, ctx.startedAt);
  return due !== null && ctx.now >= due;
}

/** What the renderer last reported (over validated IPC). */
export interface RendererWork {
  /** A sync cycle is running (pushing or pulling). */
  syncing: boolean;
  /** A form or editor holds edits not yet saved. */
  unsavedEdits: boolean;
  /** When main received the report. */
  reportedAt: number;
}

export type RestartRefusal = 'not-ready' | 'syncing' | 'unsaved-edits' | 'renderer-silent';

export type RestartDecision = { allowed: true } | { allowed: false; reason: RestartRefusal };

/**
 * Whether main may quit and install now. Only a downloaded (verified) update, only when the
 * renderer said recently that no sync runs and no edit is unsaved: never restart on a guess.
 */
export function restartDecision(
  state: UpdateState,
  work: RendererWork | null,
  now: number,
): RestartDecision {
  if (state.phase !== 'ready') return { allowed: false, reason: 'not-ready' };
  if (!work || now - work.reportedAt > RENDERER_REPORT_MAX_AGE_MS) {
    return { allowed: false, reason: 'renderer-silent' };
  }
  if (work.syncing) return { allowed: false, reason: 'syncing' };
  if (work.unsavedEdits) return { allowed: false, reason: 'unsaved-edits' };
  return { allowed: true };
}

/** electron-updater's errors reduced to a code for the log (never a raw message to the user). */
export function updateErrorCode(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (/sha512 checksum mismatch/i.test(message)) return 'sha512_mismatch';
  if (/\b401\b|unauthori[sz]ed/i.test(message)) return 'unauthorized';
  if (/\b404\b|ERR_UPDATER_CHANNEL_FILE_NOT_FOUND/.test(message)) return 'no_release';
  if (/net::ERR_|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET/.test(message)) return 'network';
  if (typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code)) return code.toLowerCase();
  return 'failed';
}
