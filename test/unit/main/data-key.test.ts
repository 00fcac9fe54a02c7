import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, ipcMain, resetElectronMock, safeStorage } from '../../mocks/electron';
import { IPC_CHANNELS, IPC_ERROR_CODES } from '../../../src-main/ipc/contract';
import { handle } from '../../../src-main/ipc/register';
import { DATA_KEY_FILE, createDataKeyStore } from '../../../src-main/adapters/data-key';
import { createAppLogger } from '../../../src-main/adapters/logger';

const APP_FRAME = 'app://bridgehead/index.html';
const lines: string[] = [];
const log = createAppLogger((level, line) => lines.push(`${level} ${line}`));
let file: string;

/** A main process start: a fresh store over the same userData, its IPC handlers registered. */
function start(platform: NodeJS.Platform = 'linux') {
  const userDataDir = app.getPath('userData');
  file = path.join(userDataDir, DATA_KEY_FILE);
  const store = createDataKeyStore({ safeStorage, userDataDir, platform, log });
  ipcMain.handlers.clear();
  handle(ipcMain, IPC_CHANNELS.dataKeyGet, async () => ({ key: await store.get() }));
  handle(ipcMain, IPC_CHANNELS.dataKeyClear, async () => {
    await store.clear();
    return { cleared: true as const };
  });
  return store;
}

const get = async (sender = APP_FRAME) =>
  ((await ipcMain.invokeAs(sender, IPC_CHANNELS.dataKeyGet)) as { key: string }).key;

beforeEach(() => {
  resetElectronMock();
  lines.length = 0;
});

describe('the data key (issue 14), wrapped by safeStorage in main', () => {
  it('makes a 256-bit key once, keeps it only wrapped, gives the same key after a restart', async () => {
    start();
    const key = await get();
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    const onDisk = readFileSync(file);
    expect(onDisk.toString('utf8')).not.toContain(key);
    expect(onDisk.includes(Buffer.from(key, 'base64'))).toBe(false);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith(key);
    await expect(get()).resolves.toBe(key);
    start(); // the app restarted
    await expect(get()).resolves.toBe(key);
    expect(lines.join('\n')).not.toContain(key);
  });

  it('makes one key when two windows ask at once on first start', async () => {
    const store = start();
    const [a, b] = await Promise.all([store.get(), store.get()]);
    expect(a).toBe(b);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
  });

  it("refuses Linux's plaintext basic_text backend: no key, nothing written", async () => {
    safeStorage.setBackend('basic_text');
    start('linux');
    await expect(get()).rejects.toThrow(IPC_ERROR_CODES.dataKeyUnavailable);
    expect(existsSync(file)).toBe(false);
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain('data-key.refused');
  });

  it('refuses where the OS has no encryption at all', async () => {
    safeStorage.setAvailable(false);
    start('darwin');
    await expect(get()).rejects.toThrow(IPC_ERROR_CODES.dataKeyUnavailable);
    expect(existsSync(file)).toBe(false);
  });

  it('a wrapped key the OS can no longer open is refused, never replaced', async () => {
    start();
    await get();
    const before = readFileSync(file);
    safeStorage.setKey('another-user');
    start();
    await expect(get()).rejects.toThrow(IPC_ERROR_CODES.dataKeyUnreadable);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(lines.join('\n')).toContain('data-key.unreadable');
  });

  it('re-wraps when the OS rotated its key', async () => {
    start();
    const key = await get();
    safeStorage.setShouldReEncrypt(true);
    vi.mocked(safeStorage.encryptStringAsync).mockClear();
    start();
    await expect(get()).resolves.toBe(key);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith(key);
  });

  it('clear forgets the key: the next start makes another one', async () => {
    start();
    const key = await get();
    await ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.dataKeyClear);
    expect(existsSync(file)).toBe(false);
    start();
    const next = await get();
    expect(next).not.toBe(key);
  });

  it('a foreign frame gets no key, and no input is accepted', async () => {
    start();
    await expect(get('https://evil.example/')).rejects.toThrow(IPC_ERROR_CODES.forbiddenSender);
    await expect(ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.dataKeyGet, {})).rejects.toThrow(
      IPC_ERROR_CODES.invalidInput,
    );
    expect(existsSync(file)).toBe(false);
  });
});
