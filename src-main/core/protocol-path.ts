import path from 'node:path';
import { isAppOriginUrl } from './origin';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

export type AppRequestResolution =
  | { kind: 'file'; filePath: string; contentType: string; isDocument: boolean }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'not-found' };

/**
 * Maps an `app://bridgehead/<path>` URL to a file inside `rendererRoot`.
 * Unknown routes without an extension fall back to index.html (client-side
 * routing); anything that could escape the folder is refused, not normalized.
 * The caller still has to handle a missing file.
 */
export function resolveAppRequest(requestUrl: string, rendererRoot: string): AppRequestResolution {
  if (!isAppOriginUrl(requestUrl)) return { kind: 'forbidden', reason: 'foreign-origin' };
  // Check the raw path: `new URL` already collapses `/../`, and a request
  // that needed collapsing is never legitimate. (Node reports the origin of
  // non-special schemes as 'null', so the authority is stripped by pattern.)
  const rawPath =
    requestUrl.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\\]*/, '').split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'forbidden', reason: 'bad-encoding' };
  }
  if (decoded.includes('\0')) return { kind: 'forbidden', reason: 'nul-byte' };
  if (decoded.includes('\\')) return { kind: 'forbidden', reason: 'backslash' };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) {
    return { kind: 'forbidden', reason: 'dot-segment' };
  }
  if (decoded.startsWith('//') || segments.some((s) => /^[a-zA-Z]:$/.test(s))) {
    return { kind: 'forbidden', reason: 'absolute-path' };
  }

  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const hasExtension = path.posix.extname(segments.at(-1) ?? '') !== '';
  const target = hasExtension ? relative : 'index.html';

  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, ...target.split('/'));
  // Belt and braces: whatever the checks above missed, never leave the root.
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    return { kind: 'forbidden', reason: 'outside-root' };
  }
  return {
    kind: 'file',
    filePath,
    contentType: contentTypeFor(filePath),
    isDocument: path.extname(filePath).toLowerCase() === '.html',
  };
}
