import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ElectronMock from '../../mocks/electron';

/** Loads a fresh main.ts against a fresh mock, configured before main runs. */
async function startMain(configure?: (electron: typeof ElectronMock) => void) {
  vi.resetModules();
  const electron = await import('../../mocks/electron');
  electron.resetElectronMock();
  configure?.(electron);
  await import('../../../src-main/main');
  return electron;
}

const platform = Object.getOwnPropertyDescriptor(process, 'platform');
function setPlatform(value: string): void {
  Object.defineProperty(process, 'platform', { value, configurable: true });
}

describe('main composition root', () => {
  beforeEach(() => {
    delete process.env.ELECTRON_RENDERER_URL;
  });
  afterEach(() => {
    if (platform) Object.defineProperty(process, 'platform', platform);
    delete process.env.ELECTRON_RENDERER_URL;
  });

  it('quits a second instance before doing anything else', async () => {
    const electron = await startMain((e) => e.app.setSingleInstanceLock(false));
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    await electron.app.triggerReady();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('registers the scheme before ready and opens one secure window at app://bridgehead', async () => {
    const electron = await startMain();
    expect(electron.protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
    expect(electron.BrowserWindow.instances).toHaveLength(0);

    await electron.app.triggerReady();
    const [window] = electron.BrowserWindow.instances;
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(window?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String(window?.webPreferences.preload)).toMatch(/preload[\\/]preload\.cjs$/);
    expect(window?.loadURL).toHaveBeenCalledWith('app://bridgehead/index.html');
    expect(electron.protocol.isProtocolHandled('app')).toBe(true);
    // The page gets the production CSP: own scripts only; HQ reachable over https only.
    const page = await electron.protocol.request('app://bridgehead/index.html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).toContain("connect-src 'self' https: http://127.0.0.1:* http://localhost:*;");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    // Plain http only on the loopback interface.
    expect(csp.match(/http:\/\/[^ ;]+/g)).toEqual(['http://127.0.0.1:*', 'http://localhost:*']);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([
      'app:get-os-locale',
      'app:get-version',
      'app:set-language',
      'credentials:clear',
      'credentials:get',
      'credentials:set',
      'data-key:clear',
      'data-key:get',
      'notification:show',
      'print:to-pdf',
      'shell:open-external',
      'updates:install',
      'updates:report',
    ]);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(electron.session.defaultSession.permissionRequestHandler).not.toBeNull();
    // The security hooks were installed on the window's webContents.
    expect(
      window?.webContents.navigate('will-navigate', 'https://evil.example/').defaultPrevented,
    ).toBe(true);
    expect(window?.webContents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
  });

  it('tells the window when the OS locks the screen or sleeps (the app locks; issue 14)', async () => {
    const electron = await startMain();
    // powerMonitor is not touched before 'ready' (Electron refuses it then).
    expect(electron.powerMonitor.listenerCount('lock-screen')).toBe(0);
    await electron.app.triggerReady();
    const [window] = electron.BrowserWindow.instances;
    electron.powerMonitor.emit('lock-screen');
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('resume'); // not a reason to lock
    expect(window?.webContents.send.mock.calls).toEqual([
      ['app-lock:os-event', 'lock-screen'],
      ['app-lock:os-event', 'suspend'],
    ]);
    // A closed window is skipped, not sent to.
    window!.destroyed = true;
    window!.webContents.isDestroyed.mockReturnValue(true);
    electron.powerMonitor.emit('lock-screen');
    expect(window?.webContents.send).toHaveBeenCalledTimes(2);
  });

  it('wires the credential store to userData and real safeStorage', async () => {
    const electron = await startMain();
    await electron.app.triggerReady();
    await electron.ipcMain.invokeAs('app://bridgehead/index.html', 'credentials:set', {
      secret: 'device-token',
    });
    expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledWith('device-token');
    await expect(
      electron.ipcMain.invokeAs('app://bridgehead/index.html', 'credentials:get'),
    ).resolves.toEqual({ secret: 'device-token' });
    // A notification click focuses the main window.
    await electron.ipcMain.invokeAs('app://bridgehead/index.html', 'notification:show', {
      title: 'Reminder',
      body: '',
    });
    const [window] = electron.BrowserWindow.instances;
    electron.Notification.instances[0]?.emit('click');
    expect(window?.focus).toHaveBeenCalled();
  });

  it('localizes the menu from the OS language and relocalizes on app:set-language', async () => {
    const electron = await startMain((e) => e.app.setPreferredLanguages(['ko-KR']));
    await electron.app.triggerReady();
    const first = (m: typeof electron.Menu.current) => (m?.template[0] as { label: string }).label;
    expect(first(electron.Menu.current)).toBe('파일');
    await electron.ipcMain.invokeAs('app://bridgehead/index.html', 'app:set-language', {
      language: 'zh-CN',
    });
    expect(first(electron.Menu.current)).toBe('文件');
  });

  it('focuses the existing window when a second instance starts', async () => {
    const electron = await startMain();
    await electron.app.triggerReady();
    const [window] = electron.BrowserWindow.instances;
    if (window) window.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(window?.restore).toHaveBeenCalled();
    expect(window?.focus).toHaveBeenCalled();
  });

  it('quits when all windows close, except on macOS', async () => {
    setPlatform('linux');
    const linux = await startMain();
    linux.app.emit('window-all-closed');
    expect(linux.app.quit).toHaveBeenCalledTimes(1);

    setPlatform('darwin');
    const mac = await startMain();
    mac.app.emit('window-all-closed');
    expect(mac.app.quit).not.toHaveBeenCalled();
  });

  it('loads the dev server only in an unpackaged app', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    const dev = await startMain();
    await dev.app.triggerReady();
    expect(dev.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173');

    const packaged = await startMain((e) => e.app.setPackaged(true));
    await packaged.app.triggerReady();
    expect(packaged.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith(
      'app://bridgehead/index.html',
    );
    // And the dev origin is not trusted for IPC in the packaged app.
    await expect(
      packaged.ipcMain.invokeAs('http://localhost:5173/', 'app:get-version'),
    ).rejects.toThrow('IPC_FORBIDDEN_SENDER');
  });
});
