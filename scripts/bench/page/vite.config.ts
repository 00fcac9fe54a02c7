import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { rendererResolve } from '../../../vite.shared';

// The Chromium bench page: the app's real modules (src-renderer, src-shared),
// its own entry, never part of the app bundle. Built by scripts/bench/chromium.ts.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  resolve: rendererResolve,
  logLevel: 'warn',
  build: {
    // BENCH_PAGE_OUT: another directory (a build while a bench serves the default one).
    outDir: process.env.BENCH_PAGE_OUT ?? resolve(import.meta.dirname, '../../../out/bench-page'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8192,
    // Keep function names readable in profiles.
    minify: false,
  },
});
