// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Interpreter, InterpreterBooking } from '@shared/bookings';
import { renderApp } from '../renderer/render-app';

vi.setConfig({ testTimeout: 30_000 });
afterEach(cleanup);

const interpreter: Interpreter = {
  id: 'la-int-1',
  officeId: 'losangeles',
  name: { native: 'Emily Garcia', latin: 'Emily Garcia', script: 'latin' },
  languagePairs: ['ko-en'],
  messengers: [],
  active: true,
};
// 01:30 on the fall-back night, the second one (PST, UTC-8), for an SME the CRM of
// this laptop does not hold: stored with its Korean and Latin names.
const booking: InterpreterBooking = {
  id: 'la-bk-1',
  kind: 'interpreter',
  officeId: 'losangeles',
  timeZone: 'America/Los_Angeles',
  start: '2025-11-02T09:30:00.000Z',
  end: '2025-11-02T10:30:00.000Z',
  purpose: 'trade-talk',
  status: 'confirmed',
  interpreterId: interpreter.id,
  requester: {
    kind: 'sme',
    smeId: 'sme-005',
    label: '진주바이오식품',
    labelLatin: 'Jinju Bio Food Co., Ltd.',
  },
};

describe('a saved booking in the drawer', () => {
  it('shows the DST choice it was saved with, asks nothing new, and names the SME', async () => {
    const user = userEvent.setup();
    const app = await renderApp({
      path: `/interpreters?date=2025-11-02&open=${booking.id}`,
      language: 'ja',
      officeId: 'losangeles',
    });
    await app.db.table('interpreters').put(interpreter);
    await app.db.table('interpreterBookings').put(booking);
    const drawer = await screen.findByTestId('booking-drawer');
    const choice = await within(drawer).findByTestId('booking-ambiguity');
    const checked = choice.querySelector<HTMLInputElement>('input:checked');
    expect(checked?.value).toBe('later');
    expect(drawer.textContent).toContain(app.i18n.t('bookings:form.ambiguitySaved'));
    // The SME by its name in a script a Japanese reader reads, never its id.
    await waitFor(() => expect(drawer.textContent).toContain('Jinju Bio Food Co., Ltd.'));
    expect(drawer.textContent).not.toContain('sme-005');
    expect(drawer.textContent).not.toContain('진주바이오식품');
    // Free at this time (no "which 01:30?" refusal), and saving keeps the instant.
    await waitFor(() =>
      expect(screen.getByTestId('booking-availability').textContent).toContain(
        app.i18n.t('bookings:form.available'),
      ),
    );
    await user.click(screen.getByTestId('booking-save'));
    await waitFor(() => expect(screen.queryByTestId('save-refusal')).toBeNull());
    const stored = (await app.db
      .table('interpreterBookings')
      .get(booking.id)) as InterpreterBooking;
    expect(stored.start).toBe(booking.start);
    // The timeline says which 01:30 it is.
    const block = await screen.findByTestId(`block-${booking.id}`);
    expect(block.getAttribute('aria-label')).toContain('01:30 (UTC-08:00)');
  });
});
