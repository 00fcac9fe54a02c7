import type { Plugin } from 'vite';

/**
 * The Vite dev server needs what the production CSP forbids: an inline
 * script (React Fast Refresh preamble) and a WebSocket for HMR. This plugin
 * rewrites the CSP meta tag of index.html while serving only (`apply:
 * 'serve'`), so `vite build` / `electron-vite build` keep the strict policy.
 */
export function devCspPlugin(): Plugin {
  return {
    name: 'bridgehead:dev-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        return html.replace(
          /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/,
          (_match, start: string, policy: string, end: string) =>
            `${start}${relaxForDevServer(policy)}${end}`,
        );
      },
    },
  };
}

/** The dev-server policy derived from the production one (exported for the test). */
export function relaxForDevServer(policy: string): string {
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean)
    .map((directive) => {
      const [name] = directive.split(/\s+/);
      if (name === 'script-src') return `${directive} 'unsafe-inline'`;
      if (name === 'connect-src') return `${directive} ws://127.0.0.1:* ws://localhost:*`;
      return directive;
    })
    .join('; ');
}
