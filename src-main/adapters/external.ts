import type { Shell } from 'electron';
import { isSafeExternalUrl } from '../core/external-links';
import type { AppLogger } from './logger';

export type OpenExternal = (url: string) => Promise<boolean>;

/**
 * The only way the app hands a URL to the OS. URLs off the allow-list
 * (anything but https/mailto, or with credentials) are refused and logged
 * without the URL itself.
 */
export function createSafeOpenExternal(
  shell: Pick<Shell, 'openExternal'>,
  log: AppLogger,
): OpenExternal {
  return async (url: string) => {
    if (!isSafeExternalUrl(url)) {
      log.warn('external.refused', { reason: 'not-allow-listed' });
      return false;
    }
    try {
      await shell.openExternal(url, { activate: true });
      return true;
    } catch (error) {
      log.warn('external.failed', { errorName: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  };
}
