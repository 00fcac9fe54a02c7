import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { protocol, resetElectronMock } from '../../mocks/electron';
import { buildContentSecurityPolicy } from '../../../src-main/core/csp';
import { resolveAppRequest } from '../../../src-main/core/protocol-path';
import {
  APP_SCHEME_DEFINITION,
  installAppProtocol,
  registerAppScheme,
} from '../../../src-main/adapters/protocol';
import { createAppLogger } from '../../../src-main/adapters/logger';

const root = path.resolve('/srv/renderer');

describe('resolveAppRequest', () => {
  it('maps app paths to files inside the renderer folder', () => {
    expect(resolveAppRequest('app://bridgehead/index.html', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
      isDocument: true,
    });
    const asset = resolveAppRequest('app://bridgehead/assets/index-abc.js?v=1', root);
    expect(asset).toMatchObject({
      filePath: path.join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://bridgehead/assets/font.woff2', root)).toMatchObject({
      contentType: 'font/woff2',
    });
  });

  it('falls back to index.html for routes without an extension', () => {
    for (const url of ['app://bridgehead/', 'app://bridgehead', 'app://bridgehead/buyers/42']) {
      expect(resolveAppRequest(url, root)).toMatchObject({
        filePath: path.join(root, 'index.html'),
      });
    }
  });

  it.each([
    'app://bridgehead/../secret.txt',
    'app://bridgehead/assets/../../secret.txt',
    'app://bridgehead/%2e%2e/secret.txt',
    'app://bridgehead/%2E%2E/%2E%2E/etc/passwd',
    'app://bridgehead/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://bridgehead/..%5c..%5csecret.txt',
    'app://bridgehead/assets\\..\\..\\secret.txt',
    'app://bridgehead//etc/passwd',
    'app://bridgehead/C:/Windows/win.ini',
    'app://bridgehead/%00index.html',
    'app://bridgehead/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(url, root).kind).toBe('forbidden');
  });

  it('refuses other origins', () => {
    expect(resolveAppRequest('app://evil/index.html', root).kind).toBe('forbidden');
    expect(resolveAppRequest('file:///srv/renderer/index.html', root).kind).toBe('forbidden');
  });
});

describe('app:// protocol adapter', () => {
  let base: string;
  let rendererRoot: string;
  const csp = buildContentSecurityPolicy();
  const lines: string[] = [];

  beforeEach(() => {
    resetElectronMock();
    lines.length = 0;
    base = mkdtempSync(path.join(os.tmpdir(), 'bh-protocol-'));
    rendererRoot = path.join(base, 'renderer');
    mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(
      path.join(rendererRoot, 'index.html'),
      '<!doctype html><title>Bridgehead</title>',
    );
    writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
    installAppProtocol(protocol, {
      rendererRoot,
      contentSecurityPolicy: csp,
      log: createAppLogger((_level, line) => lines.push(line)),
    });
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('registers app:// as a standard, secure scheme before ready', () => {
    registerAppScheme(protocol);
    expect(protocol.privilegedSchemes).toEqual([APP_SCHEME_DEFINITION]);
    expect(APP_SCHEME_DEFINITION.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
      bypassCSP: false,
    });
  });

  it('serves index.html with the production CSP header', async () => {
    const response = await protocol.request('app://bridgehead/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Bridgehead</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const header = response.headers.get('content-security-policy') ?? '';
    expect(header).toBe(csp);
    const scriptSrc = header.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc.trim()).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(header).not.toContain("'unsafe-eval'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets and falls back to index.html for client routes', async () => {
    const js = await protocol.request('app://bridgehead/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    const route = await protocol.request('app://bridgehead/buyers/42');
    expect(await route.text()).toContain('<title>Bridgehead</title>');
  });

  it('refuses path traversal (403, logged without the path) and 404s missing files', async () => {
    const traversal = await protocol.request('app://bridgehead/%2e%2e/secret.txt');
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('TOP SECRET');
    expect(traversal.headers.get('content-security-policy')).toBe(csp);
    expect(lines.join('\n')).toContain('protocol.refused');
    expect(lines.join('\n')).not.toContain('secret');
    expect((await protocol.request('app://bridgehead/assets/missing.js')).status).toBe(404);
    expect((await protocol.request('app://bridgehead/index.html', 'POST')).status).toBe(405);
  });
});
