export interface CspOptions {
  /**
   * HQ server origins the renderer may talk to (sync), e.g. https://hq.example,
   * or the scheme source 'https:' while the HQ URL is only known at runtime.
   */
  hqOrigins?: readonly string[];
  /** Development only: the Vite dev server origin (http://localhost:5173). */
  devServerOrigin?: string | null;
}

/**
 * Source expressions accepted verbatim: any TLS origin, or plain http on the
 * loopback interface only (an HQ server on the same machine).
 */
const ACCEPTED_WILDCARDS: ReadonlySet<string> = new Set([
  'https:',
  'wss:',
  'http://127.0.0.1:*',
  'http://localhost:*',
]);

/** Keeps only well-formed http(s)/ws(s) origins so a bad setting cannot inject directives. */
function toOrigins(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    if (ACCEPTED_WILDCARDS.has(value)) {
      out.push(value);
      continue;
    }
    try {
      const url = new URL(value);
      if (!['https:', 'wss:', 'http:', 'ws:'].includes(url.protocol)) continue;
      if (url.username || url.password) continue;
      out.push(url.origin);
    } catch {
      // not a URL: dropped
    }
  }
  return [...new Set(out)];
}

/**
 * Content-Security-Policy for the renderer. Production is strict: only the
 * app's own scripts run. Styles keep 'unsafe-inline' because antd's CSS-in-JS
 * injects <style> elements at runtime. Development adds the dev server and its
 * HMR websocket, plus 'unsafe-inline' scripts for @vitejs/plugin-react's preamble.
 */
export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const hq = toOrigins(options.hqOrigins ?? []);
  const dev = options.devServerOrigin ? toOrigins([options.devServerOrigin]) : [];
  const devWs = dev.map((origin) => origin.replace(/^http/, 'ws'));

  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    // 'wasm-unsafe-eval': the mission planner's worker compiles the HiGHS solver's WebAssembly
    // (compilation of .wasm only; JavaScript eval/new Function stay refused).
    [
      'script-src',
      dev.length
        ? ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'", ...dev]
        : ["'self'", "'wasm-unsafe-eval'"],
    ],
    ['style-src', ["'self'", "'unsafe-inline'", ...dev]],
    ['img-src', ["'self'", 'data:', 'blob:', ...dev]],
    ['font-src', ["'self'", 'data:', ...dev]],
    ['connect-src', ["'self'", ...hq, ...dev, ...devWs]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
