// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createBuyer } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { renderApp } from '../renderer/render-app';

afterEach(() => cleanup());

describe('merge opened from the duplicate warning', () => {
  it('opens the side-by-side merge with the candidate preselected, the existing record staying', async () => {
    const app = await renderApp({ path: '/settings', language: 'en' });
    const existing = await createBuyer(app.db, 'tokyo', {
      buyer: { nameNative: '株式会社山田商事', nameScript: 'ja', country: 'JP', status: 'active' },
      contacts: [],
    });
    const fresh = await createBuyer(app.db, 'tokyo', {
      buyer: { nameNative: '山田商事', nameScript: 'ja', country: 'JP' },
      contacts: [],
    });
    await app.router.navigate(`/buyers/${fresh.buyer.id}?merge=${existing.buyer.id}`);
    const dialog = await screen.findByRole('dialog', {}, { timeout: 15_000 });
    await screen.findByText('Record that stays', {}, { timeout: 10_000 });
    const radios = dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    // Row "record that stays": this buyer | other record → the other (existing) is checked.
    expect(radios[0]!.checked).toBe(false);
    expect(radios[1]!.checked).toBe(true);
    app.unmount();
  }, 60_000);
});
