// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { clearHqQueryCache } from '../../../src-renderer/src/features/hq/api/use-hq';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { injectFetch, renderEnrolled } from './render-hq';

describe('HQ screens when HQ cannot answer', { timeout: 60_000 }, () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  const disposers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    clearHqQueryCache();
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { registry: DEFAULT_TABLE_REGISTRY });
  });
  afterEach(async () => {
    cleanup();
    for (const d of disposers.splice(0)) await d();
    await server.app.close();
    await env.cleanup();
  });

  it('says HQ is unreachable, then shows the last figures marked as stale', async () => {
    const device = await server.enroll(null, 'Changwon desk');
    const enrollment = {
      deviceId: device.deviceId,
      credential: device.auth.slice(7),
      officeId: null,
    };
    const down: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    const first = await renderEnrolled({
      path: '/hq-offices',
      fetch: down,
      enrollment,
      language: 'vi',
    });
    disposers.push(first.dispose);
    const error = await screen.findByTestId('hq-error');
    expect(error.textContent).toContain('Không kết nối được máy chủ Trụ sở chính');
    cleanup();

    const up = await renderEnrolled({
      path: '/hq-offices',
      fetch: injectFetch(() => server.app),
      enrollment,
    });
    disposers.push(up.dispose);
    const table = await screen.findByTestId('hq-offices-table');
    await within(table).findByText('Tokyo Office');
    cleanup();

    const again = await renderEnrolled({
      path: '/hq-offices',
      fetch: down,
      enrollment,
      language: 'ja',
    });
    disposers.push(again.dispose);
    const stale = await screen.findByTestId('hq-stale');
    expect(stale.textContent).toMatch(/受け取った集計を表示しています/);
    expect(within(screen.getByTestId('hq-offices-table')).getByText('東京事務所')).toBeTruthy();
  });

  it('translates HQ refusing the request (an office credential)', async () => {
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    // A laptop whose stored enrollment says HQ but whose credential is an office's.
    const app = await renderEnrolled({
      path: '/hq-devices',
      fetch: injectFetch(() => server.app),
      enrollment: { deviceId: tokyo.deviceId, credential: tokyo.auth.slice(7), officeId: null },
    });
    disposers.push(app.dispose);
    const error = await screen.findByTestId('hq-error');
    expect(error.textContent).not.toMatch(/office_forbidden|errors:/);
    expect(error.textContent!.length).toBeGreaterThan(10);
  });
});
