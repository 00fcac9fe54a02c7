// @vitest-environment happy-dom
// Issue 16, item 5: on an HQ laptop an office's bookings say with whom, where and what for
// (not only start, end and status), its interpreters are listed, and the scheduling screens
// say that they hold HQ's own data and where each office's is.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { renderEnrolled } from './render-hq';

const hqDown: FetchLike = async () => {
  throw new TypeError('fetch failed');
};

afterEach(cleanup);

describe("an office's schedules on an HQ laptop", () => {
  it('lists its interpreters, and each booking with interpreter, place and purpose', async () => {
    const app = await renderEnrolled({
      path: '/interpreters',
      fetch: hqDown,
      enrollment: { deviceId: 'hq-1', credential: 'secret', officeId: null },
    });
    try {
      // The Interpreters screen says it is HQ's own, and where the offices' are.
      await screen.findByTestId('hq-own-data-notice');
      expect(screen.getByTestId('hq-own-data-offices').getAttribute('href')).toContain(
        'hq-offices',
      );

      await app.db.table('interpreters').put({
        id: 'int-1',
        officeId: 'tokyo',
        name: { native: '佐藤 大輔', latin: 'SATO Daisuke', script: 'ja' },
        languagePairs: ['ko-ja'],
        messengers: [],
        active: true,
      });
      await app.db.table('interpreterBookings').put({
        kind: 'interpreter',
        id: 'bk-1',
        officeId: 'tokyo',
        timeZone: 'Asia/Tokyo',
        start: '2026-12-08T01:00:00.000Z',
        end: '2026-12-08T03:00:00.000Z',
        purpose: 'trade-talk',
        status: 'confirmed',
        interpreterId: 'int-1',
        location: 'Tokyo Big Sight, hall 4',
        requester: { kind: 'delegation', label: 'Gyeongnam food mission' },
      });

      await app.router.navigate('/hq-offices/tokyo');
      const office = within(await screen.findByTestId('screen-hq-office-data'));
      const user = userEvent.setup({ delay: null });
      await user.click(office.getByRole('tab', { name: 'Interpreters' }));
      const interpreters = await screen.findByTestId('hq-browse-interpreters');
      await waitFor(() => expect(interpreters.textContent).toContain('SATO Daisuke'));
      expect(interpreters.textContent).toContain('Korean');

      await user.click(office.getByRole('tab', { name: 'Interpreter bookings' }));
      const bookings = await screen.findByTestId('hq-browse-interpreterBookings');
      const row = await waitFor(() => {
        const r = within(bookings).getAllByRole('row')[1]!;
        expect(r.textContent).toContain('SATO Daisuke');
        return r;
      });
      expect(row.textContent).toContain('Tokyo Big Sight, hall 4');
      expect(row.textContent).toContain('Trade talk');
      expect(row.textContent).toContain('Gyeongnam food mission');
    } finally {
      await app.dispose();
    }
  });
});
