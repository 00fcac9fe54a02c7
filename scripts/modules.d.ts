// Types for the plain-JS helper scripts imported by TypeScript tests.
declare module '*/scripts/static-server.mjs' {
  export function startStaticServer(options: {
    root: string;
    host?: string;
    port?: number;
  }): Promise<{ url: string; close: () => Promise<void> }>;
}
declare module '*/scripts/chromium.mjs' {
  export const CHROMIUM_FLAGS: readonly string[];
  export function findChromium(): string | null;
}
declare module '*/scripts/electron-binary.mjs' {
  export function findElectronBinary(
    packageDir: string,
    env?: Record<string, string | undefined>,
  ): string | null;
}
