import { isAppUrl } from './origin';

/**
 * Electron grants every permission by default. Only these are ever granted,
 * and only to the app's own origin: notifications (booking reminders),
 * writing sanitized text to the clipboard (copy buttons) and persistent
 * storage (so the browser never evicts unsynced IndexedDB data).
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'notifications',
  'clipboard-sanitized-write',
  'persistent-storage',
]);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | null | undefined,
  devOrigin?: string | null,
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  if (!requestingUrl) return false;
  return isAppUrl(requestingUrl, devOrigin);
}
