import { render } from '@testing-library/react';
import type { FastifyInstance } from 'fastify';
import { createMemoryRouter } from 'react-router';
import type { Language } from '@shared/i18n/languages';
import { App } from '../../../src-renderer/src/App';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SettingsRepository } from '../../../src-renderer/src/data/settings-repository';
import { createI18n } from '../../../src-renderer/src/i18n';
import { appRoutes } from '../../../src-renderer/src/routes';
import { createSettingsStore } from '../../../src-renderer/src/state/settings-store';
import { saveEnrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import { getLockService } from '../../../src-renderer/src/features/lock/lock-service';
import { getSyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { configureHqFetch } from '../../../src-renderer/src/features/hq/api/use-hq';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';

export const HQ_URL = 'http://127.0.0.1:8787';

/** fetch() served by an in-process fastify app (path AND query string kept). */
export function injectFetch(app: () => FastifyInstance): FetchLike {
  return async (url, init) => {
    const u = new URL(url);
    const res = await app().inject({
      method: (init.method ?? 'GET') as 'GET',
      url: u.pathname + u.search,
      headers: init.headers as Record<string, string>,
      ...(init.body === undefined
        ? {}
        : {
            payload:
              typeof init.body === 'string' ? init.body : Buffer.from(init.body as Uint8Array),
          }),
    });
    return new Response(res.body, {
      status: res.statusCode,
      headers: { 'content-type': 'application/json' },
    });
  };
}

/**
 * The whole app on a memory router, its laptop already enrolled (officeId null = HQ)
 * with the given credential, talking to HQ through `fetch`.
 */
export async function renderEnrolled(options: {
  path: string;
  fetch: FetchLike;
  enrollment: { deviceId: string; credential: string; officeId: string | null } | null;
  language?: Language;
  /** An existing database (a laptop reopened); default: a fresh one. */
  dbName?: string;
}) {
  const language = options.language ?? 'en';
  const db = new BridgeheadDatabase(options.dbName ?? `hq-ui-${crypto.randomUUID()}`);
  if (options.enrollment) {
    await saveEnrollment(db, { hqUrl: HQ_URL, enrolledAt: Date.now(), ...options.enrollment });
  }
  getSyncService(db).configure({ fetch: options.fetch, debounceMs: 60_000, intervalMs: 60_000 });
  configureHqFetch(db, options.fetch);
  // The app lock (issue 14): a linked laptop's PIN is chosen before its screens show.
  const lock = getLockService(db, { iterations: 1000 });
  await lock.start();
  if (lock.store.getState().phase === 'setup') await lock.setPin('482913');
  const i18n = await createI18n({ language });
  const store = createSettingsStore(new SettingsRepository(db), {
    language,
    officeId: options.enrollment?.officeId ?? 'hq',
    timeZoneOverride: null,
  });
  const router = createMemoryRouter(appRoutes, { initialEntries: [options.path] });
  const view = render(<App i18n={i18n} db={db} store={store} router={router} />);
  return {
    ...view,
    db,
    router,
    async dispose() {
      view.unmount();
      lock.stop();
      const service = getSyncService(db);
      service.stop();
      // A cycle or a recount still running would hit the closed database.
      await service.whenIdle();
      db.close();
      await db.delete();
    },
  };
}
