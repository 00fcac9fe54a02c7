import { getBridge } from '../../../platform/bridge';

/**
 * Reminders reach the user through the OS: in Electron a native notification
 * shown by main (through the preload), in a browser the Web Notification API.
 * Both are local, so they work with no network.
 */

/** True when a reminder can be shown now without asking the user first. */
export function canNotify(): boolean {
  if (getBridge()) return true;
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/** True when only a browser permission stands between the user and reminders. */
export function needsNotificationPermission(): boolean {
  if (getBridge()) return false;
  return typeof Notification !== 'undefined' && Notification.permission !== 'granted';
}

function webNotify(title: string, body: string, tag: string): boolean {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
  new Notification(title, { body, tag });
  return true;
}

/** Shows one notification; resolves false when nothing could show it. Never throws. */
export async function showNotification(title: string, body: string, tag: string): Promise<boolean> {
  const bridge = getBridge();
  if (bridge) {
    try {
      if (await bridge.notify(title, body)) return true;
    } catch {
      // A refused or failing bridge call: try the page's own notifications.
    }
  }
  try {
    return webNotify(title, body, tag);
  } catch {
    return false;
  }
}
