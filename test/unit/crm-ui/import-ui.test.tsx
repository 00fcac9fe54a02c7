// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { crmIndexFor } from '../../../src-renderer/src/features/crm/data/crm-index';
import { renderApp } from '../renderer/render-app';

afterEach(() => cleanup());

const fixture = (name: string) => readFileSync(resolve(__dirname, '../../fixtures/crm', name));

describe('buyer import', () => {
  it('reads a Shift_JIS CSV, maps its Japanese headers, dry-runs, then writes all at once', async () => {
    const app = await renderApp({ path: '/buyers', language: 'en' });
    await app.store.getState().setOfficeId('shimonoseki');
    const index = crmIndexFor(app.db);
    fireEvent.click(await screen.findByTestId('buyer-import', {}, { timeout: 10_000 }));
    // The dialog (and the import libraries) load on first open.
    const dialog = await screen.findByRole('dialog', {}, { timeout: 15_000 });
    const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
    const bytes = fixture('buyers-ja.sjis.csv');
    const file = new File([bytes], 'buyers-ja.sjis.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });

    // Detected encoding shown; nothing written by reading or checking.
    await waitFor(
      () =>
        expect(within(dialog).getByTestId('import-file').textContent).toBe('buyers-ja.sjis.csv'),
      {
        timeout: 10_000,
      },
    );
    expect(dialog.textContent).toContain('shift_jis');
    fireEvent.click(within(dialog).getByTestId('import-next'));
    // The suggested mapping recognised the Japanese headers.
    await waitFor(() => expect(dialog.textContent).toContain('Company · Name in native script'));
    // The preview shows the rows as they will be saved: phones normalized, with their
    // country code, as the buyer's page will show them (not "090-1234-5678" as typed).
    const preview = within(dialog).getByTestId('import-preview');
    await waitFor(() => expect(preview.textContent).toContain('+81 90 1234 5678'));
    expect(preview.textContent).toContain('+81 83 222 1234');
    expect(preview.textContent).not.toContain('090-1234-5678');
    fireEvent.click(within(dialog).getByTestId('import-dry-run'));
    const plan = await within(dialog).findByTestId('import-plan', {}, { timeout: 10_000 });
    expect(plan.textContent).toMatch(/imported as 2 buyers/);
    expect(await app.db.table('buyers').count()).toBe(0);

    fireEvent.click(within(dialog).getByTestId('import-commit'));
    await waitFor(async () => expect(await app.db.table('buyers').count()).toBe(2), {
      timeout: 10_000,
    });
    expect(await app.db.table('contacts').count()).toBeGreaterThanOrEqual(3);
    await index.settled();
    await waitFor(() =>
      expect(
        index.query({ text: 'やまだ', filters: {}, sort: 'name', collation: 'ja' }).ids,
      ).toHaveLength(1),
    );
    const yamada = (await app.db.table('buyers').toArray()).find(
      (b) => b.nameNative === '株式会社山田商事',
    );
    expect(yamada.officeId).toBe('shimonoseki');
    app.unmount();
  }, 60_000);

  it('a file that is not what it claims (HTML, binary, empty, truncated, > 25 MB) says why and writes nothing', async () => {
    const app = await renderApp({ path: '/buyers', language: 'en' });
    await app.store.getState().setOfficeId('shimonoseki');
    fireEvent.click(await screen.findByTestId('buyer-import', {}, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 15_000 });
    const utf8 = new TextEncoder().encode('会社名,担当者\n株式会社山田商事,山田');
    const big = new Uint8Array(26 * 1024 * 1024).fill(0x41);
    const cases: [string, Uint8Array<ArrayBuffer>, RegExp][] = [
      [
        'buyers.csv',
        new TextEncoder().encode('<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table>'),
        /web page/,
      ],
      [
        'buyers.csv',
        Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0),
        /not a table/,
      ],
      ['buyers.csv', new Uint8Array(0), /empty/],
      ['buyers.csv', utf8.slice(0, utf8.length - 1), /ends in the middle/],
      ['buyers.csv', big, /larger than 25 MB/],
    ];
    for (const [name, bytes, message] of cases) {
      // The upload control replaces its input after each file: find it again.
      const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
      fireEvent.change(input, {
        target: { files: [new File([bytes], name, { type: 'text/csv' })] },
      });
      await waitFor(
        () => expect(within(dialog).getByTestId('import-file-error').textContent).toMatch(message),
        { timeout: 10_000 },
      );
      expect(within(dialog).getByTestId('import-next')).toHaveProperty('disabled', true);
    }
    for (const table of ['buyers', 'contacts', '_outbox'])
      expect(await app.db.table(table).count()).toBe(0);
    app.unmount();
  }, 60_000);
});
