import { beforeEach, describe, expect, it, vi } from 'vitest';

async function loadPreload() {
  vi.resetModules();
  const electron = await import('../../mocks/electron');
  electron.resetElectronMock();
  await import('../../../src-main/preload');
  return electron;
}

describe('preload bridge', () => {
  let electron: Awaited<ReturnType<typeof loadPreload>>;
  beforeEach(async () => {
    electron = await loadPreload();
  });

  it('exposes exactly the named functions under window.bridgehead', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['bridgehead']);
    const api = electron.contextBridge.exposed.get('bridgehead') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([
      'appLock',
      'credentials',
      'dataKey',
      'getOsLocale',
      'getVersion',
      'notify',
      'openExternal',
      'printToPdf',
      'setLanguage',
      'updates',
    ]);
    const { credentials, updates, appLock, dataKey, ...functions } = api;
    expect(Object.keys(appLock as object)).toEqual(['onOsLock']);
    expect(Object.keys(dataKey as object)).toEqual(['get', 'clear']);
    expect(Object.isFrozen(dataKey)).toBe(true);
    expect(Object.isFrozen(appLock)).toBe(true);
    for (const value of Object.values(functions)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    // The credential API has exactly this shape (the sync code relies on it).
    expect(Object.keys(credentials as object).sort()).toEqual(['clear', 'get', 'set']);
    for (const value of Object.values(credentials as object)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(credentials)).toBe(true);
    expect(Object.keys(updates as object).sort()).toEqual(['install', 'report']);
    expect(Object.isFrozen(updates)).toBe(true);
    // Nothing that would hand the page Electron or Node.
    const exposed = Object.values(api);
    expect(exposed).not.toContain(electron.ipcRenderer);
    expect(exposed).not.toContain(electron.ipcRenderer.invoke);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|process|env|require/i);
  });

  it('passes the OS lock events main sends (only the two known reasons) and unsubscribes', () => {
    const api = electron.contextBridge.exposed.get('bridgehead') as {
      appLock: { onOsLock: (l: (reason: string) => void) => () => void };
    };
    const heard: string[] = [];
    const stop = api.appLock.onOsLock((reason) => heard.push(reason));
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, handler] = electron.ipcRenderer.on.mock.calls[0] as [
      string,
      (event: unknown, reason: unknown) => void,
    ];
    expect(channel).toBe('app-lock:os-event');
    handler({ sender: 'main' }, 'lock-screen');
    handler({ sender: 'main' }, 'suspend');
    handler({ sender: 'main' }, 'shutdown');
    handler({ sender: 'main' }, { reason: 'lock-screen' });
    // The listener never sees the IPC event object, only the reason.
    expect(heard).toEqual(['lock-screen', 'suspend']);
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('app-lock:os-event', handler);
  });

  it('forwards each call to its channel, with no payload for no-input calls', async () => {
    const api = electron.contextBridge.exposed.get('bridgehead') as {
      getVersion: () => Promise<unknown>;
      getOsLocale: () => Promise<unknown>;
      setLanguage: (l: string) => Promise<unknown>;
      openExternal: (u: string) => Promise<unknown>;
    };
    await api.getVersion();
    await api.getOsLocale();
    await api.setLanguage('ko');
    await api.openExternal('https://example.com/');
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['app:get-version'],
      ['app:get-os-locale'],
      ['app:set-language', { language: 'ko' }],
      ['shell:open-external', { url: 'https://example.com/' }],
    ]);
  });

  it('unwraps credential, print and notification results', async () => {
    const api = electron.contextBridge.exposed.get('bridgehead') as {
      credentials: {
        get: () => Promise<string | null>;
        set: (s: string) => Promise<void>;
        clear: () => Promise<void>;
      };
      dataKey: { get: () => Promise<string>; clear: () => Promise<void> };
      printToPdf: (o: object) => Promise<boolean>;
      notify: (t: string, b: string) => Promise<boolean>;
    };
    const answers: Record<string, unknown> = {
      'credentials:get': { secret: 'tok' },
      'credentials:set': { stored: true },
      'credentials:clear': { cleared: true },
      'data-key:get': { key: 'a2V5' },
      'data-key:clear': { cleared: true },
      'print:to-pdf': { saved: true },
      'notification:show': { shown: false },
    };
    electron.ipcRenderer.invoke.mockImplementation(async (channel: string) => answers[channel]);
    await expect(api.credentials.get()).resolves.toBe('tok');
    await expect(api.credentials.set('tok')).resolves.toBeUndefined();
    await expect(api.credentials.clear()).resolves.toBeUndefined();
    await expect(api.dataKey.get()).resolves.toBe('a2V5');
    await expect(api.dataKey.clear()).resolves.toBeUndefined();
    const printOptions = { pageSize: 'A4', fileName: 'f', dialogTitle: 't' };
    await expect(api.printToPdf(printOptions)).resolves.toBe(true);
    await expect(api.notify('Title', 'Body')).resolves.toBe(false);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['credentials:get'],
      ['credentials:set', { secret: 'tok' }],
      ['credentials:clear'],
      ['data-key:get'],
      ['data-key:clear'],
      ['print:to-pdf', printOptions],
      ['notification:show', { title: 'Title', body: 'Body' }],
    ]);
  });
});
