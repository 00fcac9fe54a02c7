// @vitest-environment happy-dom
// Issue 16, item 5: on an HQ laptop an office's bookings say with whom, where and what for
// (not only start, end and status), its interpreters are listed, and the scheduling screens
// say that they hold HQ's own data and where each office's is.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import type { Language } from '@shared/i18n/languages';
import { renderEnrolled } from './render-hq';

const hqDown: FetchLike = async () => {
  throw new TypeError('fetch failed');
};

/** An HQ laptop (linked, no office; HQ not reachable) showing `path` in `language`. */
const renderHqLaptop = (path: string, language?: Language) =>
  renderEnrolled({
    path,
    fetch: hqDown,
    ...(language ? { language } : {}),
    enrollment: { deviceId: 'hq-1', credential: 'secret', officeId: null },
  });

/** A Tokyo buyer named in Japanese, with its Latin form. */
const YAMADA_SHOJI = {
  id: 'b-ja',
  officeId: 'tokyo',
  nameNative: '株式会社山田商事',
  nameLatin: 'Yamada Shoji',
  nameScript: 'ja',
  country: 'JP',
  status: 'active',
};

afterEach(cleanup);

describe("an office's schedules on an HQ laptop", () => {
  it('lists its interpreters, and each booking with interpreter, place and purpose', async () => {
    const app = await renderHqLaptop('/interpreters');
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

  it('names buyers and contacts in a script the reader reads, the other form beside it', async () => {
    const buyers = [
      YAMADA_SHOJI,
      {
        id: 'b-ko',
        officeId: 'tokyo',
        nameNative: '(주)한빛농산',
        nameLatin: 'Hanbit Farm',
        nameScript: 'ko',
        country: 'KR',
        status: 'active',
      },
    ];
    const contact = {
      id: 'c-1',
      officeId: 'tokyo',
      buyerId: 'b-ja',
      familyName: '山田',
      givenName: '太郎',
      latinFamily: 'Yamada',
      latinGiven: 'Taro',
      nameScript: 'ja',
      emails: [],
      phones: [],
      messengers: [],
    };
    // What each reader reads first in the offices' browse, and in Personal data.
    const expected = {
      ja: {
        buyers: ['株式会社山田商事 (Yamada Shoji)', 'Hanbit Farm ((주)한빛농산)'],
        contact: '山田 太郎 (YAMADA Taro)',
      },
      ko: {
        buyers: ['株式会社山田商事 (Yamada Shoji)', '(주)한빛농산 (Hanbit Farm)'],
        contact: '山田 太郎 (YAMADA Taro)',
      },
      vi: {
        buyers: ['Yamada Shoji (株式会社山田商事)', 'Hanbit Farm ((주)한빛농산)'],
        contact: 'YAMADA Taro (山田 太郎)',
      },
      en: {
        buyers: ['Yamada Shoji (株式会社山田商事)', 'Hanbit Farm ((주)한빛농산)'],
        contact: 'YAMADA Taro (山田 太郎)',
      },
    } as const;
    for (const [language, want] of Object.entries(expected)) {
      const app = await renderHqLaptop('/hq-subjects', language as keyof typeof expected);
      try {
        await app.db.table('buyers').bulkPut(buyers);
        await app.db.table('contacts').put(contact);
        const subjects = await screen.findByTestId('subjects-table');
        await waitFor(() => expect(subjects.textContent).toContain(want.contact));
        expect(subjects.textContent).toContain(want.buyers[0]);
        // The browse reads the office's rows when opened.
        await app.router.navigate('/hq-offices/tokyo');
        const table = await screen.findByTestId('hq-browse-buyers');
        await waitFor(() => expect(table.querySelectorAll('.ant-table-row')).toHaveLength(2));
        const names = [...table.querySelectorAll('.ant-table-row')].map(
          (r) => r.querySelector('td')!.textContent,
        );
        expect(names.sort(), language).toEqual([...want.buyers].sort());
      } finally {
        await app.dispose();
        cleanup();
      }
    }
  }, 120_000);

  it('shows what a sync brings while the page is open: a new trip, and the van it names', async () => {
    const app = await renderHqLaptop('/hq-offices/tokyo');
    try {
      const trip = (id: string, pickUp: string) => ({
        kind: 'vehicle',
        id,
        officeId: 'tokyo',
        timeZone: 'Asia/Tokyo',
        start: '2026-12-15T00:00:00.000Z',
        end: '2026-12-15T02:00:00.000Z',
        purpose: 'airport',
        status: 'confirmed',
        vehicleId: 'van-1',
        driverId: null,
        pickUp: { address: pickUp },
        dropOff: { address: 'Tokyo Big Sight' },
        requester: { kind: 'delegation', label: 'Gyeongnam food mission' },
      });
      // The trip arrives before its van (as when the van's row is on a later pull page).
      await app.db.table('vehicleTrips').put(trip('trip-1', 'Haneda Terminal 3'));
      const office = within(await screen.findByTestId('screen-hq-office-data'));
      const user = userEvent.setup({ delay: null });
      await user.click(office.getByRole('tab', { name: 'Vehicle schedules' }));
      const trips = await screen.findByTestId('hq-browse-vehicleTrips');
      await waitFor(() => expect(trips.textContent).toContain('Haneda Terminal 3'));
      expect(trips.textContent).not.toContain('品川 300 あ 56-78');

      await app.db.table('vehicles').put({
        id: 'van-1',
        officeId: 'tokyo',
        plate: '品川 300 あ 56-78',
        seats: 9,
        active: true,
      });
      await app.db.table('vehicleTrips').put(trip('trip-2', 'Narita Terminal 1'));
      await waitFor(() => expect(trips.textContent).toContain('Narita Terminal 1'));
      await waitFor(() =>
        expect(trips.querySelectorAll('.ant-table-row')[0]!.textContent).toContain(
          '品川 300 あ 56-78',
        ),
      );
    } finally {
      await app.dispose();
    }
  });

  it("names a trip's driver and says which zone its times are in (the office's)", async () => {
    const app = await renderEnrolled({
      path: '/hq-offices/tokyo',
      fetch: hqDown,
      enrollment: { deviceId: 'hq-1', credential: 'secret', officeId: null },
    });
    try {
      await app.db.table('drivers').put({
        id: 'drv-1',
        officeId: 'tokyo',
        name: { native: '中村 健', latin: 'NAKAMURA Ken', script: 'ja' },
        messengers: [],
        active: true,
      });
      await app.db.table('vehicles').put({
        id: 'van-1',
        officeId: 'tokyo',
        plate: '品川 300 あ 56-78',
        seats: 9,
        active: true,
      });
      const trip = (id: string, timeZone: string) => ({
        kind: 'vehicle',
        id,
        officeId: 'tokyo',
        timeZone,
        start: '2026-12-15T00:00:00.000Z',
        end: '2026-12-15T02:00:00.000Z',
        purpose: 'trade-talk',
        status: 'confirmed',
        vehicleId: 'van-1',
        driverId: 'drv-1',
        pickUp: { address: 'Haneda Terminal 3' },
        dropOff: { address: 'Tokyo Big Sight' },
      });
      await app.db.table('vehicleTrips').put(trip('trip-1', 'Asia/Tokyo'));
      const office = within(await screen.findByTestId('screen-hq-office-data'));
      const user = userEvent.setup({ delay: null });
      await user.click(office.getByRole('tab', { name: 'Vehicle schedules' }));
      const trips = await screen.findByTestId('hq-browse-vehicleTrips');
      const row = await waitFor(() => {
        const r = trips.querySelector('.ant-table-row');
        expect(r?.textContent).toContain('NAKAMURA Ken');
        return r!;
      });
      expect(row.textContent).toContain('品川 300 あ 56-78');
      // 00:00 UTC is 09:00 in Tokyo, whatever zone the HQ laptop is in; the zone is named.
      expect(row.textContent).toContain('09:00');
      const note = within(office.getByRole('tabpanel')).getByTestId('hq-zone-note');
      expect(note.textContent).toContain('UTC+09:00');
      // A trip kept in another zone says so by its offset.
      await app.db.table('vehicleTrips').delete('trip-1');
      await app.db.table('vehicleTrips').put(trip('trip-2', 'Asia/Seoul'));
      await waitFor(() =>
        expect(trips.querySelector('.ant-table-row')?.textContent).toContain('(UTC+09:00)'),
      );
    } finally {
      await app.dispose();
    }
  });

  it("names each trade talk's buyer and SME exporter, and its amounts by currency code", async () => {
    for (const [language, buyer, firm, amount] of [
      ['en', 'Yamada Shoji', 'Gyeongnam Precision', /JPY\s29,000,000/],
      ['ja', '株式会社山田商事', 'Gyeongnam Precision', /JPY\s29,000,000/],
      ['ko', '株式会社山田商事', '(주)경남정밀', /JPY\s29,000,000/],
    ] as const) {
      const app = await renderHqLaptop('/hq-offices/tokyo', language);
      try {
        await app.db.table('buyers').put(YAMADA_SHOJI);
        await app.db.table('smeFirms').put({
          id: 'sme-1',
          nameKo: '(주)경남정밀',
          nameEn: 'Gyeongnam Precision',
          businessRegistrationNumber: '1248100019',
          industry: 'machinery',
          products: [],
        });
        const fx = { rate: '0.0067', source: 'manual', asOf: '2026-12-01' };
        await app.db.table('tradeTalks').put({
          id: 'talk-1',
          officeId: 'tokyo',
          startsAt: '2026-12-08T01:00:00.000Z',
          timeZone: 'Asia/Tokyo',
          buyerId: 'b-ja',
          smeFirmId: 'sme-1',
          stage: 'negotiation',
          negotiated: {
            amount: { amountMinor: 29_000_000, currency: 'JPY' },
            usd: { amountMinor: 19_430_000, currency: 'USD' },
            fx,
          },
        });
        const office = within(await screen.findByTestId('screen-hq-office-data'));
        const user = userEvent.setup({ delay: null });
        await user.click(office.getAllByRole('tab')[1]!);
        const talks = await screen.findByTestId('hq-browse-tradeTalks');
        const row = await waitFor(() => {
          const r = talks.querySelector('.ant-table-row');
          expect(r?.textContent).toContain(firm);
          return r!;
        });
        const cells = [...row.querySelectorAll('td')].map((td) => td.textContent ?? '');
        expect(cells[1]!.startsWith(buyer), language).toBe(true);
        // The SME by the same rule as buyers: the reader's form first, the other beside it
        // (a Korean-only name was all a Japanese or English reader got in the drill-down).
        expect(cells[2]!.startsWith(firm), language).toBe(true);
        expect(cells[2], language).toContain(
          language === 'ko' ? '(Gyeongnam Precision)' : '((주)경남정밀)',
        );
        expect(row.textContent, language).toMatch(amount);
        expect(row.textContent, language).not.toMatch(/[¥￥]/);
      } finally {
        await app.dispose();
        cleanup();
      }
    }
  }, 120_000);
});
