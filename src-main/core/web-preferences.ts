/**
 * The security-relevant webPreferences of every window. Most equal Electron's
 * defaults; they are spelled out so that a refactor or a copied template
 * (e.g. `sandbox: false`) cannot silently weaken them, and tests pin them.
 */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const);

export type SecureWebPreferences = typeof WEB_PREFERENCES & { readonly preload: string };

/** The window's webPreferences: the frozen policy plus the preload path. */
export function buildWebPreferences(preloadPath: string): SecureWebPreferences {
  return Object.freeze({ ...WEB_PREFERENCES, preload: preloadPath });
}
