import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { devCspPlugin } from './src-renderer/vite-csp-plugin';
import { rendererBuild, rendererResolve } from './vite.shared.ts';

// Browser mode: the renderer alone, for development (`npm run dev`) without
// the Electron binary. The production build comes from electron-vite.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [react(), devCspPlugin()],
  resolve: rendererResolve,
  build: { ...rendererBuild, outDir: resolve(import.meta.dirname, 'out/renderer') },
  server: { host: '127.0.0.1' },
});
