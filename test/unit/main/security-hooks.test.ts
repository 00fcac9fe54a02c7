import { beforeEach, describe, expect, it } from 'vitest';
import {
  BrowserWindow,
  app,
  resetElectronMock,
  screen,
  session,
  shell,
} from '../../mocks/electron';
import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { createAppLogger } from '../../../src-main/adapters/logger';
import { createSafeOpenExternal } from '../../../src-main/adapters/external';
import {
  installPermissionHandlers,
  installWebContentsSecurity,
} from '../../../src-main/adapters/security';
import { createMainWindow } from '../../../src-main/adapters/window';

const lines: string[] = [];
const log = createAppLogger((_level, line) => lines.push(line));

function openHardenedWindow(devOrigin: string | null = null): BrowserWindow {
  installWebContentsSecurity(app, {
    devOrigin,
    openExternal: createSafeOpenExternal(shell, log),
    log,
  });
  return createMainWindow({
    BrowserWindow: BrowserWindow as unknown as typeof ElectronBrowserWindow,
    screen,
    preloadPath: '/app/out/preload/preload.cjs',
    userDataDir: app.getPath('userData'),
    log,
  }) as unknown as BrowserWindow;
}

beforeEach(() => {
  resetElectronMock();
  lines.length = 0;
});

describe('window web preferences', () => {
  it('creates the window isolated, sandboxed, without Node', () => {
    const window = openHardenedWindow();
    expect(window.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/preload.cjs',
    });
  });
});

describe('navigation guard', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])(
    '%s: blocks foreign URLs, allows the app',
    (eventName) => {
      const { webContents } = openHardenedWindow();
      for (const url of [
        'https://evil.example/',
        'app://bridgehead.evil/',
        'app://user@bridgehead/',
        'file:///etc/passwd',
        'http://localhost:5173/',
      ]) {
        const blocked = webContents.navigate(eventName, url);
        expect(blocked.preventDefault, url).toHaveBeenCalled();
      }
      const allowed = webContents.navigate(eventName, 'app://bridgehead/x');
      expect(allowed.preventDefault).not.toHaveBeenCalled();
      expect(lines.some((l) => l.includes('evil'))).toBe(false);
    },
  );

  it('allows the dev server origin only when it is the configured dev origin', () => {
    const { webContents } = openHardenedWindow('http://localhost:5173');
    expect(
      webContents.navigate('will-navigate', 'http://localhost:5173/buyers').defaultPrevented,
    ).toBe(false);
    expect(webContents.navigate('will-navigate', 'http://localhost:9999/').defaultPrevented).toBe(
      true,
    );
  });
});

describe('new windows', () => {
  it('denies window.open and forwards https links to the OS browser', () => {
    const { webContents } = openHardenedWindow();
    expect(webContents.openWindow('https://www.example.com/catalogue')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.example.com/catalogue', {
      activate: true,
    });
  });

  it.each([
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'http://example.com/',
    'app://bridgehead/x',
  ])('denies %s without opening it', (url) => {
    const { webContents } = openHardenedWindow();
    expect(webContents.openWindow(url)).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents <webview> attachment', () => {
    const { webContents } = openHardenedWindow();
    expect(webContents.attachWebview().preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  beforeEach(() => {
    installPermissionHandlers(session.defaultSession, { log });
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'midi'])(
    'denies %s requests, even from the app',
    async (permission) => {
      expect(
        await session.defaultSession.requestPermission(permission, 'app://bridgehead/index.html'),
      ).toBe(false);
      expect(session.defaultSession.checkPermission(permission, 'app://bridgehead')).toBe(false);
    },
  );

  it('allows notifications from the app origin, not from another origin', async () => {
    const ses = session.defaultSession;
    expect(await ses.requestPermission('notifications', 'app://bridgehead/index.html')).toBe(true);
    expect(await ses.requestPermission('notifications', 'https://evil.example/')).toBe(false);
    expect(ses.checkPermission('notifications', 'app://bridgehead')).toBe(true);
    expect(ses.checkPermission('notifications', 'https://evil.example')).toBe(false);
    expect(ses.devicePermissionHandler?.()).toBe(false);
  });
});
