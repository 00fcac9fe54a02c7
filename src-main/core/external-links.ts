/** Schemes the OS may open on the user's behalf (browser, mail client). */
const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['https:', 'mailto:']);

/** Longest URL handed to the OS; anything longer is not a real link. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Allow-list for shell.openExternal: only https and mailto, no credentials.
 * `file:`, `javascript:`, `http:`, custom schemes (which can launch local
 * programs) are refused.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) {
    return false;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:' && parsed.hostname === '') return false;
  return true;
}
