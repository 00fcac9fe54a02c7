import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IPC_ERROR_CODES } from '../ipc/contract';
import { IpcRejection } from '../ipc/register';
import type { CredentialSafeStorage } from './credentials';
import type { AppLogger } from './logger';

/** The data key wrapped by the OS (safeStorage), under userData. Never holds the key in clear. */
export const DATA_KEY_FILE = 'data-key.bin';
const KEY_BYTES = 32;

export interface DataKeyStore {
  /** The data key (base64 of 32 bytes), made on first use; rejects where it cannot be kept safe. */
  get(): Promise<string>;
  /** Forgets the key (a revoked laptop's wipe): the next start makes a new one. */
  clear(): Promise<void>;
}

export interface DataKeyStoreOptions {
  safeStorage: CredentialSafeStorage;
  userDataDir: string;
  platform: NodeJS.Platform;
  log: AppLogger;
}

/**
 * The key the renderer seals personal data with in IndexedDB (issue 14): 256 random bits,
 * kept on disk only wrapped by safeStorage (Keychain, DPAPI, libsecret/KWallet), handed to
 * the renderer through the validated IPC channel `data-key:get`.
 *
 * Like the device credential, no plaintext fallback: where Electron would "encrypt" with
 * Linux's `basic_text` backend (a hard-coded key) or has no encryption at all, `get()`
 * rejects with IPC_DATA_KEY_UNAVAILABLE and the app refuses to run with personal data.
 * A wrapped key the OS can no longer open (another user's or machine's profile, a reset
 * keychain) rejects with IPC_DATA_KEY_UNREADABLE: no new key replaces it, since the data
 * sealed with the old one would become unreadable; the file stays for support.
 */
export function createDataKeyStore(options: DataKeyStoreOptions): DataKeyStore {
  const { safeStorage, log } = options;
  const file = path.join(options.userDataDir, DATA_KEY_FILE);
  let pending: Promise<string> | null = null;

  const encryptionAvailable = async (): Promise<boolean> => {
    if (options.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return false;
    }
    return safeStorage.isAsyncEncryptionAvailable();
  };

  const write = async (key: string): Promise<void> => {
    const wrapped = await safeStorage.encryptStringAsync(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash mid-write never leaves half a key.
    const temp = `${file}.tmp`;
    await writeFile(temp, wrapped, { mode: 0o600 });
    await rename(temp, file);
  };

  const load = async (): Promise<string> => {
    if (!(await encryptionAvailable())) {
      log.warn('data-key.refused', { reason: 'no-encryption', platform: options.platform });
      throw new IpcRejection(IPC_ERROR_CODES.dataKeyUnavailable);
    }
    let wrapped: Buffer | null = null;
    try {
      wrapped = await readFile(file);
    } catch {
      wrapped = null; // first start (or after a wipe)
    }
    if (wrapped === null) {
      const key = randomBytes(KEY_BYTES).toString('base64');
      await write(key);
      return key;
    }
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(wrapped);
      if (Buffer.from(result, 'base64').length !== KEY_BYTES) throw new Error('bad key length');
      if (shouldReEncrypt) await write(result);
      return result;
    } catch (error) {
      log.warn('data-key.unreadable', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      throw new IpcRejection(IPC_ERROR_CODES.dataKeyUnreadable);
    }
  };

  return {
    get() {
      // One key even when two windows ask at once on first start.
      pending ??= load().catch((error: unknown) => {
        pending = null;
        throw error;
      });
      return pending;
    },
    async clear() {
      pending = null;
      await rm(file, { force: true });
      await rm(`${file}.tmp`, { force: true });
    },
  };
}
