/**
 * The renderer's side of app updates: it tells main, every 30 s and whenever it changes,
 * which HQ this laptop is linked to, whether a sync runs and whether edits are unsaved; main
 * answers whether an update is downloaded and ready. Restarting is main's decision
 * (src-main/core/update-policy.ts): `install` only asks. No bridge (a plain browser): no updates.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeheadApi } from '../../platform/bridge';

export type UpdatesBridge = BridgeheadApi['updates'];

export interface RendererWork {
  hqUrl: string | null;
  syncing: boolean;
  unsavedEdits: boolean;
}

export type InstallRefusal = 'not-ready' | 'syncing' | 'unsaved-edits' | 'renderer-silent';

export interface UpdateNoticeState {
  /** The version downloaded and verified, ready to restart into; null otherwise. */
  readyVersion: string | null;
  /** Why the last "Restart to update" was refused, or 'failed' when main could not be asked. */
  refusal: InstallRefusal | 'failed' | null;
  installing: boolean;
}

export const REPORT_INTERVAL_MS = 30_000;

export interface UpdateReporter {
  store: StoreApi<UpdateNoticeState>;
  /** Sends the current work now (also called on every change). */
  report(): Promise<void>;
  install(): Promise<void>;
  stop(): void;
}

export function createUpdateReporter(options: {
  bridge: UpdatesBridge | undefined;
  work: () => RendererWork;
  /** Calls back on any change of the work; returns an unsubscribe. */
  subscribe: (onChange: () => void) => () => void;
  intervalMs?: number;
}): UpdateReporter {
  const store = createStore<UpdateNoticeState>()(() => ({
    readyVersion: null,
    refusal: null,
    installing: false,
  }));
  const { bridge } = options;
  if (!bridge) {
    return { store, report: async () => {}, install: async () => {}, stop: () => {} };
  }
  let last = '';
  const report = async (force = false) => {
    const work = options.work();
    const key = JSON.stringify(work);
    if (!force && key === last) return;
    last = key;
    try {
      const answer = await bridge.report(work);
      store.setState({ readyVersion: answer.phase === 'ready' ? answer.version : null });
    } catch {
      // A failing bridge changes nothing: the app goes on, the next report tries again.
    }
  };
  const unsubscribe = options.subscribe(() => void report());
  const timer = setInterval(() => void report(true), options.intervalMs ?? REPORT_INTERVAL_MS);
  void report(true);
  return {
    store,
    report: () => report(true),
    async install() {
      const { syncing, unsavedEdits } = options.work();
      store.setState({ installing: true, refusal: null });
      try {
        const answer = await bridge.install({ syncing, unsavedEdits });
        // On success main quits the app: nothing more to show.
        if (!answer.installing) store.setState({ installing: false, refusal: answer.reason });
      } catch {
        store.setState({ installing: false, refusal: 'failed' });
      }
    },
    stop() {
      unsubscribe();
      clearInterval(timer);
    },
  };
}
