// @vitest-environment happy-dom
// Issue 16, item 4: reopened with HQ down, the app still knows when it last synced; with the
// network up but HQ silent, it says HQ cannot be reached, and since when (not "Offline").
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  LAST_SUCCESS_SETTING_KEY,
  SyncService,
} from '../../../src-renderer/src/features/sync-ui/sync-service';
import { describeSync } from '../../../src-renderer/src/features/sync-ui/sync-phase';
import { saveEnrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { injectFetch } from '../sync/laptop';
import { HQ_URL, renderEnrolled } from '../hq-ui/render-hq';

const hqDown: FetchLike = async () => {
  throw new TypeError('fetch failed');
};

describe('the last successful sync survives a restart with HQ down', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  let db: BridgeheadDatabase;
  const services: SyncService[] = [];

  beforeEach(async () => {
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { registry: DEFAULT_TABLE_REGISTRY });
    db = new BridgeheadDatabase(`sync-truth-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    for (const s of services.splice(0)) {
      s.stop();
      await s.whenIdle();
    }
    db.close();
    await db.delete();
    await server.app.close();
    await env.cleanup();
  });

  it('keeps lastSuccessAt on the laptop; a failing HQ sets failingSince, a success clears it', async () => {
    const first = new SyncService(db, {
      fetch: injectFetch(() => server.app),
      debounceMs: 60_000,
      intervalMs: 60_000,
    });
    services.push(first);
    await first.start();
    await first.enrollDevice(HQ_URL, await createEnrollmentCode(env.hq, 'tokyo'), 'Tokyo desk');
    await first.syncNow();
    const synced = first.store.getState().lastSuccessAt;
    expect(synced).toBeGreaterThan(0);
    await waitFor(async () =>
      expect((await db.settings.get(LAST_SUCCESS_SETTING_KEY))?.value).toBe(synced),
    );
    first.stop();
    await first.whenIdle();

    // The app is reopened; HQ is down.
    const reopened = new SyncService(db, { fetch: hqDown, debounceMs: 60_000, intervalMs: 60_000 });
    services.push(reopened);
    await reopened.start();
    expect(reopened.store.getState().lastSuccessAt).toBe(synced);
    await reopened.syncNow();
    const state = reopened.store.getState();
    expect(state.status?.phase).toBe('offline');
    expect(state.lastSuccessAt).toBe(synced);
    expect(state.failingSince).toBeGreaterThanOrEqual(synced!);
    // Network up, no answer: HQ cannot be reached. No network at all: offline.
    expect(describeSync(state.status, true).kind).toBe('unreachable');
    expect(describeSync(state.status, false).kind).toBe('offline');
  });
});

describe('the sync screen and header with HQ down', () => {
  afterEach(cleanup);

  it('shows the stored last sync, and "HQ cannot be reached" with since when', async () => {
    const db = new BridgeheadDatabase(`sync-truth-ui-${crypto.randomUUID()}`);
    const lastSync = Date.now() - 5 * 60_000;
    await saveEnrollment(
      db,
      {
        hqUrl: HQ_URL,
        deviceId: 'dev-1',
        officeId: 'tokyo',
        credential: 'secret',
        enrolledAt: lastSync - 60_000,
      },
      null,
    );
    await db.settings.put({ key: LAST_SUCCESS_SETTING_KEY, value: lastSync });
    db.close();
    const app = await renderEnrolled({
      path: '/sync',
      fetch: hqDown,
      enrollment: null,
      dbName: db.name,
    });
    try {
      const last = await screen.findByTestId('sync-last-success');
      await waitFor(() => expect(last.textContent).toContain('5 minutes ago'));
      expect(last.textContent).not.toContain('Not yet');
      await waitFor(
        () =>
          expect(screen.getByTestId('sync-phase').textContent).toContain(
            'HQ cannot be reached (since',
          ),
        { timeout: 10_000 },
      );
      expect(screen.getByTestId('sync-badge').textContent).toContain('HQ unreachable since');
      expect(screen.getByTestId('sync-badge').textContent).not.toContain('Offline');
    } finally {
      await app.dispose();
    }
  });
});
