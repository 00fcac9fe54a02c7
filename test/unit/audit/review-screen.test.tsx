// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { ACCESS_LOG_PATHS, sealEntry } from '@shared/audit';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { clearHqQueryCache } from '../../../src-renderer/src/features/hq/api/use-hq';
import { injectFetch, renderEnrolled } from '../hq-ui/render-hq';
import { makeChain } from './helpers';

describe('HQ access-record review screen', { timeout: 90_000 }, () => {
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

  it("lists this month's records with their flags, shows a broken chain and marks the month reviewed", async () => {
    const tokyo = await server.enroll('tokyo', 'Tokyo 1');
    // Sunday 2 a.m. in Tokyo this month: outside working hours; and a large export.
    const now = new Date();
    const at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 17, 0); // 02:00 JST the next day
    const chain = makeChain(5, { at });
    const { hash: _h, ...last } = chain[4]!;
    chain[4] = sealEntry({
      ...last,
      subjects: [{ kind: 'buyer', ids: Array.from({ length: 150 }, (_, i) => `b${i}`) }],
      count: 150,
    });
    await server.post(ACCESS_LOG_PATHS.push, tokyo.auth, { entries: chain.slice(0, 2) });
    await server.post(ACCESS_LOG_PATHS.push, tokyo.auth, { entries: chain.slice(3) });

    const device = await server.enroll(null, 'Changwon desk');
    const app = await renderEnrolled({
      path: '/hq-access',
      language: 'en',
      fetch: injectFetch(() => server.app),
      enrollment: { deviceId: device.deviceId, credential: device.auth.slice(7), officeId: null },
    });
    disposers.push(app.dispose);
    const table = await screen.findByTestId('access-table');
    await waitFor(() => expect(within(table).getAllByText('Tokyo 1')).toHaveLength(4));
    expect(table.textContent).toContain('Large export');
    expect(table.textContent).toContain('Preparing a meeting or visit');
    expect(screen.getByTestId('access-chain-flags').textContent).toContain(
      'Tokyo 1: 1 record missing before record 4',
    );

    // The month in words ("December 2026"), in the picker too, never "2026-12".
    const monthWords = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    expect(screen.getByTestId('access-mark').textContent).toBe(`Mark ${monthWords} reviewed`);
    expect(document.body.textContent).not.toMatch(/\b\d{4}-\d{2}\b(?!-)/);
    const picker = screen
      .getByTestId('screen-hq-access')
      .querySelector<HTMLInputElement>('.ant-picker input')!;
    expect(picker.value).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
    fireEvent.click(screen.getByTestId('access-mark'));
    fireEvent.change(await screen.findByTestId('access-mark-note'), {
      target: { value: 'Gap asked about' },
    });
    fireEvent.click(screen.getByTestId('access-mark-ok'));
    await waitFor(() =>
      expect(screen.getByTestId('access-reviewed').textContent).toContain('Changwon desk'),
    );
    expect(screen.getByTestId('access-reviewed').textContent).toContain('Gap asked about');
  });

  it('names the month in words in Vietnamese too, a sentence starting with a capital', async () => {
    const device = await server.enroll(null, 'Changwon desk');
    const app = await renderEnrolled({
      path: '/hq-access',
      language: 'vi',
      fetch: injectFetch(() => server.app),
      enrollment: { deviceId: device.deviceId, credential: device.auth.slice(7), officeId: null },
    });
    disposers.push(app.dispose);
    const mark = await screen.findByTestId('access-mark');
    const now = new Date();
    const month = new Intl.DateTimeFormat('vi-VN', {
      year: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    expect(mark.textContent).toContain(month);
    const notDone = mark.parentElement!.parentElement!.textContent!;
    // "Tháng 12 năm 2026 chưa được rà soát", not "tháng 12 năm 2026 …" nor "2026-12 …".
    expect(notDone).toMatch(/^Tháng \d{1,2} năm \d{4}/);
    expect(document.body.textContent).not.toMatch(/\b\d{4}-\d{2}\b(?!-)/);
  });
});
