import type { App, IpcMain } from 'electron';
import type { Language } from '@shared/i18n/languages';
import { IPC_CHANNELS } from '../ipc/contract';
import { handle } from '../ipc/register';
import type { IpcGuardOptions } from '../ipc/register';
import type { OpenExternal } from './external';

export interface IpcHandlerDeps {
  app: Pick<App, 'getVersion' | 'getPreferredSystemLanguages'>;
  openExternal: OpenExternal;
  setLanguage: (language: Language) => void;
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
}
