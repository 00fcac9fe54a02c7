import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { IPC_ERROR_CODES } from '../ipc/contract';
import { IpcRejection } from '../ipc/register';
import type { AppLogger } from './logger';

/** The encrypted device credential, under userData. Never holds plaintext. */
export const CREDENTIAL_FILE = 'device-credential.bin';

export type CredentialSafeStorage = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

export interface CredentialStore {
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  clear(): Promise<void>;
}

export interface CredentialStoreOptions {
  safeStorage: CredentialSafeStorage;
  userDataDir: string;
  platform: NodeJS.Platform;
  log: AppLogger;
}

/**
 * The device credential (HQ enrollment token) encrypted with Electron's
 * safeStorage: Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux.
 *
 * Decision: no plaintext fallback. On Linux without a secret service Electron
 * selects the `basic_text` backend, whose "encryption" uses a hard-coded key;
 * a stolen laptop would yield the token. There `set()` is refused with
 * IPC_CREDENTIALS_UNAVAILABLE and nothing is written; `get()` answers null,
 * so the renderer enrolls again (or keeps its own browser-mode fallback).
 * HQ can revoke a lost laptop's token either way.
 */
export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const { safeStorage, log } = options;
  const file = path.join(options.userDataDir, CREDENTIAL_FILE);

  const encryptionAvailable = async (): Promise<boolean> => {
    if (options.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return false;
    }
    return safeStorage.isAsyncEncryptionAvailable();
  };

  const write = async (secret: string): Promise<void> => {
    const encrypted = await safeStorage.encryptStringAsync(secret);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash mid-write never leaves half a credential.
    const temp = `${file}.tmp`;
    await writeFile(temp, encrypted, { mode: 0o600 });
    await rename(temp, file);
  };

  return {
    async get() {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(file);
      } catch {
        return null; // never enrolled, or cleared
      }
      if (!(await encryptionAvailable())) {
        log.warn('credentials.unavailable', { reason: 'no-encryption' });
        return null;
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
        if (shouldReEncrypt) await write(result);
        return result;
      } catch (error) {
        // Another user's or machine's file, or a rotated key: unusable, so the
        // device must enroll again. The file is left for support to inspect.
        log.warn('credentials.decrypt-failed', {
          errorName: error instanceof Error ? error.name : 'unknown',
        });
        return null;
      }
    },
    async set(secret) {
      if (!(await encryptionAvailable())) {
        log.warn('credentials.refused', { reason: 'no-encryption', platform: options.platform });
        throw new IpcRejection(IPC_ERROR_CODES.credentialsUnavailable);
      }
      await write(secret);
    },
    async clear() {
      await rm(file, { force: true });
      await rm(`${file}.tmp`, { force: true });
    },
  };
}
