import { resolve } from 'node:path';

/** Aliases shared by every build and by vitest. */
export const rendererResolve = {
  alias: {
    '@shared': resolve(__dirname, 'src-shared'),
    '@locales': resolve(__dirname, 'locales'),
  },
};

export const rendererBuild = {
  rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
  chunkSizeWarningLimit: 4096,
};
