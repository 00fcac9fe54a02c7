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
  printToPdf: 'print:to-pdf',
  notify: 'notification:show',
  updatesReport: 'updates:report',
  updatesInstall: 'updates:install',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
