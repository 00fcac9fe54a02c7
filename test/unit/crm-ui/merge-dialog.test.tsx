// @vitest-environment happy-dom
/**
 * The merge dialog asks only about what differs (issue 16 item 11): a value both records hold
 * alike is shown once with nothing to choose, a differing field is marked in words and colour,
 * and a field empty in both is left out.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuyerCompany } from '@shared/crm/schemas';
import { createBuyer } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { mergeFieldRows } from '../../../src-renderer/src/features/crm/buyers/merge-rows';
import { renderApp } from '../renderer/render-app';

afterEach(() => cleanup());

describe('merge field rows', () => {
  it('marks differing fields, shows shared ones once, drops fields empty in both', () => {
    const base = {
      nameNative: '株式会社山田商事',
      nameLatin: 'Yamada Shoji',
      reading: '',
      nameScript: 'ja',
      country: 'JP',
      city: 'Osaka',
      addressLocal: '',
      website: '',
      status: 'active',
    } as unknown as BuyerCompany;
    const other = {
      ...base,
      nameNative: '山田商事',
      city: ' Osaka ',
      website: 'https://y.example',
    };
    expect(mergeFieldRows(base, other as BuyerCompany)).toEqual([
      { field: 'nameNative', same: false },
      { field: 'nameLatin', same: true },
      { field: 'nameScript', same: true },
      { field: 'country', same: true },
      { field: 'city', same: true },
      { field: 'website', same: false },
      { field: 'status', same: true },
    ]);
  });
});

describe('merge dialog', () => {
  it('asks to choose only where the two records differ', async () => {
    const app = await renderApp({ path: '/settings', language: 'en', officeId: 'tokyo' });
    const existing = await createBuyer(app.db, 'tokyo', {
      buyer: {
        nameNative: '株式会社山田商事',
        nameLatin: 'Yamada Shoji',
        nameScript: 'ja',
        country: 'JP',
        city: 'Osaka',
        status: 'active',
      },
      contacts: [],
    });
    const fresh = await createBuyer(app.db, 'tokyo', {
      buyer: {
        nameNative: '山田商事',
        nameLatin: 'Yamada Shoji',
        nameScript: 'ja',
        country: 'JP',
        city: 'Osaka',
        status: 'active',
      },
      contacts: [],
    });
    await app.router.navigate(`/buyers/${fresh.buyer.id}?merge=${existing.buyer.id}`);
    await screen.findByRole('dialog', {}, { timeout: 15_000 });
    const table = await screen.findByTestId('merge-fields', {}, { timeout: 10_000 });
    const row = (label: string) =>
      [...table.querySelectorAll('tbody tr')].find((tr) =>
        tr.querySelector('td')?.textContent?.startsWith(label),
      ) as HTMLElement | undefined;

    const name = row('Name in native script');
    expect(name, 'the name row').toBeDefined();
    expect(name!.className).toContain('bh-merge-differs');
    expect(within(name!).getByText('Differs')).toBeTruthy();
    expect(name!.querySelectorAll('input[type="radio"]')).toHaveLength(2);

    const city = row('City')!;
    expect(city.className).not.toContain('bh-merge-differs');
    expect(city.querySelectorAll('input[type="radio"]')).toHaveLength(0);
    expect(city.textContent).toContain('Osaka');
    expect(city.textContent).toContain('Same in both');
    // "Osaka" once, not once per record.
    expect(city.textContent!.match(/Osaka/g)).toHaveLength(1);

    expect(row('Website')).toBeUndefined();

    // The records to keep, named as an English reader reads them (the other buyer was only
    // in kanji): the Latin name first, the native one beside it.
    const survivor = table.querySelector('tbody tr')!;
    const labels = [...survivor.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Yamada Shoji (山田商事)', 'Yamada Shoji (株式会社山田商事)']);
    expect(
      within(survivor as HTMLElement)
        .getAllByText('Yamada Shoji')[0]!
        .getAttribute('lang'),
    ).toBe('en');
    app.unmount();
  }, 60_000);

  it('never puts a record id in the page once the other buyer is picked; cities as read elsewhere', async () => {
    const app = await renderApp({ path: '/settings', language: 'en', officeId: 'tokyo' });
    const make = (nameNative: string, city: string) =>
      createBuyer(app.db, 'tokyo', {
        buyer: { nameNative, nameScript: 'ja', country: 'JP', city, status: 'active' },
        contacts: [],
      });
    const existing = await make('株式会社海風', '大阪市');
    const fresh = await make('海風', '神戸市');
    await app.router.navigate(`/buyers/${fresh.buyer.id}?merge=${existing.buyer.id}`);
    const dialog = await screen.findByRole('dialog', {}, { timeout: 15_000 });
    const table = await within(dialog).findByTestId('merge-fields', {}, { timeout: 10_000 });
    // A focused, closed antd Select announces its choice in a live region: by the label when
    // that is a string, else by the value, the other buyer's record id.
    const picker = within(dialog).getByRole('combobox');
    act(() => picker.focus());
    fireEvent.focus(picker);
    await waitFor(() =>
      expect(dialog.querySelector('[aria-live="polite"]')?.textContent).toBe('株式会社海風'),
    );
    expect(document.body.textContent).not.toContain(existing.buyer.id);
    expect(document.body.textContent).not.toContain(fresh.buyer.id);
    // The chosen name keeps its script's lang for the font.
    expect(picker.closest('.ant-select')!.getAttribute('lang')).toBe('ja');

    // The city as the buyer list shows it to an English reader: the place table's Latin form,
    // the stored form on hover.
    const city = [...table.querySelectorAll('tbody tr')].find((tr) =>
      tr.querySelector('td')?.textContent?.startsWith('City'),
    ) as HTMLElement;
    expect(city.textContent).toContain('Osaka');
    expect(city.textContent).toContain('Kobe');
    expect(city.textContent).not.toContain('大阪市');
    expect(within(city).getByText('Osaka').getAttribute('title')).toBe('大阪市');
    app.unmount();
  }, 60_000);
});
