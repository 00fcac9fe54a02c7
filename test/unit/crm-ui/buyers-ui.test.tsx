// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBuyer } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { crmIndexFor } from '../../../src-renderer/src/features/crm/data/crm-index';
import { renderApp } from '../renderer/render-app';

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

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

/** Fills the create form: company, one contact with email and a national phone number. */
async function fillBuyer(b: {
  native: string;
  latin: string;
  family: string;
  given: string;
  latinFamily: string;
  latinGiven: string;
  email: string;
  phone?: string;
}) {
  await screen.findByTestId('screen-buyer-form', {}, { timeout: 10_000 });
  type('buyer-name-native', b.native);
  fireEvent.blur(screen.getByTestId('buyer-name-native'));
  type('buyer-name-latin', b.latin);
  type('contact-0-family', b.family);
  type('contact-0-given', b.given);
  fireEvent.blur(screen.getByTestId('contact-0-given'));
  type('contact-0-latin-family', b.latinFamily);
  type('contact-0-latin-given', b.latinGiven);
  type('contact-0-emails', b.email);
  if (b.phone) {
    fireEvent.click(screen.getByTestId('contact-0-add-phone'));
    type('contact-0-phone-0', b.phone);
  }
}

async function save(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByTestId('buyer-save'));
}

