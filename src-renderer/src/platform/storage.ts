/**
 * Asks the browser not to evict IndexedDB under storage pressure: offices
 * work offline for days and unsynced changes live only there. Electron
 * grants it; a browser may refuse, which is not an error.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
