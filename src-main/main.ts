/**
 * Composition root: wires the Electron modules to the adapters. No logic of
 * its own beyond the order things must happen in.
 */
import path from 'node:path';
import {
  BrowserWindow,
  Menu,
  Notification,
  app,
  dialog,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { resolveLanguage } from '@shared/i18n/languages';
import { buildContentSecurityPolicy } from './core/csp';
import { APP_ENTRY_URL, toDevOrigin } from './core/origin';
import { createCredentialStore } from './adapters/credentials';
import { createDataKeyStore } from './adapters/data-key';
import { createSafeOpenExternal } from './adapters/external';
import { createMainI18n } from './adapters/i18n';
import { registerIpcHandlers } from './adapters/ipc-handlers';
import { createFileLogger, logsDirectory } from './adapters/logger';
import { createMenuController } from './adapters/menu';
import { createNotifier } from './adapters/notifications';
import { forwardOsLock } from './adapters/os-lock';
import { createPdfExporter } from './adapters/print';
import { installAppProtocol, registerAppScheme } from './adapters/protocol';
import { installPermissionHandlers, installWebContentsSecurity } from './adapters/security';
import { createMainWindow, focusWindow } from './adapters/window';
import { createUpdateController, loadPlatformUpdater } from './adapters/updater';
import { updaterAllowed } from './core/update-policy';

/**
 * CSP connect-src beyond 'self'. The HQ server URL is chosen at enrollment in
 * the renderer, so any HTTPS origin is allowed, plus plain http only on the
 * loopback interface (an HQ server on the same machine, as `npm start` runs
 * it). Narrow this to the configured HQ origin once main knows it.
 */
const HQ_ORIGINS: readonly string[] = ['https:', 'http://127.0.0.1:*', 'http://localhost:*'];

// electron-vite sets ELECTRON_RENDERER_URL in dev. A packaged app ignores it,
// so an environment variable can never point the app at another origin.
const devRendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devOrigin = toDevOrigin(devRendererUrl);

const rendererRoot = path.join(import.meta.dirname, '../renderer');
const preloadPath = path.join(import.meta.dirname, '../preload/preload.cjs');

if (!app.requestSingleInstanceLock()) {
  // Another Bridgehead is running; it gets a 'second-instance' event and comes to the front.
  app.quit();
} else {
  const userDataDir = app.getPath('userData');
  const log = createFileLogger(userDataDir, {
    console: !app.isPackaged && process.env.NODE_ENV !== 'test',
  });
  const openExternal = createSafeOpenExternal(shell, log);
  let mainWindow: BrowserWindow | null = null;

  // Both must happen before 'ready': the scheme registration, and the hooks
  // that must see the very first webContents.
  registerAppScheme(protocol);
  installWebContentsSecurity(app, { devOrigin, openExternal, log });

  const openMainWindow = () => {
    mainWindow = createMainWindow({ BrowserWindow, screen, preloadPath, userDataDir, log });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    void mainWindow.loadURL(devRendererUrl && devOrigin ? devRendererUrl : APP_ENTRY_URL);
  };

  const start = () => {
    log.info('app.ready', { version: app.getVersion(), platform: process.platform });
    installPermissionHandlers(session.defaultSession, { devOrigin, log });
    installAppProtocol(protocol, {
      rendererRoot,
      contentSecurityPolicy: buildContentSecurityPolicy({
        hqOrigins: HQ_ORIGINS,
        devServerOrigin: devOrigin,
      }),
      log,
    });

    const initialLanguage = resolveLanguage(app.getPreferredSystemLanguages());
    app.setAboutPanelOptions({
      applicationName: 'Bridgehead',
      applicationVersion: app.getVersion(),
    });
    const menu = createMenuController({
      Menu,
      i18n: createMainI18n(initialLanguage),
      platform: process.platform,
      showDevTools: !app.isPackaged,
      callbacks: {
        onAbout: () => app.showAboutPanel(),
        onOpenLogsFolder: () => void shell.openPath(logsDirectory(userDataDir)),
      },
    });
    menu.setLanguage(initialLanguage);

    const credentials = createCredentialStore({
      safeStorage,
      userDataDir,
      platform: process.platform,
      log,
    });
    const updaterOptions = {
      credentials,
      appVersion: app.getVersion(),
      isOnline: () => net.isOnline(),
      log,
    };
    // Off until electron-updater is loaded (and for good where updates are not allowed).
    let updates = createUpdateController({ ...updaterOptions, updater: null });
    const updatesAllowed = updaterAllowed({
      isPackaged: app.isPackaged,
      platform: process.platform,
      appImage: process.env.APPIMAGE,
      e2e: process.env.BRIDGEHEAD_DISABLE_UPDATES === '1',
    });
    if (updatesAllowed) {
      loadPlatformUpdater()
        .then((updater) => {
          updates = createUpdateController({ ...updaterOptions, updater });
          updates.start();
        })
        .catch((error: unknown) => {
          log.error('updates.load-failed', {
            errorName: error instanceof Error ? error.name : 'unknown',
          });
        });
    }

    registerIpcHandlers(
      ipcMain,
      {
        app,
        openExternal,
        setLanguage: (language) => menu.setLanguage(language),
        credentials,
        dataKey: createDataKeyStore({ safeStorage, userDataDir, platform: process.platform, log }),
        exportPdf: createPdfExporter({
          BrowserWindow,
          dialog,
          defaultDirectory: () => app.getPath('documents'),
          log,
        }),
        notify: createNotifier({ Notification, focusApp: () => focusWindow(mainWindow) }),
        updates: {
          report: (input) => updates.report(input),
          install: (input) => updates.install(input),
        },
      },
      { devOrigin, log: (event, fields) => log.warn(event, fields) },
    );
    // The app locks when the OS locks the screen or sleeps (issue 14).
    forwardOsLock(powerMonitor, () => BrowserWindow.getAllWindows(), log);
    openMainWindow();
  };

  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('app.start-failed', { errorName: error instanceof Error ? error.name : 'unknown' });
      app.quit();
    });
}
