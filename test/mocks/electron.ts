/**
 * A mock of the `electron` module (vitest aliases `electron` here): Electron
 * cannot start on the build machines. It records what main-process code asks
 * of Electron and lets tests trigger the events Electron would emit.
 * Call resetElectronMock() in beforeEach.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

/** An Electron event: records preventDefault like the real one. */
export interface MockEvent {
  defaultPrevented: boolean;
  preventDefault: () => void;
  [key: string]: unknown;
}

export function createEvent(extra: Record<string, unknown> = {}): MockEvent {
  const event: MockEvent = {
    ...extra,
    defaultPrevented: false,
    preventDefault: vi.fn(() => {
      event.defaultPrevented = true;
    }),
  };
  return event;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

type WindowOpenHandler = (details: { url: string; frameName?: string; disposition?: string }) => {
  action: 'allow' | 'deny';
};

// ---------------------------------------------------------------- app

const state = {
  singleInstanceLock: true,
  isPackaged: false,
  ready: false,
  version: '0.1.0',
  preferredLanguages: ['en-US'] as string[],
  userDataDir: '',
};

let resolveReady: () => void = () => {};
let readyPromise = new Promise<void>((resolve) => {
  resolveReady = resolve;
});

class MockApp extends EventEmitter {
  requestSingleInstanceLock = vi.fn(() => state.singleInstanceLock);
  quit = vi.fn();
  exit = vi.fn();
  focus = vi.fn();
  showAboutPanel = vi.fn();
  setAboutPanelOptions = vi.fn();
  getVersion = vi.fn(() => state.version);
  getName = vi.fn(() => 'Bridgehead');
  getLocale = vi.fn(() => state.preferredLanguages[0] ?? 'en-US');
  getPreferredSystemLanguages = vi.fn(() => [...state.preferredLanguages]);
  getPath = vi.fn((name: string) => {
    if (!state.userDataDir) state.userDataDir = mkdtempSync(path.join(os.tmpdir(), 'bh-userdata-'));
    return name === 'userData' ? state.userDataDir : path.join(state.userDataDir, name);
  });
  isReady = vi.fn(() => state.ready);
  whenReady = vi.fn(() => readyPromise);
  get isPackaged(): boolean {
    return state.isPackaged;
  }

  // ---- test controls
  setSingleInstanceLock(value: boolean): void {
    state.singleInstanceLock = value;
  }
  setPackaged(value: boolean): void {
    state.isPackaged = value;
  }
  setPreferredLanguages(languages: string[]): void {
    state.preferredLanguages = languages;
  }
  setUserDataDir(dir: string): void {
    state.userDataDir = dir;
  }
  /** Resolves whenReady() and emits 'ready', as Electron does once initialized. */
  async triggerReady(): Promise<void> {
    state.ready = true;
    resolveReady();
    this.emit('ready', createEvent());
    await readyPromise;
    // Let `.then` callbacks chained on whenReady() run.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const app = new MockApp();

// ---------------------------------------------------------------- session

class MockSession {
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler = vi.fn((handler: MockSession['permissionRequestHandler']) => {
    this.permissionRequestHandler = handler;
  });
  setPermissionCheckHandler = vi.fn((handler: MockSession['permissionCheckHandler']) => {
    this.permissionCheckHandler = handler;
  });
  setDevicePermissionHandler = vi.fn((handler: MockSession['devicePermissionHandler']) => {
    this.devicePermissionHandler = handler;
  });

  /** Asks the installed request handler; resolves with what it granted (Electron's default is true). */
  requestPermission(permission: string, requestingUrl: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => {
      const contents = { getURL: () => requestingUrl };
      handler(contents, permission, resolve, { requestingUrl, isMainFrame: true });
    });
  }

  checkPermission(permission: string, requestingOrigin: string): boolean {
    const handler = this.permissionCheckHandler;
    if (!handler) return true;
    return handler(null, permission, requestingOrigin, { requestingUrl: undefined });
  }
}

export const session = { defaultSession: new MockSession() };

// ---------------------------------------------------------------- webContents / BrowserWindow

let nextWebContentsId = 1;

export class MockWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = session.defaultSession;
  windowOpenHandler: WindowOpenHandler | null = null;
  url = '';
  setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  getURL = vi.fn(() => this.url);
  send = vi.fn();
  isDestroyed = vi.fn(() => false);
  openDevTools = vi.fn();
  /** A fake PDF that names the page it printed and the options it got. */
  printToPDF = vi.fn(async (options: Record<string, unknown> = {}) =>
    Buffer.from(`%PDF-1.7 mock ${this.url} ${JSON.stringify(options)}`),
  );

  /** Emits a navigation event ('will-navigate', 'will-redirect', 'will-frame-navigate'); returns the event. */
  navigate(eventName: string, url: string): MockEvent {
    const event = createEvent({ url, isMainFrame: true });
    this.emit(eventName, event, url);
    return event;
  }

  /** Simulates window.open / target=_blank; returns what the handler decided. */
  openWindow(url: string): { action: 'allow' | 'deny' } {
    // Electron allows the window when no handler is installed.
    return this.windowOpenHandler ? this.windowOpenHandler({ url }) : { action: 'allow' };
  }

  attachWebview(): MockEvent {
    const event = createEvent();
    this.emit('will-attach-webview', event, {}, {});
    return event;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows = vi.fn(() => BrowserWindow.instances.filter((w) => !w.destroyed));
  static fromWebContents = vi.fn(
    (contents: unknown) => BrowserWindow.instances.find((w) => w.webContents === contents) ?? null,
  );

  readonly options: Record<string, unknown>;
  readonly webContents = new MockWebContents();
  bounds: Rect;
  maximized = false;
  minimized = false;
  visible = false;
  destroyed = false;

  loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  maximize = vi.fn(() => {
    this.maximized = true;
  });
  isMaximized = vi.fn(() => this.maximized);
  isMinimized = vi.fn(() => this.minimized);
  isVisible = vi.fn(() => this.visible);
  isDestroyed = vi.fn(() => this.destroyed);
  getBounds = vi.fn(() => ({ ...this.bounds }));
  getNormalBounds = vi.fn(() => ({ ...this.bounds }));
  setBounds = vi.fn((bounds: Rect) => {
    this.bounds = { ...bounds };
  });
  close = vi.fn(() => {
    this.emit('close', createEvent());
    this.destroyed = true;
    this.emit('closed');
  });

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const { x = 0, y = 0, width = 800, height = 600 } = options as Partial<Rect>;
    this.bounds = { x, y, width, height };
    BrowserWindow.instances.push(this);
    // Electron emits this for every new webContents, windows included.
    app.emit('web-contents-created', createEvent(), this.webContents);
  }

  /** The webPreferences the window was created with. */
  get webPreferences(): Record<string, unknown> {
    return (this.options.webPreferences ?? {}) as Record<string, unknown>;
  }
}

// ---------------------------------------------------------------- ipcMain

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class MockIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle = vi.fn((channel: string, handler: InvokeHandler) => {
    // Electron throws on a second handler for the same channel.
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });

  /**
   * Simulates `ipcRenderer.invoke(channel, ...args)` from a frame at
   * `senderUrl` (null: the frame is gone, event.senderFrame === null).
   */
  async invokeAs(senderUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    return this.invokeFrom(new MockWebContents(), senderUrl, channel, ...args);
  }

  /** As invokeAs, from a given webContents (e.g. a window's, for print:to-pdf). */
  async invokeFrom(
    sender: MockWebContents,
    senderUrl: string | null,
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = {
      sender,
      senderFrame: senderUrl === null ? null : { url: senderUrl },
      processId: 1,
      frameId: 1,
    };
    return handler(event, ...args);
  }
}

