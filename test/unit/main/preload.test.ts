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
      'getOsLocale',
      'getVersion',
      'openExternal',
      'setLanguage',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    // Nothing that would hand the page Electron or Node.
    const exposed = Object.values(api);
    expect(exposed).not.toContain(electron.ipcRenderer);
    expect(exposed).not.toContain(electron.ipcRenderer.invoke);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|process|env|require/i);
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
});
