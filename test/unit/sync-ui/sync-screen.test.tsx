// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SYNC_PATHS } from '@shared/sync/protocol';
import { makeBuyer } from '../crm/helpers/records';
import { renderApp } from '../renderer/render-app';
import { getSyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { loadEnrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { OUTBOX } from '../../../src-renderer/src/sync/schema';
import {
  choosePinInUi,
  fakeHq,
  fillEnrollment,
  json,
  useSyncScreenHarness,
} from './screen-harness';

const revokedAnswer = () =>
  json(401, { error: { code: 'device_revoked', message: 'This device was revoked' } });

const { opened } = useSyncScreenHarness();
async function renderSync(fetch: FetchLike) {
  const app = await renderApp({ path: '/sync', language: 'en' });
  opened.push(app.db);
  getSyncService(app.db).configure({ fetch });
  await screen.findByTestId('sync-enroll');
  return app;
}

describe('sync screen', { timeout: 30_000 }, () => {
  it('shows one h1 and the enrollment form while the laptop is not linked', async () => {
    await renderSync(fakeHq().fetch);
    const root = screen.getByTestId('screen-sync');
    expect(within(root).getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(within(root).getByRole('heading', { level: 1 }).textContent).toBe('Sync and HQ');
  });

  it('enrolls against HQ, stores the enrollment, switches the office and shows the status', async () => {
    const hq = fakeHq();
    const { db, store } = await renderSync(hq.fetch);
    await fillEnrollment('http://127.0.0.1:8787/');
    // Linked: the app lock's PIN first (issue 14), then the status.
    await choosePinInUi();
    await screen.findByTestId('sync-status');
    expect(hq.calls[0]).toBe(SYNC_PATHS.enroll);
    const enrollment = await loadEnrollment(db);
    expect(enrollment).toMatchObject({
      hqUrl: 'http://127.0.0.1:8787',
      deviceId: 'dev-123',
      officeId: 'tokyo',
      credential: 'secret-credential',
    });
    expect(store.getState().officeId).toBe('tokyo');
    expect(screen.getByTestId('sync-office').textContent).not.toBe('');
    // HQ is unreachable after enrollment (the network is up): the person reads that HQ
    // cannot be reached, since when, and that changes are kept.
    await waitFor(() =>
      expect(screen.getByTestId('sync-phase').textContent).toContain('HQ cannot be reached'),
    );
    expect(screen.getByTestId('sync-phase').textContent).toContain('changes are kept');
    expect(screen.getByText('dev-123')).toBeTruthy();
  });

  it('refuses plain http to a remote host without calling HQ', async () => {
    const hq = fakeHq();
    const { db } = await renderSync(hq.fetch);
    await fillEnrollment('http://hq.example.org');
    await screen.findByText('The address must start with https:// so the connection is encrypted.');
    expect(hq.fetch).not.toHaveBeenCalled();
    expect(await loadEnrollment(db)).toBeNull();
  });

  it('shows HQ refusing the code in words and stores nothing', async () => {
    const hq = fakeHq({
      enrollAnswer: () =>
        json(400, { error: { code: 'enrollment_code_invalid', message: 'bad code' } }),
    });
    const { db, store } = await renderSync(hq.fetch);
    await fillEnrollment('https://hq.example.org');
    await screen.findByText(
      'This enrollment code is wrong, already used or expired. Ask HQ for a new one.',
    );
    expect(await loadEnrollment(db)).toBeNull();
    expect(store.getState().officeId).toBe('hq');
  });

  it('shows the pending count after a local write while HQ is unreachable', async () => {
    const { db } = await renderSync(fakeHq().fetch);
    await fillEnrollment('https://hq.example.org');
    await choosePinInUi();
    await screen.findByTestId('sync-status');
    await waitFor(() => expect(screen.getByTestId('sync-pending').textContent).toContain('None'));
    await db
      .table('buyers')
      .add(makeBuyer(crypto.randomUUID(), { nameNative: '山田商事', nameScript: 'ja' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-pending').textContent).toMatch(/^1 change, the oldest from /),
    );
  });

  it('a revoked answer wipes the office data and the enrollment, keeps shared data', async () => {
    const { db } = await renderSync(fakeHq({ syncAnswer: revokedAnswer }).fetch);
    await db.table('buyers').add(makeBuyer('b1', { nameNative: '山田商事', nameScript: 'ja' }));
    await db.table('smeFirms').add({ id: 'f1', name: 'Gyeongnam Foods' });
    await fillEnrollment('https://hq.example.org');

    await screen.findByText('HQ has unlinked this laptop');
    expect(await loadEnrollment(db)).toBeNull();
    expect(await db.table('buyers').count()).toBe(0);
    expect(await db.table(OUTBOX).count()).toBe(0);
    expect(await db.table('smeFirms').count()).toBe(1);
    // The form is back, so a new code can link the laptop again.
    expect(screen.getByTestId('sync-enroll')).toBeTruthy();
  });

  it('a credential HQ does not know (401 unauthorized) unlinks with its own message and keeps the data', async () => {
    const unknown = () =>
      json(401, { error: { code: 'unauthorized', message: 'Unknown credential' } });
    const { db } = await renderSync(fakeHq({ syncAnswer: unknown }).fetch);
    await db.table('buyers').add(makeBuyer('b1', { nameNative: '山田商事', nameScript: 'ja' }));
    await fillEnrollment('https://hq.example.org');
    await screen.findByText('HQ no longer recognizes this laptop');
    expect(screen.getByText(/changes not yet sent included/)).toBeTruthy();
    expect(await db.table('buyers').count()).toBe(1);
    expect(await db.table(OUTBOX).count()).toBeGreaterThan(0);
    expect(await loadEnrollment(db)).toBeNull();
    expect(screen.getByTestId('sync-enroll')).toBeTruthy();
  });

  it('lists a change HQ refused with what to do, says "waiting" in the badge, and lets a person dismiss it', async () => {
    const hq = fakeHq({
      syncAnswer: () =>
        json(400, { error: { code: 'validation_failed', message: 'name: too long' } }),
    });
    const { db } = await renderSync(hq.fetch);
    await fillEnrollment('https://hq.example.org');
    await choosePinInUi();
    await screen.findByTestId('sync-status');
    await db.table('buyers').add(makeBuyer('b1', { nameNative: '山田商事', nameScript: 'ja' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-badge').textContent).toContain('1 change waiting'),
    );
    await getSyncService(db).syncNow();
    const item = await screen.findByTestId('sync-rejected-item', {}, { timeout: 10_000 });
    expect(item.textContent).toContain('Buyer');
    expect(item.textContent).toContain('HQ refused a change because some data was not valid.');
    expect(item.textContent).toContain('Open the record, correct the highlighted data');
    expect(screen.getByTestId('sync-attention').textContent).toContain('1 change refused by HQ');
    // The header says so on every screen, not only here.
    await waitFor(() =>
      expect(screen.getByTestId('sync-badge-refused').textContent).toContain('1 refused'),
    );
    await userEvent
      .setup({ delay: null })
      .click(screen.getByRole('button', { name: 'Mark as read' }));
    await screen.findByTestId('sync-attention-none');
    expect(screen.queryByTestId('sync-badge-refused')).toBeNull();
  });
});