export const ipcMain = new MockIpcMain();

// ---------------------------------------------------------------- protocol

type ProtocolHandler = (request: {
  url: string;
  method: string;
  headers: Headers;
}) => Promise<Response>;

class MockProtocol {
  readonly privilegedSchemes: Array<{ scheme: string; privileges?: Record<string, unknown> }> = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged = vi.fn((schemes: MockProtocol['privilegedSchemes']) => {
    if (state.ready) throw new Error('registerSchemesAsPrivileged must be called before ready');
    this.privilegedSchemes.push(...schemes);
  });
  handle = vi.fn((scheme: string, handler: ProtocolHandler) => {
    this.handlers.set(scheme, handler);
  });
  isProtocolHandled = vi.fn((scheme: string) => this.handlers.has(scheme));

  /** Requests `url` through the handler registered for its scheme. */
  request(url: string, method = 'GET'): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`No protocol handler for '${scheme}'`);
    return handler({ url, method, headers: new Headers() });
  }
}

export const protocol = new MockProtocol();

// ---------------------------------------------------------------- shell, Menu, screen, dialog

export const shell = {
  openExternal: vi.fn(async (_url: string, _options?: unknown) => {}),
  openPath: vi.fn(async (_path: string) => ''),
};

export class Menu {
  static current: Menu | null = null;
  constructor(readonly template: unknown[]) {}
  static buildFromTemplate = vi.fn((template: unknown[]) => new Menu(template));
  static setApplicationMenu = vi.fn((menu: Menu | null) => {
    Menu.current = menu;
  });
  static getApplicationMenu = vi.fn(() => Menu.current);
}

