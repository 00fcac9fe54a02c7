import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { resolveLanguage } from '@shared/i18n/languages';
import { App } from './App';
import { SCHEMA_VERSIONS } from './app-schema';
import { createDatabase, DATABASE_NAME } from './data/db';
import { setAppSchema } from './data/schema';
import { SettingsRepository, type StoredSettings } from './data/settings-repository';
import { createI18n } from './i18n';
import { getBridge, preferredLanguages } from './platform/bridge';
import { DataKeyRefusedError, loadDataKey } from './data/encryption/key-source';
import { setDataKey } from './data/encryption/data-key';
import { sealPlaintextRows } from './data/encryption/migrate';
import { DataKeyRefusedScreen } from './screens/DataKeyRefusedScreen';
import { requestPersistentStorage } from './platform/storage';
import { SEED_OFFICES } from '@shared/offices/seed';
import { DEFAULT_OFFICE_ID, createSettingsStore } from './state/settings-store';
import { startSync } from './features/sync-ui';
import { linkActor, startAccessLog } from './features/audit';

export interface BootstrapOptions {
  databaseName?: string;
}

/**
 * Startup order: the data key (issue 14) → stored settings (Dexie) → language → i18n →
 * first render,
 * so the first paint is already in the right language. Nothing here may
 * prevent the app from starting: an unavailable database means defaults and
 * a warning banner, a missing preload bridge means browser defaults.
 */
export async function bootstrap(
  container: HTMLElement,
  options: BootstrapOptions = {},
): Promise<Root> {
  void requestPersistentStorage();

  setAppSchema(SCHEMA_VERSIONS);
  // Personal data is sealed with the data key: none, no database (never stored in clear).
  try {
    setDataKey((await loadDataKey(getBridge())).key);
  } catch (error) {
    if (!(error instanceof DataKeyRefusedError)) throw error;
    const i18n = await createI18n({ language: resolveLanguage(await preferredLanguages()) });
    const root = createRoot(container);
    root.render(<DataKeyRefusedScreen i18n={i18n} refusal={error.refusal} />);
    return root;
  }
  const db = createDatabase(options.databaseName ?? DATABASE_NAME);
  // A database from before issue 14 is sealed in the background, chunk by chunk (reads
  // meanwhile open sealed and plain rows alike).
  void sealPlaintextRows(db).catch((error: unknown) => {
    console.warn('[startup] sealing stored personal data did not finish', error);
  });
  const repository = new SettingsRepository(db);
  let stored: StoredSettings = {};
  let storageAvailable = true;
  try {
    stored = await repository.getAll();
  } catch (error) {
    storageAvailable = false;
    console.warn('[startup] local database unavailable, running with defaults', error);
  }

  const language = stored.language ?? resolveLanguage(await preferredLanguages());
  const officeChosen = Boolean(
    stored.officeId && SEED_OFFICES.some((o) => o.id === stored.officeId),
  );
  const officeId = officeChosen && stored.officeId ? stored.officeId : DEFAULT_OFFICE_ID;
  const i18n = await createI18n({ language });
  const store = createSettingsStore(repository, {
    language,
    officeId,
    timeZoneOverride: stored.timeZone ?? null,
    officeChosen,
  });
  startSync(db, { setOfficeId: store.getState().setOfficeId });
  // Who acts in the access records: the HQ link's device and office (the settings' office
  // on a laptop not linked yet).
  startAccessLog(db, { actor: () => linkActor(db, () => store.getState().officeId) });

  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App i18n={i18n} db={db} store={store} storageAvailable={storageAvailable} />
    </StrictMode>,
  );
  return root;
}
