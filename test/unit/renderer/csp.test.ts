import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devCspPlugin, relaxForDevServer } from '../../../src-renderer/vite-csp-plugin';

const html = readFileSync(resolve(__dirname, '../../../src-renderer/index.html'), 'utf8');
const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';

function directives(text: string): Map<string, string[]> {
  return new Map(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('renderer Content-Security-Policy', () => {
  it('is strict in index.html (the production build ships this file)', () => {
    const d = directives(policy);
    expect(d.get('default-src')).toEqual(["'self'"]);
    // WebAssembly compilation for the planner worker; never JavaScript eval.
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('font-src')).toEqual(["'self'", 'data:']);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.has('frame-ancestors')).toBe(false); // ignored in a meta tag
    expect(policy).not.toMatch(/'unsafe-eval'|ws:/);
  });

  it('has no inline scripts and no remote assets', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/favicon.svg"/);
  });

  it('is relaxed by the dev plugin only while serving, and only for HMR', () => {
    const plugin = devCspPlugin();
    expect(plugin.apply).toBe('serve');
    const relaxed = directives(relaxForDevServer(policy));
    expect(relaxed.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]);
    expect(relaxed.get('connect-src')).toEqual(
      expect.arrayContaining(['ws://127.0.0.1:*', "'self'"]),
    );
    expect(relaxed.get('object-src')).toEqual(["'none'"]);

    const hook = plugin.transformIndexHtml as { handler: (html: string) => string };
    const served = hook.handler(html);
    expect(served).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    expect(served).not.toContain(policy);
  });
});
