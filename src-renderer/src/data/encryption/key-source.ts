/**
 * Where this window's data key comes from: main's safeStorage-wrapped key through the
 * preload in Electron, the WebCrypto-wrapped key in browser mode (browser-key.ts).
 */
import type { BridgeheadApi } from '../../platform/bridge';
import { fromBase64 } from './cipher';
import { browserDataKey, forgetBrowserDataKey, type LoadedKey } from './browser-key';

/** Why the app cannot hold personal data here (shown translated; the app does not start). */
export type DataKeyRefusal = 'keychain_unavailable' | 'keychain_unreadable';

export class DataKeyRefusedError extends Error {
  override name = 'DataKeyRefusedError';
  constructor(readonly refusal: DataKeyRefusal) {
    super(refusal);
  }
}

// Error codes of src-main/ipc/contract.ts (IPC_ERROR_CODES), which the renderer may not import.
const UNAVAILABLE = 'IPC_DATA_KEY_UNAVAILABLE';
const UNREADABLE = 'IPC_DATA_KEY_UNREADABLE';

export async function loadDataKey(bridge: BridgeheadApi | undefined): Promise<LoadedKey> {
  if (!bridge) return browserDataKey();
  try {
    // Main makes the key on first start; the renderer cannot tell (`created` stays false).
    return { key: fromBase64(await bridge.dataKey.get()), created: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes(UNAVAILABLE)) throw new DataKeyRefusedError('keychain_unavailable');
    if (message.includes(UNREADABLE)) throw new DataKeyRefusedError('keychain_unreadable');
    throw error;
  }
}

/** Forgets the stored key: what it sealed can never be read again (a revoked laptop). */
export async function forgetStoredDataKey(bridge: BridgeheadApi | undefined): Promise<void> {
  if (bridge) await bridge.dataKey.clear();
  else await forgetBrowserDataKey();
}
