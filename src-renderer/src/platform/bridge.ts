import type { BridgeheadApi } from '../../../src-main/preload';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    bridgehead?: BridgeheadApi;
  }
}

export type { BridgeheadApi };

/**
 * The preload bridge when running inside Electron, undefined in a plain
 * browser. Every caller must work without it.
 */
export function getBridge(): BridgeheadApi | undefined {
  return typeof window === 'undefined' ? undefined : window.bridgehead;
}

/** The OS languages from the bridge, else the browser's; never throws. */
export async function preferredLanguages(): Promise<readonly string[]> {
  const bridge = getBridge();
  if (bridge) {
    try {
      const { languages } = await bridge.getOsLocale();
      if (languages.length > 0) return languages;
    } catch {
      // A failing bridge call must not block startup: use the browser's view.
    }
  }
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
