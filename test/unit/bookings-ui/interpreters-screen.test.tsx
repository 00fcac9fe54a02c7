// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../renderer/render-app';
import { DAY, interpreter, seed, talkBooking } from './fixtures';

vi.setConfig({ testTimeout: 30_000 });

let consoleErrors: unknown[][];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('interpreter timeline', () => {
  it('shows the interpreter in the reader script and refuses a double booking of her', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: `/interpreters?date=${DAY}`, language: 'ja' });
    await seed(app.db);
    const block = await screen.findByTestId(`block-${talkBooking.id}`);
    // 14:00-16:00 Seoul, tentative, in Japanese.
    expect(block.textContent).toContain('14:00–16:00');
    expect(block.className).toContain('bk-status-tentative');
    const row = screen.getByTestId(`timeline-row-${interpreter.id}`);
    expect(row.textContent).toContain('山田花子');
    expect(
      within(screen.getByTestId('screen-interpreters')).getByRole('heading', { level: 1 })
        .textContent,
    ).toBe('通訳者');

    await user.click(screen.getByTestId(`timeline-new-${interpreter.id}`));
    await screen.findByTestId('booking-drawer');
    const start = within(screen.getByTestId('booking-start')).getByRole('combobox');
    await user.click(start);
    await user.type(start, '15:00');
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].find(
        (el) => el.textContent === '15:00',
      );
      if (!found) throw new Error('no 15:00 option');
      return found as HTMLElement;
    });
    await user.click(option);
    await user.click(screen.getByTestId('booking-save'));
    const refusal = await screen.findByTestId('save-refusal');
    expect(refusal.textContent).toContain('この通訳者はこの時間すでに予約されています');
    expect(screen.getByTestId('save-refusal-clash').textContent).toContain('山田花子');
    expect(screen.getByTestId('save-refusal-slot').textContent).toContain('16:00–17:00');
    expect(await app.db.table('interpreterBookings').count()).toBe(1);
    expect(consoleErrors.filter((a) => String(a[0]).includes('[i18n]'))).toEqual([]);
  });
});
