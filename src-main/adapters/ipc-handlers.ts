import type { App, IpcMain } from 'electron';
import type { Language } from '@shared/i18n/languages';
import { IPC_CHANNELS } from '../ipc/contract';
import { handle } from '../ipc/register';
import type { IpcGuardOptions } from '../ipc/register';
import type { CredentialStore } from './credentials';
import type { DataKeyStore } from './data-key';
import type { OpenExternal } from './external';
import type { Notifier } from './notifications';
import type { PdfExporter } from './print';
import type { UpdateController } from './updater';

export interface IpcHandlerDeps {
  app: Pick<App, 'getVersion' | 'getPreferredSystemLanguages'>;
  openExternal: OpenExternal;
  setLanguage: (language: Language) => void;
  credentials: CredentialStore;
  dataKey: DataKeyStore;
  exportPdf: PdfExporter;
  notify: Notifier;
  updates: Pick<UpdateController, 'report' | 'install'>;
}

/** Every channel of the contract, each behind the sender + schema checks of handle(). */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  deps: IpcHandlerDeps,
  guard: IpcGuardOptions,
): void {
  handle(ipcMain, IPC_CHANNELS.getVersion, () => ({ version: deps.app.getVersion() }), guard);
  handle(
    ipcMain,
    IPC_CHANNELS.getOsLocale,
    () => ({ languages: [...deps.app.getPreferredSystemLanguages()] }),
    guard,
  );
  handle(
    ipcMain,
    IPC_CHANNELS.setLanguage,
    ({ language }) => {
      deps.setLanguage(language);
      return { language };
    },
    guard,
  );
  handle(
    ipcMain,
    IPC_CHANNELS.openExternal,
    async ({ url }) => ({ opened: await deps.openExternal(url) }),
    guard,
  );
  handle(
    ipcMain,
    IPC_CHANNELS.credentialsGet,
    async () => ({ secret: await deps.credentials.get() }),
    guard,
  );
  handle(
    ipcMain,
    IPC_CHANNELS.credentialsSet,
    async ({ secret }) => {
      await deps.credentials.set(secret);
      return { stored: true as const };
    },
    guard,
  );
  handle(
    ipcMain,
    IPC_CHANNELS.credentialsClear,
    async () => {
      await deps.credentials.clear();
      return { cleared: true as const };
    },
    guard,
  );
  handle(ipcMain, IPC_CHANNELS.dataKeyGet, async () => ({ key: await deps.dataKey.get() }), guard);
  handle(
    ipcMain,
    IPC_CHANNELS.dataKeyClear,
    async () => {
      await deps.dataKey.clear();
      return { cleared: true as const };
    },
    guard,
  );
  // Prints the sender's own page only: the frame check above guarantees it is the app.
  handle(
    ipcMain,
    IPC_CHANNELS.printToPdf,
    (input, event) => deps.exportPdf(input, event.sender),
    guard,
  );
  handle(ipcMain, IPC_CHANNELS.notify, (input) => deps.notify(input), guard);
  handle(ipcMain, IPC_CHANNELS.updatesReport, (input) => deps.updates.report(input), guard);
  handle(ipcMain, IPC_CHANNELS.updatesInstall, (input) => deps.updates.install(input), guard);
}
