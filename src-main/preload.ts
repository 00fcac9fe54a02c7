/**
 * The only bridge between the renderer and main. It exposes a few named
 * functions; never ipcRenderer, process or the environment, so a compromised
 * page can reach nothing but these calls (each checked again in main).
 * Runs sandboxed: bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from './ipc/channels';
import type { IpcChannel, IpcInput, IpcResult } from './ipc/contract';
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
};

export type BridgeheadApi = typeof api;

contextBridge.exposeInMainWorld('bridgehead', Object.freeze(api));
