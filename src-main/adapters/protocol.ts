import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { APP_SCHEME } from '../core/origin';
import { resolveAppRequest } from '../core/protocol-path';
import type { AppLogger } from './logger';

/**
 * `app://` must be standard (IndexedDB and a real origin), secure (treated
 * like https), and may use fetch/streams. CORS-enabled so Vite's
 * `<script type="module" crossorigin>` loads. It never bypasses the CSP.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = Object.freeze({
  scheme: APP_SCHEME,
  privileges: Object.freeze({
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    stream: true,
    bypassCSP: false,
    allowServiceWorkers: false,
  }),
});

/** Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}

export interface AppProtocolOptions {
  rendererRoot: string;
  contentSecurityPolicy: string;
  log: AppLogger;
  /** Injected for tests; defaults to fs.readFile. */
  readFile?: (filePath: string) => Promise<Uint8Array>;
}

interface ProtocolRequest {
  url: string;
  method: string;
}

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** Serves out/renderer over app://bridgehead with the CSP header on every response. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: ProtocolRequest) => Promise<Response> {
  const read = options.readFile ?? ((p: string) => readFile(p));
  const baseHeaders = {
    'content-security-policy': options.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
  const status = (code: number) =>
    new Response(null, { status: code, headers: { ...baseHeaders } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    const resolved = resolveAppRequest(request.url, options.rendererRoot);
    if (resolved.kind === 'forbidden') {
      options.log.warn('protocol.refused', { reason: resolved.reason });
      return status(403);
    }
    if (resolved.kind === 'not-found') return status(404);
    let body: Uint8Array;
    try {
      body = await read(resolved.filePath);
    } catch (error) {
      if (isMissingFile(error)) return status(404);
      options.log.error('protocol.read-failed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return status(500);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...baseHeaders,
        'content-type': resolved.contentType,
        'cache-control': 'no-cache',
      },
    });
  };
}

export function installAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  options: AppProtocolOptions,
): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
