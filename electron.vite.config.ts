import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { devCspPlugin } from './src-renderer/vite-csp-plugin';
import { rendererBuild, rendererResolve } from './vite.shared.ts';

// Every entry is explicit: the project keeps main, preload and renderer in
// src-main/ and src-renderer/, which electron-vite does not auto-detect.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'src-main/main.ts') },
    },
    resolve: rendererResolve,
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'src-main/preload.ts') },
      // A sandboxed preload can only require('electron'): bundle everything
      // into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), devCspPlugin()],
    resolve: rendererResolve,
    build: { ...rendererBuild, outDir: resolve(__dirname, 'out/renderer') },
  },
});
