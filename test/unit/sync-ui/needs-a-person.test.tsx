// @vitest-environment happy-dom
// The conflict inbox on the sync screen ("Needs a person"): likely duplicate buyers, with
// "open the merge" and "not a duplicate" (stored and synced), and changes HQ refused, with
// "open the record" and "copy details for HQ".
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../renderer/render-app';
import { makeBuyer, makeContact } from '../crm/helpers/records';
import { getSyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { recordRoute } from '../../../src-renderer/src/features/sync-screen/record-links';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import {
  choosePinInUi,
  fakeHq,
  fillEnrollment,
  json,
  useSyncScreenHarness,
} from './screen-harness';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { OUTBOX, type OutboxRow } from '../../../src-renderer/src/sync/schema';
import { uniqueDbName } from '../renderer/migration-harness';

const { opened } = useSyncScreenHarness();
/** The CI machines have 2 cores, often shared: screens that load from IndexedDB take a while. */
const SLOW = { timeout: 30_000 };

async function linkedSyncScreen(fetch: FetchLike) {
  const app = await renderApp({ path: '/sync', language: 'en' });
  opened.push(app.db);
  getSyncService(app.db).configure({ fetch });
  await screen.findByTestId('sync-enroll');
  const user = await fillEnrollment('https://hq.example.org');
  await choosePinInUi();
  await screen.findByTestId('sync-status', {}, SLOW);
  return { ...app, user };
}

/** A buyer of the Tokyo office whose one contact has this email. */
async function addBuyer(db: BridgeheadDatabase, id: string, name: string, email: string) {
  await db.transaction('rw', ['buyers', 'contacts'], async () => {
    await db.table('buyers').add(makeBuyer(id, { nameNative: name, nameScript: 'ja' }));
    await db
      .table('contacts')
      .add(makeContact(`c-${id}`, id, { familyName: '鈴木', givenName: '一郎', emails: [email] }));
  });
}

describe('Needs a person: duplicate buyers', { timeout: 90_000 }, () => {
  it('lists a buyer entered twice; "not a duplicate" is stored and sent to HQ; the merge opens from the inbox', async () => {
    const { db, user, router } = await linkedSyncScreen(fakeHq().fetch);
    // As a sync pull (or two offline laptops) would leave them: the same person's email twice.
    await addBuyer(db, 'b1', '株式会社大阪食品', 'suzuki@osaka-shokuhin.co.jp');
    await addBuyer(db, 'b2', '大阪食品', 'Suzuki@Osaka-Shokuhin.co.jp');

    const item = await screen.findByTestId('sync-duplicate', {}, SLOW);
    expect(item.getAttribute('data-pair')).toBe('b1|b2');
    expect(item.textContent).toContain('株式会社大阪食品');
    expect(item.textContent).toContain('大阪食品');
    expect(item.textContent).toContain('same email suzuki@osaka-shokuhin.co.jp');
    expect(item.textContent).toContain('Very likely');
    const card = screen.getByTestId('sync-attention');
    expect(card.textContent).toContain('1 pair of buyers that may be one buyer entered twice');
    expect(within(card).getByTestId('sync-attention-count').textContent).toContain('1');

    await user.click(within(item).getByRole('button', { name: 'Not a duplicate' }));
    await screen.findByTestId('sync-attention-none', {}, SLOW);
    expect(await db.table('duplicateDismissals').get('b1|b2')).toMatchObject({
      id: 'b1|b2',
      officeId: 'tokyo',
      buyerIds: ['b1', 'b2'],
    });
    // Recorded for HQ like any other change, so the office's other laptops stop asking.
    const outbox = (await db.table(OUTBOX).toArray()) as OutboxRow[];
    expect(outbox.flatMap((r) => r.entries.map((e) => e.tbl))).toContain('duplicateDismissals');

    // A third record of the same buyer: two new pairs (the dismissed one stays dismissed).
    await addBuyer(db, 'b3', 'オオサカショクヒン', 'suzuki@osaka-shokuhin.co.jp');
    await waitFor(
      () =>
        expect(
          screen.getAllByTestId('sync-duplicate').map((li) => li.getAttribute('data-pair')),
        ).toEqual(['b1|b3', 'b2|b3']),
      SLOW,
    );
    await user.click(screen.getAllByRole('button', { name: 'Open the merge' })[0]!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/buyers/b1'), SLOW);
    expect(router.state.location.search).toBe('?merge=b3');
    // The existing side-by-side merge, with the other record already chosen.
    await screen.findByText('Merge two buyers', {}, SLOW);
    await screen.findByText('Record that stays');
  });
});

describe('Needs a person: refused changes', { timeout: 90_000 }, () => {
  it('offers to open the refused record and to copy its details for HQ', async () => {
    const { db, user, router } = await linkedSyncScreen(
      fakeHq({
        syncAnswer: () =>
          json(400, { error: { code: 'validation_failed', message: 'name: too long' } }),
      }).fetch,
    );
    // After userEvent.setup(), which installs its own clipboard stub.
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await db.table('buyers').add(makeBuyer('b1', { nameNative: '山田商事' }));
    await getSyncService(db).syncNow();
    const item = await screen.findByTestId('sync-rejected-item', {}, SLOW);
    expect(item.textContent).toContain('Open the record, correct the highlighted data');

    await user.click(within(item).getByRole('button', { name: 'Copy details for HQ' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1), SLOW);
    const text = writeText.mock.calls[0]![0];
    expect(text).toContain('Bridgehead: change refused by HQ');
    expect(text).toContain('Record: Buyer (buyers) b1');
    expect(text).toContain('[validation_failed]');
    expect(text).toContain("HQ's answer: name: too long");
    expect(text).toContain('Changed fields:');
    expect(text).toContain('nameNative');
    expect(text).toContain('Laptop (device ID): dev-123');
    await screen.findByText('Details copied. Paste them into your message to HQ.');

    await user.click(await within(item).findByRole('button', { name: 'Open the record' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/buyers/b1'), SLOW);
  });

  it('shows the details to copy by hand when the clipboard is not available', async () => {
    const { db, user } = await linkedSyncScreen(
      fakeHq({
        syncAnswer: () => json(403, { error: { code: 'office_forbidden', message: 'not yours' } }),
      }).fetch,
    );
    const writeText = vi.fn(async () => {
      throw new Error('denied');
    });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await db.table('buyers').add(makeBuyer('b9', { nameNative: 'Gone Trading' }));
    await getSyncService(db).syncNow();
    const item = await screen.findByTestId('sync-rejected-item', {}, SLOW);
    await user.click(within(item).getByRole('button', { name: 'Copy details for HQ' }));
    await screen.findAllByText('Copy these details into your message to HQ');
    expect(document.querySelector('.sync-details-text')?.textContent).toContain(
      '[office_forbidden]',
    );
  });
});

describe('recordRoute', () => {
  it('leads to the screen of each kind of record, or nowhere when the record is gone', async () => {
    const db = new BridgeheadDatabase(uniqueDbName('record-route'));
    opened.push(db);
    await db.table('buyers').add(makeBuyer('b1', { nameNative: '山田商事' }));
    await db.table('contacts').add(makeContact('c1', 'b1', { familyName: '山田' }));
    await db.table('tradeTalks').add({ id: 't1', officeId: 'tokyo', buyerId: 'b1' });
    await db.table('vehicleTrips').add({
      id: 'v1',
      officeId: 'tokyo',
      kind: 'vehicle',
      start: '2026-03-01T23:30:00Z',
      end: '2026-03-02T01:00:00Z',
      timeZone: 'Asia/Tokyo',
    });
    await db.table('interpreterBookings').add({ id: 'i1', officeId: 'tokyo', kind: 'interpreter' });
    await db.table('drivers').add({ id: 'd1', officeId: 'tokyo' });
    expect(await recordRoute(db, 'buyers', 'b1')).toBe('/buyers/b1');
    expect(await recordRoute(db, 'contacts', 'c1')).toBe('/buyers/b1');
    expect(await recordRoute(db, 'tradeTalks', 't1')).toBe('/buyers/b1');
    // The day in the booking's own zone (08:30 in Tokyo on 2 March).
    expect(await recordRoute(db, 'vehicleTrips', 'v1')).toBe('/vehicles?date=2026-03-02&open=v1');
    expect(await recordRoute(db, 'interpreterBookings', 'i1')).toBe('/interpreters?open=i1');
    expect(await recordRoute(db, 'drivers', 'd1')).toBe('/vehicles?tab=resources');
    expect(await recordRoute(db, 'buyers', 'merged-away')).toBeNull();
    expect(await recordRoute(db, 'fxRates', 'x')).toBeNull();
    expect(await recordRoute(db, 'no_such_table', 'x')).toBeNull();
  });
});