interface MockDisplay {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

const defaultDisplays = (): MockDisplay[] => [
  {
    id: 1,
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  },
];

let displays = defaultDisplays();

export const screen = {
  getAllDisplays: vi.fn(() => displays),
  getPrimaryDisplay: vi.fn(() => displays[0]),
  setDisplays(next: MockDisplay[]): void {
    displays = next;
  },
};

const dialogDefaults = {
  /** What the next save dialog answers: a path, or null for Cancel. */
  savePath: null as string | null,
};

export const dialog = {
  showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn(),
  showSaveDialog: vi.fn(async (..._args: unknown[]) =>
    dialogDefaults.savePath === null
      ? { canceled: true, filePath: '' }
      : { canceled: false, filePath: dialogDefaults.savePath },
  ),
  /** Test control: the path the user "chooses" next (null: Cancel). */
  setSavePath(file: string | null): void {
    dialogDefaults.savePath = file;
  },
};

// ---------------------------------------------------------------- safeStorage

type StorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

const safeStorageState = {
  available: true,
  backend: 'gnome_libsecret' as StorageBackend,
  /** The "key": data encrypted under another key fails to decrypt, like another machine's file. */
  key: 'key-1',
  shouldReEncrypt: false,
};

const MOCK_CIPHER_PREFIX = 'mock-safe-storage:';

/**
 * safeStorage with a toy cipher (XOR under the key, base64): enough to prove
 * that no plaintext reaches the disk and that a foreign key fails.
 */
export const safeStorage = {
  isAsyncEncryptionAvailable: vi.fn(async () => safeStorageState.available),
  isEncryptionAvailable: vi.fn(() => safeStorageState.available),
  getSelectedStorageBackend: vi.fn(() => safeStorageState.backend),
  encryptStringAsync: vi.fn(async (plain: string) => {
    if (!safeStorageState.available) throw new Error('Encryption is not available.');
    const key = Buffer.from(safeStorageState.key);
    const bytes = Buffer.from(
      Buffer.from(plain, 'utf8').map((b, i) => b ^ (key[i % key.length] ?? 0)),
    );
    return Buffer.from(`${MOCK_CIPHER_PREFIX}${safeStorageState.key}:${bytes.toString('base64')}`);
  }),
  decryptStringAsync: vi.fn(async (encrypted: Buffer) => {
    const text = encrypted.toString('utf8');
    const header = `${MOCK_CIPHER_PREFIX}${safeStorageState.key}:`;
    if (!text.startsWith(header))
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    const key = Buffer.from(safeStorageState.key);
    const bytes = Buffer.from(
      Buffer.from(text.slice(header.length), 'base64').map(
        (b, i) => b ^ (key[i % key.length] ?? 0),
      ),
    );
    return { result: bytes.toString('utf8'), shouldReEncrypt: safeStorageState.shouldReEncrypt };
  }),
  // ---- test controls
  setAvailable(value: boolean): void {
    safeStorageState.available = value;
  },
  setBackend(value: StorageBackend): void {
    safeStorageState.backend = value;
  },
  setKey(value: string): void {
    safeStorageState.key = value;
  },
  setShouldReEncrypt(value: boolean): void {
    safeStorageState.shouldReEncrypt = value;
  },
};

// ---------------------------------------------------------------- net

/** Only what main reads: whether the OS reports a network (update checks wait for one). */
export const net = {
  isOnline: vi.fn(() => true),
};

// ---------------------------------------------------------------- Notification

export class Notification extends EventEmitter {
  static supported = true;
  static instances: Notification[] = [];
  static isSupported = vi.fn(() => Notification.supported);
  readonly options: { title: string; body: string };
  shown = false;
  show = vi.fn(() => {
    this.shown = true;
  });
  close = vi.fn(() => {
    this.emit('close', createEvent());
  });
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
    Notification.instances.push(this);
  }
}

// ---------------------------------------------------------------- preload side

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => undefined as unknown),
  send: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
};

// ---------------------------------------------------------------- powerMonitor

/** Emit 'lock-screen' or 'suspend' to play the OS (usable after 'ready' in Electron). */
export const powerMonitor = new EventEmitter();

// ---------------------------------------------------------------- reset

/** Restores the initial state: call in beforeEach. */
export function resetElectronMock(): void {
  // Each test gets a fresh userData folder; the previous one is removed.
  if (state.userDataDir.includes('bh-userdata-')) {
    rmSync(state.userDataDir, { recursive: true, force: true });
  }
  state.singleInstanceLock = true;
  state.isPackaged = false;
  state.ready = false;
  state.version = '0.1.0';
  state.preferredLanguages = ['en-US'];
  state.userDataDir = '';
  readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  app.removeAllListeners();
  powerMonitor.removeAllListeners();
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  protocol.handlers.clear();
  protocol.privilegedSchemes.length = 0;
  const ses = session.defaultSession;
  ses.permissionRequestHandler = null;
  ses.permissionCheckHandler = null;
  ses.devicePermissionHandler = null;
  BrowserWindow.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  safeStorageState.available = true;
  safeStorageState.backend = 'gnome_libsecret';
  safeStorageState.key = 'key-1';
  safeStorageState.shouldReEncrypt = false;
  dialogDefaults.savePath = null;
  Menu.current = null;
  displays = defaultDisplays();
  contextBridge.exposed.clear();
  // Back to the original implementations, not just cleared call records.
  vi.resetAllMocks();
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  shell,
  Menu,
  screen,
  dialog,
  safeStorage,
  net,
  Notification,
  contextBridge,
  ipcRenderer,
};