describe('buyer screens', () => {
  it('creates, lists, searches in two scripts, edits, and warns about a duplicate', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: '/buyers', language: 'en' });
    const index = crmIndexFor(app.db);
    await app.store.getState().setOfficeId('tokyo');

    // Empty state offers both ways in.
    const empty = await screen.findByTestId('buyers-empty');
    expect(within(empty).getByTestId('demo-load-empty')).toBeTruthy();
    await user.click(screen.getByTestId('buyer-create'));

    await fillBuyer({
      native: '株式会社山田商事',
      latin: 'Yamada Shoji Co., Ltd.',
      family: '山田',
      given: '太郎',
      latinFamily: 'Yamada',
      latinGiven: 'Taro',
      email: 'taro.yamada@yamada-shoji.example',
      phone: '090-1234-5678',
    });
    // In the Tokyo office, Han names default to Japanese; the kanji reading is typed.
    type('buyer-reading', 'ヤマダショウジ');
    await save(user);

    const detail = await screen.findByTestId('screen-buyer', {}, { timeout: 10_000 });
    expect(within(detail).getByRole('heading', { level: 1 }).textContent).toBe('株式会社山田商事');
    expect(within(detail).getByRole('heading', { level: 1 }).getAttribute('lang')).toBeNull();
    // The contact shows family-first for Japanese, with the Latin form upper-cased family.
    const contact = within(detail).getByTestId('contact-card');
    expect(contact.textContent).toContain('山田 太郎');
    expect(contact.textContent).toContain('YAMADA Taro');
    expect(contact.querySelector('[lang="ja"]')?.textContent).toBe('山田 太郎');
    const stored = await app.db.table('contacts').toArray();
    expect(stored[0].phones[0].e164).toBe('+819012345678');

    // A Vietnamese buyer, through the same form.
    await app.router.navigate('/buyers/new');
    await fillBuyer({
      native: 'Công ty TNHH Thành Đạt',
      latin: 'Thanh Dat Co., Ltd.',
      family: 'Nguyễn',
      given: 'Văn Dũng',
      latinFamily: 'Nguyen',
      latinGiven: 'Van Dung',
      email: 'dung.nguyen@thanhdat.example',
    });
    await save(user);
    await screen.findByTestId('screen-buyer', {}, { timeout: 10_000 });

    // The list shows both, with each name tagged with its script.
    await app.router.navigate('/buyers');
    await index.settled();
    await waitFor(() => expect(screen.getAllByTestId('buyer-row')).toHaveLength(2), {
      timeout: 10_000,
    });
    const rows = screen.getAllByTestId('buyer-row');
    const yamadaRow = rows.find((r) => r.textContent?.includes('山田'))!;
    expect(yamadaRow.querySelector('[lang="ja"]')?.textContent).toBe('株式会社山田商事');

    // While an IME composes, nothing is searched; the composed text is searched at compositionend.
    const search = screen.getByTestId('buyer-search') as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(search, 'やまだ');
    search.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.getAllByTestId('buyer-row')).toHaveLength(2);
    fireEvent.compositionEnd(search);
    await waitFor(() => expect(screen.getAllByTestId('buyer-row')).toHaveLength(1), {
      timeout: 5000,
    });
    await user.clear(search);
    await waitFor(() => expect(screen.getAllByTestId('buyer-row')).toHaveLength(2), {
      timeout: 5000,
    });

    // Kana query (hiragana for a katakana reading) and a Vietnamese query without diacritics.
    await user.type(search, 'やまだ');
    await waitFor(() => {
      const found = screen.getAllByTestId('buyer-row');
      expect(found).toHaveLength(1);
      expect(found[0]!.textContent).toContain('山田商事');
    });
    await user.clear(search);
    await user.type(search, 'nguyen van');
    await waitFor(() => {
      const found = screen.getAllByTestId('buyer-row');
      expect(found).toHaveLength(1);
      expect(found[0]!.textContent).toContain('Thành Đạt');
    });

    // Edit: the Latin name changes and the search follows.
    await app.router.navigate(`/buyers/${yamadaRow.getAttribute('data-buyer-id')}/edit`);
    await screen.findByTestId('screen-buyer-form', {}, { timeout: 10_000 });
    await waitFor(() =>
      expect((screen.getByTestId('buyer-name-latin') as HTMLInputElement).value).toBe(
        'Yamada Shoji Co., Ltd.',
      ),
    );
    type('buyer-name-latin', 'Yamada Trading K.K.');
    await save(user);
    await screen.findByTestId('screen-buyer', {}, { timeout: 10_000 });
    await waitFor(() =>
      expect(
        index.query({ text: 'yamada trading', filters: {}, sort: 'name', collation: 'en' }).ids,
      ).toHaveLength(1),
    );

    // Creating the same company again (same person's email) warns before writing.
    await app.router.navigate('/buyers/new');
    await fillBuyer({
      native: '山田商事',
      latin: '',
      family: '山田',
      given: '太郎',
      latinFamily: '',
      latinGiven: '',
      email: 'TARO.YAMADA@yamada-shoji.example',
    });
    await save(user);
    const warning = await screen.findByTestId('duplicate-warning', {}, { timeout: 10_000 });
    expect(warning.textContent).toContain('株式会社山田商事');
    expect(await app.db.table('buyers').count()).toBe(2);
    await user.click(within(warning).getByTestId('duplicate-create-anyway'));
    await screen.findByTestId('screen-buyer', {}, { timeout: 10_000 });
    expect(await app.db.table('buyers').count()).toBe(3);

    expect(consoleErrors.filter((e) => String(e[0]).includes('[i18n]'))).toEqual([]);
    app.unmount();
  }, 120_000);

  it('shows translated validation messages and writes nothing', async () => {
    const user = userEvent.setup();
    const app = await renderApp({ path: '/buyers/new', language: 'ja' });
    await screen.findByTestId('screen-buyer-form');
    type('contact-0-family', '田中');
    type('contact-0-emails', 'not-an-email');
    await save(user);
    // The required company name, in Japanese, from errors.json.
    expect(app.i18n.t('errors:crm.required')).not.toBe('crm.required');
    await screen.findByText(app.i18n.t('errors:crm.required'), {}, { timeout: 10_000 });
    type('buyer-name-native', '田中物産');
    await save(user);
    const emailError = app.i18n.t('errors:crm.invalid_email');
    await screen.findByText(emailError, {}, { timeout: 10_000 });
    expect(await app.db.table('buyers').count()).toBe(0);
    app.unmount();
  }, 30_000);

  it('names products of interest in the reader language (ja detail read "Instant noodles")', async () => {
    const app = await renderApp({ path: '/buyers', language: 'ja', officeId: 'tokyo' });
    const { buyer } = await createBuyer(app.db, 'tokyo', {
      buyer: {
        nameNative: '株式会社川崎食品',
        nameLatin: 'Kawasaki Foods',
        reading: '',
        nameScript: 'ja',
        country: 'JP',
        status: 'active',
        tags: [],
        products: [{ name: 'Instant noodles', hsCode: '190230' }, { name: '業務用ゆず果汁' }],
      },
      contacts: [],
    });
    await app.router.navigate(`/buyers/${buyer.id}`);
    const detail = await screen.findByTestId('screen-buyer', {}, { timeout: 10_000 });
    await waitFor(() => expect(detail.textContent).toContain('インスタントラーメン (HS 1902.30)'));
    expect(detail.textContent).toContain('業務用ゆず果汁');
    expect(detail.textContent).not.toContain('Instant noodles');
    app.unmount();
  }, 30_000);
});
