import { resolve } from 'node:path';

/** Aliases shared by every build and by vitest. */
export const rendererResolve = {
  alias: {
    '@shared': resolve(import.meta.dirname, 'src-shared'),
    '@locales': resolve(import.meta.dirname, 'locales'),
  },
};

export const rendererBuild = {
  rolldownOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
  chunkSizeWarningLimit: 4096,
};
