// ESLint flat config. Besides the usual rules it enforces the architecture:
// which layer may import what (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// The renderer's feature fences (docs/architecture.md, "Feature fences"): which feature may
// import which, always through that feature's index.ts. A DAG: no feature reaches up.
export const FEATURE_USES = {
  'sync-ui': [],
  audit: ['sync-ui'],
  lock: ['sync-ui'],
  updates: ['sync-ui'],
  crm: ['sync-ui', 'updates', 'audit'],
  bookings: ['crm', 'sync-ui', 'audit'],
  demo: ['crm', 'bookings', 'sync-ui'],
  hq: ['bookings', 'sync-ui', 'audit'],
  missions: ['crm', 'bookings', 'sync-ui', 'audit'],
  'sync-screen': ['crm', 'bookings', 'sync-ui'],
};
const FEATURES = './src-renderer/src/features';
const featureIndexes = (names) => names.map((name) => `./${name}/index.ts`);
const featureZones = [
  ...Object.entries(FEATURE_USES).map(([name, uses]) => ({
    target: `${FEATURES}/${name}`,
    from: FEATURES,
    except: [`./${name}`, ...featureIndexes(uses)],
    message: `Feature '${name}' may import only ${uses.map((u) => `${u}/index.ts`).join(', ') || 'no other feature'} (eslint.config.js FEATURE_USES).`,
  })),
  // The layers under the features know none of them (and not the shell above them).
  ...['data', 'sync', 'state', 'i18n', 'platform', 'ui'].map((layer) => ({
    target: `./src-renderer/src/${layer}`,
    from: FEATURES,
    message: `src-renderer/src/${layer} sits under the features and may not import them.`,
  })),
  // The shell and the composition root use a feature through its index.ts only (the schema
  // also reads each feature's Dexie store specs).
  ...['layout', 'screens'].map((shell) => ({
    target: `./src-renderer/src/${shell}`,
    from: FEATURES,
    except: featureIndexes(Object.keys(FEATURE_USES)),
    message: 'The shell uses a feature through its index.ts only.',
  })),
  ...['App.tsx', 'routes.tsx', 'bootstrap.tsx', 'main.tsx'].map((file) => ({
    target: `./src-renderer/src/${file}`,
    from: FEATURES,
    except: featureIndexes(Object.keys(FEATURE_USES)),
    message: 'The composition root uses a feature through its index.ts only.',
  })),
  {
    target: './src-renderer/src/app-schema.ts',
    from: FEATURES,
    except: Object.keys(FEATURE_USES).map((name) => `./${name}/data/stores.ts`),
    message: "The schema reads only the features' data/stores.ts.",
  },
];

const electronBan = {
  name: 'electron',
  message: 'Only src-main (outside src-main/core) may import electron.',
};
const mainCodeBan = {
  group: ['**/src-main/*', '**/src-main/**', '!**/src-main/preload', '!**/src-main/ipc/contract'],
  message: 'The renderer may only import types from src-main/preload and src-main/ipc/contract.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'reports/**',
      'coverage/**',
      '.hq-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, i18next, 'import-x': importX },
    settings: {
      // Which files import-x parses to follow imports (TypeScript too), and how it resolves.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.web.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: featureZones }],
      // Type-only imports are erased and never form a cycle at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable region must be focusable so keyboard users can scroll it (axe).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
      // Every user-visible string goes through i18next.
      // Attributes are code (test ids, antd props) except the ones people read.
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'title',
              'alt',
              'aria-label',
              'aria-description',
              'placeholder',
              'label',
              'help',
              'extra',
              'tooltip',
              'notFoundContent',
            ],
          },
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [{ ...mainCodeBan, allowTypeImports: true }],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['**/src-hq/**'], message: 'The renderer talks to HQ over HTTP only.' },
          ],
        },
      ],
    },
  },
  {
    // Shared domain code runs in the renderer, in workers and on the server.
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            { name: 'react', message: 'src-shared is plain TypeScript.' },
            { name: 'dexie', message: 'src-shared knows no storage.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'src-shared may not use Node APIs.' },
            {
              group: [
                'fs',
                'path',
                'os',
                'crypto',
                'http',
                'https',
                'child_process',
                'worker_threads',
              ],
              message: 'src-shared may not use Node APIs.',
            },
            {
              group: ['react-*', 'react/*', 'antd', 'antd/*', 'electron/*'],
              message: 'src-shared is plain TypeScript.',
            },
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/src-hq/**'],
              message: 'src-shared depends on nothing else in the repo.',
            },
          ],
        },
      ],
    },
  },
  {
    // The main process keeps a testable core free of electron.
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['electron/*', '**/adapters/**'], message: 'src-main/core is pure.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-hq/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'The HQ server shares code only through src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // HQ's sync layer sits below its features: push hands changes to projectors the server
    // registers (src-hq/sync/projectors.ts) instead of importing them.
    files: ['src-hq/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'The HQ server shares code only through src-shared.',
            },
            {
              group: ['**/reports/**', '**/admin/**', '**/releases/**', '**/ops/**'],
              message: 'src-hq/sync is below the HQ features: register a projector instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // A file past 600 lines is doing more than one thing (issue 12). Tests and data tables
    // (aliases, demo name lists) are long by nature.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['test/**', 'src-shared/crm/demo.ts', 'src-shared/crm/io/header-aliases.ts'],
    rules: { 'max-lines': ['warn', { max: 600 }] },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    // Tests poke at JSON bodies and mocks; strict typing there buys little.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
