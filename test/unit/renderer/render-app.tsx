import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { disposeCrmIndexOf } from '../../../src-renderer/src/features/crm/data/crm-index';
import { getLockService } from '../../../src-renderer/src/features/lock/lock-service';
import { createMemoryRouter } from 'react-router';
import type { Language } from '@shared/i18n/languages';
import { App } from '../../../src-renderer/src/App';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SettingsRepository } from '../../../src-renderer/src/data/settings-repository';
import { createI18n } from '../../../src-renderer/src/i18n';
import { appRoutes } from '../../../src-renderer/src/routes';
import { createSettingsStore } from '../../../src-renderer/src/state/settings-store';
import { uniqueDbName } from './migration-harness';

const rendered: BridgeheadDatabase[] = [];
// After each test of a file that renders the app: unmount, and stop the CRM index the screens
// started (it would go on loading and importing its search code after the test ended).
afterEach(() => {
  cleanup();
  for (const db of rendered.splice(0)) {
    disposeCrmIndexOf(db);
    getLockService(db).stop();
  }
});

/** Renders the whole app on a memory router with its own database and i18n instance. */
export async function renderApp(
  options: { path?: string; language?: Language; dbName?: string; officeId?: string } = {},
) {
  const language = options.language ?? 'en';
  const dbName = options.dbName ?? uniqueDbName('app');
  const db = new BridgeheadDatabase(dbName);
  rendered.push(db);
  // The app lock of this database hashes a PIN chosen in a test cheaply (the app: 600,000),
  // and knows before the first render whether there is anything to lock: the screens then
  // render at once, as tests written before the lock expect.
  await getLockService(db, { iterations: 1000 }).start();
  const repository = new SettingsRepository(db);
  const i18n = await createI18n({ language });
  const store = createSettingsStore(repository, {
    language,
    officeId: options.officeId ?? 'hq',
    timeZoneOverride: null,
  });
  const router = createMemoryRouter(appRoutes, { initialEntries: [options.path ?? '/buyers'] });
  const view = render(<App i18n={i18n} db={db} store={store} router={router} />);
  return { ...view, db, dbName, repository, store, i18n, router };
}
