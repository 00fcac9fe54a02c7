import type { Session, WebContents } from 'electron';
import { isAppUrl } from '../core/origin';
import { isSafeExternalUrl } from '../core/external-links';
import { isPermissionAllowed } from '../core/permissions';
import type { AppLogger } from './logger';
import type { OpenExternal } from './external';

export interface SecurityHookOptions {
  devOrigin?: string | null;
  openExternal: OpenExternal;
  log: AppLogger;
}

interface PreventableNavigation {
  url?: string;
  preventDefault(): void;
}

/**
 * Locks down one webContents: it may only navigate within the app, never
 * opens windows (https links go to the OS browser instead) and never hosts a
 * <webview>.
 */
export function hardenWebContents(contents: WebContents, options: SecurityHookOptions): void {
  const guard = (kind: string) => (event: PreventableNavigation, legacyUrl?: unknown) => {
    const url = typeof event.url === 'string' ? event.url : String(legacyUrl ?? '');
    if (!isAppUrl(url, options.devOrigin)) {
      event.preventDefault();
      options.log.warn('navigation.blocked', { reason: kind });
    }
  };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-redirect', guard('will-redirect'));
  contents.on('will-frame-navigate', guard('will-frame-navigate'));

  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      void options.openExternal(url);
    } else {
      options.log.warn('window-open.blocked', { reason: 'not-allow-listed' });
    }
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log.warn('webview.blocked');
  });
}

/** Applies hardenWebContents to every webContents the app ever creates. */
export interface WebContentsCreatedSource {
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: WebContents) => void,
  ): unknown;
}

export function installWebContentsSecurity(
  app: WebContentsCreatedSource,
  options: SecurityHookOptions,
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}

/**
 * Electron grants permissions by default; replace that with the allow-list:
 * only notifications and sanitized clipboard writes, only for the app origin.
 */
export function installPermissionHandlers(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
  options: Pick<SecurityHookOptions, 'devOrigin' | 'log'>,
): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details?.requestingUrl || webContents?.getURL?.() || '';
    const allowed = isPermissionAllowed(permission, url, options.devOrigin);
    if (!allowed) options.log.warn('permission.denied', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details?.requestingUrl || requestingOrigin, options.devOrigin),
  );
  // No HID/serial/USB devices: the app never needs them.
  session.setDevicePermissionHandler(() => false);
}
