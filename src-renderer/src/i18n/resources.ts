import type { Resource } from 'i18next';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';

// Bundled at build time: the app is offline forever, so no HTTP backend.
// Every locales/<lang>/<namespace>.json on disk is included, so a namespace
// another area adds (e.g. menu) is available without touching this file.
const files = import.meta.glob<Record<string, unknown>>('../../../locales/*/*.json', {
  eager: true,
  import: 'default',
});

function buildResources(): Resource {
  const resources: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match?.[1] || !match[2]) continue;
    const [, language, namespace] = match;
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(language)) continue;
    resources[language] = { ...resources[language], [namespace]: content };
  }
  return resources;
}

export const resources: Resource = buildResources();

export const NAMESPACES = [
  'common',
  'nav',
  'screens',
  'settings',
  'errors',
  'bookings',
  'hq',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
