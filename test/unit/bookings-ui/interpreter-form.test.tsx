// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Interpreter } from '@shared/bookings';
import { renderApp } from '../renderer/render-app';

// The first test boots the whole app (15 s on a loaded 2-core machine).
vi.setConfig({ testTimeout: 60_000 });
afterEach(cleanup);

describe('adding an interpreter at the Tokyo office', () => {
  it('the empty timeline opens the add form, in Japanese script, and keeps the phone in E.164', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: '/interpreters', language: 'ja', officeId: 'tokyo' });
    // The empty timeline's button opens the form itself, not only the tab.
    await user.click(await screen.findByTestId('timeline-empty-add'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('通訳者')).toBeTruthy();
    // The script defaults to the office's (Japanese in Tokyo), not Latin.
    const scriptShown = [...dialog.querySelectorAll('[title]')].map((el) =>
      el.getAttribute('title'),
    );
    expect(scriptShown).toContain('日本語');
    expect(scriptShown).not.toContain('ローマ字');

    const inputs = dialog.querySelectorAll<HTMLInputElement>('input.ant-input');
    await user.type(inputs[0]!, '佐藤 大輔');
    await user.type(inputs[1]!, 'SATO Daisuke');
    const phone = within(dialog).getByTestId('person-phone');
    await user.type(phone, '090-1234-5678');
    await user.tab();
    // The pair defaults to the office's language with Korean: chosen already, not to click.
    const combos = within(dialog).getAllByRole('combobox');
    await user.click(combos[combos.length - 1]!);
    const pairOption = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].find(
        (el) => el.textContent === '韓国語 ↔ 日本語',
      );
      if (!found) throw new Error('no ko-ja option');
      return found as HTMLElement;
    });
    expect(pairOption.className).toContain('ant-select-item-option-selected');
    expect(
      [...document.querySelectorAll('.ant-select-item-option-selected')].map((e) => e.textContent),
    ).toEqual(['韓国語 ↔ 日本語']);
    // The pair reads as languages, not as "ko-ja"; the hint asks for no code to be typed either.
    expect(dialog.textContent).toContain('韓国語 ↔ 日本語');
    expect(dialog.textContent).not.toMatch(/ko-ja/);
    expect(dialog.textContent).toContain('言語名を入力すると検索できます');
    // Normalized when leaving the field, as buyer phones are.
    await waitFor(() => expect((phone as HTMLInputElement).value).toBe('+819012345678'));
    await user.click(
      within(dialog.closest('.ant-modal')!).getByRole('button', { name: /保\s*存/ }),
    );
    await waitFor(async () => expect(await app.db.table('interpreters').count()).toBe(1));
    const saved = (await app.db.table('interpreters').toArray())[0] as Interpreter;
    expect(saved.phone).toBe('+819012345678');
    expect(saved.name.script).toBe('japanese');
    expect(saved.languagePairs).toEqual(['ko-ja']);
    // Shown formatted, never as typed or as bare digits.
    expect(await screen.findByText('+81 90 1234 5678')).toBeTruthy();
  });

  it('refuses a phone it cannot read, with the buyer form message, and saves nothing', async () => {
    const user = userEvent.setup();
    const app = await renderApp({
      path: '/interpreters?tab=resources&add=interpreter',
      language: 'en',
      officeId: 'tokyo',
    });
    const dialog = await screen.findByRole('dialog');
    const inputs = dialog.querySelectorAll<HTMLInputElement>('input.ant-input');
    await user.type(inputs[0]!, 'Kim Minji');
    await user.type(within(dialog).getByTestId('person-phone'), '12345');
    await user.click(within(dialog.closest('.ant-modal')!).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('This phone number is not valid.')).toBeTruthy();
    expect(await app.db.table('interpreters').count()).toBe(0);
  });

  it('asks for a language pair at the field when none is chosen (the default taken off), and saves nothing', async () => {
    const user = userEvent.setup();
    const app = await renderApp({
      path: '/interpreters?tab=resources&add=interpreter',
      language: 'en',
      officeId: 'tokyo',
    });
    const dialog = await screen.findByRole('dialog');
    const inputs = dialog.querySelectorAll<HTMLInputElement>('input.ant-input');
    await user.type(inputs[0]!, '佐藤 美咲');
    await user.type(inputs[1]!, 'Sato Misaki');
    // Tokyo's default pair (Korean ↔ Japanese) taken off.
    const chosen = dialog.querySelectorAll<HTMLElement>('.ant-tag-close-icon');
    expect(chosen).toHaveLength(1);
    await user.click(chosen[0]!);
    await waitFor(() => expect(dialog.querySelectorAll('.ant-tag-close-icon')).toHaveLength(0));
    await user.click(within(dialog.closest('.ant-modal')!).getByRole('button', { name: 'Save' }));
    const pairs = within(dialog)
      .getByText('Language pairs')
      .closest<HTMLElement>('.ant-form-item')!;
    expect(await within(pairs).findByText('Required')).toBeTruthy();
    // Not the booking form's generic refusal, which named no field (and no booking).
    expect(within(dialog).queryByText('Some booking details are missing or not valid.')).toBeNull();
    expect(await app.db.table('interpreters').count()).toBe(0);
  });
});
