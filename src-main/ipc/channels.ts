/**
 * Channel names only, without the schemas: the preload imports these, and
 * must stay small (importing zod here would bundle it into the preload).
 * contract.ts re-exports them; it is the one place to read the contract.
 */
export const IPC_CHANNELS = {
  getVersion: 'app:get-version',
  getOsLocale: 'app:get-os-locale',
  setLanguage: 'app:set-language',
  openExternal: 'shell:open-external',
  credentialsGet: 'credentials:get',
  credentialsSet: 'credentials:set',
  credentialsClear: 'credentials:clear',
  dataKeyGet: 'data-key:get',
  dataKeyClear: 'data-key:clear',
  printToPdf: 'print:to-pdf',
  notify: 'notification:show',
  updatesReport: 'updates:report',
  updatesInstall: 'updates:install',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/**
 * Events main sends to the renderer (never the other way: those are invoke channels above).
 * `osLock`: the OS locked the screen or is going to sleep; the app locks (issue 14).
 */
export const IPC_EVENTS = {
  osLock: 'app-lock:os-event',
} as const;

/** What makes the app lock from the OS side (Electron powerMonitor event names). */
export const OS_LOCK_REASONS = ['lock-screen', 'suspend'] as const;
export type OsLockReason = (typeof OS_LOCK_REASONS)[number];

export function isOsLockReason(value: unknown): value is OsLockReason {
  return (OS_LOCK_REASONS as readonly unknown[]).includes(value);
}
