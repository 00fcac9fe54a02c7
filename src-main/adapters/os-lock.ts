/**
 * Forwards the OS's "screen locked" and "going to sleep" (Electron powerMonitor) to every
 * window, where the app locks itself (issue 14). Thin: the renderer decides what locking
 * means; main only relays the two events, by name, on one channel.
 */
import type { BrowserWindow, PowerMonitor } from 'electron';
import { IPC_EVENTS, OS_LOCK_REASONS } from '../ipc/channels';

export interface OsLockLog {
  info(event: string, fields?: Record<string, unknown>): void;
}

/** Starts forwarding (call after 'ready': powerMonitor is not usable before); returns the stop. */
export function forwardOsLock(
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>,
  windows: () => readonly BrowserWindow[],
  log: OsLockLog,
): () => void {
  const handlers = OS_LOCK_REASONS.map((reason) => {
    const handler = () => {
      log.info('app-lock.os-event', { reason });
      for (const win of windows()) {
        if (!win.isDestroyed() && !win.webContents.isDestroyed()) {
          win.webContents.send(IPC_EVENTS.osLock, reason);
        }
      }
    };
    // Overloads per event name: the reasons are exactly powerMonitor's event names.
    (powerMonitor.on as (event: string, listener: () => void) => void)(reason, handler);
    return [reason, handler] as const;
  });
  return () => {
    for (const [reason, handler] of handlers) {
      (powerMonitor.removeListener as (event: string, listener: () => void) => void)(
        reason,
        handler,
      );
    }
  };
}
