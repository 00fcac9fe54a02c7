/**
 * The app's one origin. IndexedDB (every office's unsynced data) is keyed by
 * origin, so these values are fixed forever: changing the scheme or host would
 * start every laptop on an empty database.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bridgehead';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is served by the app's own `app://bridgehead` origin. */
export function isAppOriginUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  // Compare parsed parts, never prefixes: `app://bridgehead.evil` and
  // `app://user@bridgehead` must not pass.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Normalizes the dev server URL (ELECTRON_RENDERER_URL) to an origin, or null
 * when it is not a loopback http(s) URL: the dev relaxation must never be able
 * to trust a remote site.
 */
export function toDevOrigin(rendererUrl: string | undefined): string | null {
  if (!rendererUrl) return null;
  const parsed = parse(rendererUrl);
  if (!parsed) return null;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  if (!loopback.includes(parsed.hostname)) return null;
  return parsed.origin;
}

/**
 * True when `url` belongs to the app: the app origin, or (development only)
 * the exact dev server origin.
 */
export function isAppUrl(url: string, devOrigin?: string | null): boolean {
  if (isAppOriginUrl(url)) return true;
  if (!devOrigin) return false;
  const parsed = parse(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '') return false;
  return parsed.origin === devOrigin;
}
