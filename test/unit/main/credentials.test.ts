import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, ipcMain, resetElectronMock, safeStorage } from '../../mocks/electron';
import { IPC_CHANNELS, IPC_ERROR_CODES } from '../../../src-main/ipc/contract';
import { handle } from '../../../src-main/ipc/register';
import { CREDENTIAL_FILE, createCredentialStore } from '../../../src-main/adapters/credentials';
import type { CredentialStore } from '../../../src-main/adapters/credentials';
import { createAppLogger } from '../../../src-main/adapters/logger';

const APP_FRAME = 'app://bridgehead/index.html';
const SECRET = 'dev_7f3a.SECRET-token+Yamada=';
const lines: string[] = [];
const log = createAppLogger((level, line) => lines.push(`${level} ${line}`));

let store: CredentialStore;
let file: string;

function register(platform: NodeJS.Platform = 'linux'): void {
  const userDataDir = app.getPath('userData');
  file = path.join(userDataDir, CREDENTIAL_FILE);
  store = createCredentialStore({ safeStorage, userDataDir, platform, log });
  handle(ipcMain, IPC_CHANNELS.credentialsGet, async () => ({ secret: await store.get() }));
  handle(ipcMain, IPC_CHANNELS.credentialsSet, async ({ secret }) => {
    await store.set(secret);
    return { stored: true as const };
  });
  handle(ipcMain, IPC_CHANNELS.credentialsClear, async () => {
    await store.clear();
    return { cleared: true as const };
  });
}

const get = (sender = APP_FRAME) => ipcMain.invokeAs(sender, IPC_CHANNELS.credentialsGet);
const set = (payload: unknown, sender = APP_FRAME) =>
  ipcMain.invokeAs(sender, IPC_CHANNELS.credentialsSet, payload);
const clear = (sender = APP_FRAME) => ipcMain.invokeAs(sender, IPC_CHANNELS.credentialsClear);

beforeEach(() => {
  resetElectronMock();
  lines.length = 0;
});

describe('device credential over IPC (safeStorage)', () => {
  it('stores encrypted, reads back, clears', async () => {
    register();
    await expect(get()).resolves.toEqual({ secret: null });
    await expect(set({ secret: SECRET })).resolves.toEqual({ stored: true });
    // On disk: only ciphertext, never the token or any part of it.
    const onDisk = readFileSync(file);
    expect(onDisk.toString('utf8')).not.toContain(SECRET);
    expect(onDisk.toString('latin1')).not.toContain('Yamada');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith(SECRET);
    await expect(get()).resolves.toEqual({ secret: SECRET });
    await expect(clear()).resolves.toEqual({ cleared: true });
    expect(existsSync(file)).toBe(false);
    await expect(get()).resolves.toEqual({ secret: null });
    // Clearing twice is fine.
    await expect(clear()).resolves.toEqual({ cleared: true });
  });

  it('refuses the plaintext basic_text backend on Linux and writes nothing', async () => {
    safeStorage.setBackend('basic_text');
    register('linux');
    await expect(set({ secret: SECRET })).rejects.toThrow(IPC_ERROR_CODES.credentialsUnavailable);
    expect(existsSync(file)).toBe(false);
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    await expect(get()).resolves.toEqual({ secret: null });
    expect(lines.join('\n')).toContain('credentials.refused');
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('refuses when the OS has no encryption at all', async () => {
    safeStorage.setAvailable(false);
    register('darwin');
    await expect(set({ secret: SECRET })).rejects.toThrow(IPC_ERROR_CODES.credentialsUnavailable);
    expect(existsSync(file)).toBe(false);
  });

  it('answers null for a file it cannot decrypt (another machine or user), without throwing', async () => {
    register();
    await set({ secret: SECRET });
    safeStorage.setKey('another-machine');
    await expect(get()).resolves.toEqual({ secret: null });
    expect(lines.join('\n')).toContain('credentials.decrypt-failed');
  });

  it('re-encrypts when the OS rotated its key', async () => {
    register();
    await set({ secret: SECRET });
    safeStorage.setShouldReEncrypt(true);
    vi.mocked(safeStorage.encryptStringAsync).mockClear();
    await expect(get()).resolves.toEqual({ secret: SECRET });
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith(SECRET);
  });

  it.each([
    ['missing payload', undefined],
    ['empty secret', { secret: '' }],
    ['number', { secret: 42 }],
    ['too long', { secret: 'x'.repeat(4097) }],
    ['extra key', { secret: SECRET, path: '../../etc/passwd' }],
    ['bare string', SECRET],
  ])('credentials:set rejects %s and stores nothing', async (_name, payload) => {
    register();
    await expect(set(payload)).rejects.toThrow(IPC_ERROR_CODES.invalidInput);
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(existsSync(file)).toBe(false);
  });

  it('get and clear take no input', async () => {
    register();
    await set({ secret: SECRET });
    await expect(ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.credentialsGet, {})).rejects.toThrow(
      IPC_ERROR_CODES.invalidInput,
    );
    await expect(
      ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.credentialsClear, { all: true }),
    ).rejects.toThrow(IPC_ERROR_CODES.invalidInput);
    expect(existsSync(file)).toBe(true);
  });

  it.each(['https://evil.example/', 'app://bridgehead.evil/index.html', null])(
    'a foreign frame (%s) can neither read, write nor clear the credential',
    async (sender) => {
      register();
      await set({ secret: SECRET });
      const before = readFileSync(file);
      await expect(get(sender as string)).rejects.toThrow(IPC_ERROR_CODES.forbiddenSender);
      await expect(set({ secret: 'attacker' }, sender as string)).rejects.toThrow(
        IPC_ERROR_CODES.forbiddenSender,
      );
      await expect(clear(sender as string)).rejects.toThrow(IPC_ERROR_CODES.forbiddenSender);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(safeStorage.decryptStringAsync).not.toHaveBeenCalled();
    },
  );

  it('an unreadable leftover file does not break get()', async () => {
    register();
    writeFileSync(file, 'garbage');
    await expect(get()).resolves.toEqual({ secret: null });
  });
});
