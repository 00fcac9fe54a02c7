import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../../src-main/core/csp';
import { isPermissionAllowed } from '../../../src-main/core/permissions';
import { WEB_PREFERENCES, buildWebPreferences } from '../../../src-main/core/web-preferences';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  it('is strict in production', () => {
    const csp = directives(buildContentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('adds HQ origins to connect-src only, and drops anything that is not an origin', () => {
    const csp = directives(
      buildContentSecurityPolicy({
        hqOrigins: [
          'https://hq.example/api/v1',
          "https://x.example; script-src 'unsafe-eval'",
          'javascript:1',
        ],
      }),
    );
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://hq.example']);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(buildContentSecurityPolicy({ hqOrigins: ['nope'] })).not.toContain("'unsafe-eval'");
    expect(
      directives(buildContentSecurityPolicy({ hqOrigins: ['https:', 'http:'] })).get('connect-src'),
    ).toEqual(["'self'", 'https:']);
    expect(
      directives(
        buildContentSecurityPolicy({
          hqOrigins: [
            'http://127.0.0.1:*',
            'http://10.0.0.1:*',
            'http://*:*',
            'http://localhost:*',
          ],
        }),
      ).get('connect-src'),
    ).toEqual(["'self'", 'http://127.0.0.1:*', 'http://localhost:*']);
  });

  it('relaxes only in dev, for the dev server and its HMR websocket', () => {
    const csp = directives(
      buildContentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }),
    );
    expect(csp.get('script-src')).toContain('http://localhost:5173');
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'http://localhost:5173',
      'ws://localhost:5173',
    ]);
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
  });
});

describe('permission policy', () => {
  it('allows notifications and sanitized clipboard writes for the app origin only', () => {
    expect(isPermissionAllowed('notifications', 'app://bridgehead/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://bridgehead/')).toBe(true);
    expect(isPermissionAllowed('persistent-storage', 'app://bridgehead/')).toBe(true);
    expect(isPermissionAllowed('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('notifications', 'app://bridgehead.evil/')).toBe(false);
    expect(isPermissionAllowed('notifications', '')).toBe(false);
    expect(isPermissionAllowed('notifications', null)).toBe(false);
  });

  it.each([
    'media',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'display-capture',
    'hid',
    'unknown',
  ])('denies %s even to the app', (permission) => {
    expect(isPermissionAllowed(permission, 'app://bridgehead/index.html')).toBe(false);
  });
});

describe('web preferences constant', () => {
  it('is frozen and secure', () => {
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
    const prefs = buildWebPreferences('/p/preload.cjs');
    expect(prefs).toMatchObject({
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
      preload: '/p/preload.cjs',
    });
    expect(() => {
      (WEB_PREFERENCES as { sandbox: boolean }).sandbox = false;
    }).toThrow(TypeError);
  });
});
