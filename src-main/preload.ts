/**
 * The only bridge between the renderer and main. It exposes a few named
 * functions; never ipcRenderer, process or the environment, so a compromised
 * page can reach nothing but these calls (each checked again in main).
 * Runs sandboxed: bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, IPC_EVENTS, isOsLockReason, type OsLockReason } from './ipc/channels';
import type { IpcChannel, IpcInput, IpcResult, PdfPageSize } from './ipc/contract';
import type { Language } from '@shared/i18n/languages';

function invoke<C extends IpcChannel>(channel: C, input?: IpcInput<C>): Promise<IpcResult<C>> {
  // Calls without input send no argument at all, which is what the schema expects.
  return input === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, input);
}

const api = {
  getVersion: () => invoke(IPC_CHANNELS.getVersion),
  getOsLocale: () => invoke(IPC_CHANNELS.getOsLocale),
  setLanguage: (language: Language) => invoke(IPC_CHANNELS.setLanguage, { language }),
  openExternal: (url: string) => invoke(IPC_CHANNELS.openExternal, { url }),
  /**
   * The device credential, encrypted by the OS (safeStorage) in main. `set`
   * rejects with IPC_CREDENTIALS_UNAVAILABLE where the OS has no real
   * encryption (Linux `basic_text`): nothing is then stored.
   */
  credentials: Object.freeze({
    get: async (): Promise<string | null> => (await invoke(IPC_CHANNELS.credentialsGet)).secret,
    set: async (secret: string): Promise<void> => {
      await invoke(IPC_CHANNELS.credentialsSet, { secret });
    },
    clear: async (): Promise<void> => {
      await invoke(IPC_CHANNELS.credentialsClear);
    },
  }),
  /**
   * The data key personal data is sealed with in IndexedDB (issue 14), base64; kept in main
   * wrapped by safeStorage. `get` rejects with IPC_DATA_KEY_UNAVAILABLE where the OS has no
   * real encryption, IPC_DATA_KEY_UNREADABLE where it can no longer open the stored key.
   */
  dataKey: Object.freeze({
    get: async (): Promise<string> => (await invoke(IPC_CHANNELS.dataKeyGet)).key,
    clear: async (): Promise<void> => {
      await invoke(IPC_CHANNELS.dataKeyClear);
    },
  }),
  /** Prints the current page (its print CSS) to a PDF the user saves; false when cancelled. */
  printToPdf: async (options: {
    pageSize: PdfPageSize;
    landscape?: boolean;
    fileName: string;
    dialogTitle: string;
  }): Promise<boolean> => (await invoke(IPC_CHANNELS.printToPdf, options)).saved,
  /** A native OS notification; false where the OS offers none. */
  notify: async (title: string, body: string): Promise<boolean> =>
    (await invoke(IPC_CHANNELS.notify, { title, body })).shown,
  /**
   * App updates from HQ. The renderer reports what it is doing (linked HQ, a sync running,
   * unsaved edits) and learns whether an update is ready; `install` restarts into it only
   * when main's policy allows it (see src-main/core/update-policy.ts).
   */
  updates: Object.freeze({
    report: (report: IpcInput<'updates:report'>) => invoke(IPC_CHANNELS.updatesReport, report),
    install: (work: IpcInput<'updates:install'>) => invoke(IPC_CHANNELS.updatesInstall, work),
  }),
  /**
   * The app lock (issue 14): `onOsLock` calls back when the OS locks the screen or the
   * machine goes to sleep (main forwards powerMonitor's events); returns the unsubscribe.
   * Only the two known reasons pass; the listener never sees the IPC event.
   */
  appLock: Object.freeze({
    onOsLock: (listener: (reason: OsLockReason) => void): (() => void) => {
      const handler = (_event: unknown, reason: unknown) => {
        if (isOsLockReason(reason)) listener(reason);
      };
      ipcRenderer.on(IPC_EVENTS.osLock, handler);
      return () => {
        ipcRenderer.removeListener(IPC_EVENTS.osLock, handler);
      };
    },
  }),
};

export type BridgeheadApi = typeof api;

contextBridge.exposeInMainWorld('bridgehead', Object.freeze(api));
