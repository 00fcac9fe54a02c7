// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { formatHlc } from '@shared/sync/hlc';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { clearHqQueryCache } from '../../../src-renderer/src/features/hq/api/use-hq';
import { OUTBOX } from '../../../src-renderer/src/sync/schema';
import { injectFetch, renderEnrolled } from './render-hq';

const hlc = (n: number) =>
  formatHlc({ millis: Date.now() - 60_000 + n, counter: 0, node: 'c'.repeat(16) });

describe(
  'HQ administration screens (against a real HQ server, in-process)',
  { timeout: 60_000 },
  () => {
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

    const hqLaptop = async (path: string, language: 'en' | 'ko' = 'en') => {
      const device = await server.enroll(null, 'Changwon desk');
      const app = await renderEnrolled({
        path,
        language,
        fetch: injectFetch(() => server.app),
        enrollment: { deviceId: device.deviceId, credential: device.auth.slice(7), officeId: null },
      });
      disposers.push(app.dispose);
      return { app, device };
    };

    it('shows the HQ screens in the navigation on an HQ laptop only', async () => {
      await hqLaptop('/hq-offices');
      expect(await screen.findByTestId('nav-hq-dashboard')).toBeTruthy();
      expect(screen.getByTestId('nav-hq-rates').textContent).toContain('Exchange rates');
      cleanup();

      const tokyo = await server.enroll('tokyo', 'Tokyo 1');
      const office = await renderEnrolled({
        path: '/hq-offices',
        fetch: injectFetch(() => server.app),
        enrollment: {
          deviceId: tokyo.deviceId,
          credential: tokyo.auth.slice(7),
          officeId: 'tokyo',
        },
      });
      disposers.push(office.dispose);
      expect(await screen.findByTestId('hq-only')).toBeTruthy();
      expect(screen.getByTestId('nav-buyers')).toBeTruthy();
      expect(screen.queryByTestId('nav-hq-dashboard')).toBeNull();
    });

    it('lists offices with record counts and last sync after an office laptop pushed', async () => {
      const tokyo = await server.enroll('tokyo', 'Tokyo 1');
      const push = await server.post('/v1/push', tokyo.auth, {
        clientId: 'tokyo-client-1',
        mutations: [1, 2, 3].map((i) => ({
          mid: i,
          tbl: 'buyers',
          id: `b${i}`,
          fields: { nameNative: [`買い手${i}`, hlc(i)], officeId: ['tokyo', hlc(i)] },
        })),
      });
      expect(push.status).toBe(200);
      await hqLaptop('/hq-offices');
      const table = await screen.findByTestId('hq-offices-table');
      const row = await within(table).findByRole('row', { name: /Tokyo Office/ });
      const cells = within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
      // name, country, currency, laptops, buyers, talks, bookings, trips, all, last change, last sync
      // The country by name, not its code ("JP", "CN", "VN" before).
      expect(cells.slice(0, 5)).toEqual(['Tokyo Office', 'Japan', 'JPY', '1 of 1 active', '3']);
      expect(cells[8]).toBe('3');
      expect(cells[9]).toMatch(/now|second|minute/);
      const chengdu = within(table).getByRole('row', { name: /Chengdu/ });
      expect(within(chengdu).getAllByRole('cell')[9]!.textContent).toBe('Never');
      // HQ is not listed as an office of its own (it was: "HQ (Changwon)", "0 of 0 active").
      expect(within(table).queryByRole('row', { name: /Changwon/ })).toBeNull();
    });

    it('revokes a laptop only after confirmation; the revoked laptop is refused', async () => {
      const tokyo = await server.enroll('tokyo', 'Tokyo reception');
      await hqLaptop('/hq-devices');
      const user = userEvent.setup({ delay: null });
      const table = await screen.findByTestId('hq-devices-table');
      const row = await within(table).findByRole('row', { name: /Tokyo reception/ });
      expect(within(row).getByText('Tokyo Office')).toBeTruthy();
      // Linked by an unnamed code (older tooling): HQ sees it must link it again for a person.
      expect(
        within(row).getByText(
          "No person named: link this laptop again with a person's name to set one",
        ),
      ).toBeTruthy();
      expect(within(row).getByText('Never')).toBeTruthy();
      // The HQ laptop itself cannot be revoked from here.
      const self = within(table).getByRole('row', { name: /Changwon desk/ });
      expect(within(self).getByText('This laptop')).toBeTruthy();
      expect(within(self).queryByRole('button', { name: /Revoke/ })).toBeNull();

      await user.click(within(row).getByRole('button', { name: 'Revoke Tokyo reception' }));
      const dialog = await screen.findByRole('dialog');
      expect(dialog.textContent).toContain('Revoke Tokyo reception?');
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      const stillFine = await server.post('/v1/pull', tokyo.auth, { clientId: 'tokyo-client-1' });
      expect(stillFine.status).toBe(200);

      await user.click(within(row).getByRole('button', { name: 'Revoke Tokyo reception' }));
      await user.click(await screen.findByTestId('hq-revoke-confirm'));
      await waitFor(async () => {
        const res = await server.post('/v1/pull', tokyo.auth, { clientId: 'tokyo-client-1' });
        expect(res.json.error.code).toBe('device_revoked');
      });
      const refreshed = await screen.findByTestId('hq-devices-table');
      await within(refreshed).findByText('Revoked');
    });

    it('creates a code for an office: shown once, large, with its expiry; it enrolls a laptop', async () => {
      await hqLaptop('/hq-codes');
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByTestId('hq-code-create'));
      expect(await screen.findByText('Choose an office or HQ.')).toBeTruthy();
      expect(await env.hq.db.selectFrom('enrollment_codes').selectAll().execute()).toHaveLength(1); // the HQ laptop's own

      // Nobody named: refused too.
      expect(
        await screen.findByText("Enter the person's name (at most 120 characters)."),
      ).toBeTruthy();
      await user.click(screen.getByRole('combobox', { name: 'For' }));
      await user.click(await screen.findByTitle('Chengdu Office'));
      await user.type(screen.getByTestId('hq-code-person-name'), 'Wang Fang');
      await user.click(screen.getByTestId('hq-code-create'));
      const value = await screen.findByTestId('hq-code-value');
      const code = value.textContent!.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const card = screen.getByTestId('hq-code-created');
      expect(card.textContent).toContain('For: Chengdu Office');
      expect(card.textContent).toContain('Linked for: Wang Fang');
      expect(card.textContent).toMatch(/Expires .*\(in 2[34] hours\)/);
      const enrolled = await server.post('/v1/enroll', null, { code, deviceName: 'Chengdu 1' });
      expect(enrolled.json.officeId).toBe('chengdu');
      expect(enrolled.json.staff).toMatchObject({ name: 'Wang Fang' });
      const issued = await screen.findByTestId('hq-codes-table');
      await waitFor(() =>
        expect(within(issued).getAllByText('Used').length).toBeGreaterThanOrEqual(1),
      );
      expect(within(issued).getByRole('row', { name: /Wang Fang/ })).toBeTruthy();

      // Her next laptop: she is offered by name, and the code keeps her staff id.
      await user.click(screen.getByRole('combobox', { name: 'Staff member' }));
      await user.click(await screen.findByTitle('Wang Fang'));
      expect(screen.queryByTestId('hq-code-person-name')).toBeNull();
      await user.click(screen.getByTestId('hq-code-create'));
      await waitFor(() =>
        expect(screen.getByTestId('hq-code-value').textContent!.trim()).not.toBe(code),
      );
      const second = await server.post('/v1/enroll', null, {
        code: screen.getByTestId('hq-code-value').textContent!.trim(),
        deviceName: 'Chengdu 2',
      });
      expect(second.json.staff).toEqual(enrolled.json.staff);
    });

    it('edits a month of exchange rates: bad input is refused and writes nothing, a good one is recorded for sync', async () => {
      const { app } = await hqLaptop('/hq-rates');
      const user = userEvent.setup({ delay: null });
      const year = new Date().getFullYear();
      const month = `${year}-03`;
      // Months read as words, in the grid and the editor's title, never as "2026-03".
      expect((await screen.findAllByText(`March ${year}`)).length).toBeGreaterThan(0);
      expect(screen.queryByText(month)).toBeNull();
      await user.click(await screen.findByTestId(`hq-rate-edit-${month}`));
      expect(
        await screen.findByText(new RegExp(`March ${year}`, 'u'), { selector: '.ant-modal-title' }),
      ).toBeTruthy();
      const krw = await screen.findByTestId<HTMLInputElement>('hq-rate-input-KRW');
      // Grouped as every other amount field (issue 16: "1450" before).
      expect(krw.value).toMatch(/^\d{1,3},\d{3}(\.\d+)?$/);
      await user.clear(krw);
      await user.type(krw, '1385,5');
      await user.clear(screen.getByTestId('hq-rate-input-JPY'));
      await user.click(screen.getByTestId('hq-rate-save'));
      // "1385,5" is grouping, i.e. 13855: accepted; the empty JPY is the error.
      expect(await screen.findByText('Enter a rate.')).toBeTruthy();
      await user.clear(krw);
      await user.type(krw, '1385.123456789');
      await user.type(screen.getByTestId('hq-rate-input-JPY'), '149.5');
      await user.click(screen.getByTestId('hq-rate-save'));
      expect(await screen.findByText('At most 9 digits before and 8 after the dot.')).toBeTruthy();
      expect(await app.db.table('fxRates').count()).toBe(0);

      await user.clear(krw);
      await user.type(krw, '1,385.50');
      await user.click(screen.getByTestId('hq-rate-save'));
      await waitFor(async () => expect(await app.db.table('fxRates').get(month)).toBeTruthy());
      const row = await app.db.table('fxRates').get(month);
      expect(row).toMatchObject({ id: month, month, perUsd: { KRW: '1385.5', JPY: '149.5' } });
      const outbox = await app.db.table(OUTBOX).toArray();
      expect(JSON.stringify(outbox)).toContain('fxRates');
      expect((await screen.findByTestId(`hq-rate-${month}-KRW`)).textContent).toBe('1,385.5');
    });
  },
);
