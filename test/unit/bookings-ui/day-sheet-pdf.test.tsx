// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../renderer/render-app';
import { DAY, seed, van } from './fixtures';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  cleanup();
  delete (window as { bridgehead?: unknown }).bridgehead;
  localStorage.clear();
});

describe('day sheet in Electron', () => {
  it('saves a PDF through the preload on the chosen paper', async () => {
    const printToPdf = vi.fn(async (_options: object) => true);
    (window as { bridgehead?: unknown }).bridgehead = {
      getOsLocale: async () => ({ languages: ['en-US'] }),
      getVersion: async () => ({ version: 'test' }),
      setLanguage: async () => ({ language: 'en' }),
      openExternal: async () => ({ opened: false }),
      notify: async () => true,
      printToPdf,
      credentials: { get: async () => null, set: async () => {}, clear: async () => {} },
    };
    const app = await renderApp({ path: `/vehicles/day-sheet/vehicle/${van.id}/${DAY}` });
    await seed(app.db);
    await screen.findByTestId('day-sheet-table');
    // HQ (Korea) prints on A4 by default.
    expect(screen.getByTestId('page-rule').textContent).toContain('size: A4');
    fireEvent.click(screen.getByText('Letter'));
    expect(screen.getByTestId('page-rule').textContent).toContain('size: letter');
    fireEvent.click(screen.getByTestId('save-pdf'));
    // The reason first (issue 14), then the PDF, with the print on record.
    fireEvent.click(await screen.findByTestId('reason-event_followup'));
    fireEvent.click(screen.getByTestId('reason-ok'));
    await waitFor(() => expect(printToPdf).toHaveBeenCalledTimes(1));
    const [entry] = await app.db.table('_accessLog').toArray();
    expect(entry).toMatchObject({
      action: 'print',
      object: 'day_sheet',
      format: 'pdf',
      reason: { code: 'event_followup', note: '' },
    });
    expect(printToPdf.mock.calls[0]?.[0]).toMatchObject({
      pageSize: 'Letter',
      dialogTitle: expect.any(String),
      fileName: expect.stringContaining(DAY),
    });
    expect(JSON.stringify(printToPdf.mock.calls[0]?.[0])).toContain('GN-VAN-1');
  });
});
