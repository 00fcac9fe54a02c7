// Builds the renderer once and serves it on 127.0.0.1 for every e2e file.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { findChromium } from '../../scripts/chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

const root = resolve(__dirname, '../..');

export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if (!chromium)
    throw new Error('e2e: no Chromium found (apt-get install chromium fonts-noto-cjk)');
  // E2E_RENDERER_DIR lets parallel runs on one checkout build into separate folders.
  const rendererDir = resolve(root, process.env.E2E_RENDERER_DIR ?? 'out/renderer');
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(resolve(rendererDir, 'index.html'))) {
    execFileSync(
      process.execPath,
      [
        resolve(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'vite.renderer.config.ts',
        '--outDir',
        rendererDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      {
        cwd: root,
        stdio: 'inherit',
        // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
  }
  const server = await startStaticServer({ root: rendererDir });
  project.provide('baseUrl', server.url);
  project.provide('chromiumPath', chromium);
  return async () => {
    await server.close();
  };
}
