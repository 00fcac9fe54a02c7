// @vitest-environment happy-dom
// Issue 16, item 3: an HQ laptop sees every office's buyers but edits only HQ's own. Buyers
// shows whose each one is; an office's buyer has no Edit / Merge / Log a talk and says
// why; its edit address leads back to the read-only page.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createBuyer,
  type BuyerDraft,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import {
  createTalk,
  saveSmeFirm,
} from '../../../src-renderer/src/features/crm/data/talk-repository';
import { canEditOfficeRecord } from '../../../src-renderer/src/features/crm/common/office-access';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { renderEnrolled } from '../hq-ui/render-hq';

const hqDown: FetchLike = async () => {
  throw new TypeError('fetch failed');
};

const draft = (nameNative: string, nameLatin: string, country: string): BuyerDraft => ({
  buyer: {
    nameNative,
    nameLatin,
    reading: '',
    nameScript: 'latin',
    country,
    status: 'active',
    tags: [],
  },
  contacts: [],
});

afterEach(cleanup);

describe('office records on an HQ laptop', () => {
  it('the rule: HQ edits its own records only; office laptops edit theirs', () => {
    expect(canEditOfficeRecord(true, 'tokyo')).toBe(false);
    expect(canEditOfficeRecord(true, 'hq')).toBe(true);
    expect(canEditOfficeRecord(false, 'tokyo')).toBe(true);
  });

  it('Buyers has an Office column; an office buyer is read-only, HQ’s own is editable', async () => {
    const app = await renderEnrolled({
      path: '/buyers',
      fetch: hqDown,
      enrollment: { deviceId: 'hq-1', credential: 'secret', officeId: null },
    });
    try {
      const tokyo = await createBuyer(app.db, 'tokyo', draft('Yamada Shoji', 'Yamada Shoji', 'JP'));
      const own = await createBuyer(app.db, 'hq', draft('Hanbit Trading', 'Hanbit Trading', 'KR'));
      await waitFor(() => expect(screen.getAllByTestId('buyer-office')).toHaveLength(2));
      const offices = screen.getAllByTestId('buyer-office').map((e) => e.textContent);
      expect(offices).toContain('Tokyo Office');

      await app.router.navigate(`/buyers/${tokyo.buyer.id}`);
      await screen.findByTestId('buyer-readonly');
      expect(screen.getByTestId('buyer-readonly').textContent).toContain('belongs to Tokyo Office');
      for (const id of ['buyer-edit', 'buyer-merge', 'buyer-log-talk']) {
        expect(screen.queryByTestId(id)).toBeNull();
      }

      // The edit form's address is no way round it.
      await app.router.navigate(`/buyers/${tokyo.buyer.id}/edit`);
      await waitFor(() =>
        expect(app.router.state.location.pathname).toBe(`/buyers/${tokyo.buyer.id}`),
      );
      await screen.findByTestId('buyer-readonly');

      await app.router.navigate(`/buyers/${own.buyer.id}`);
      await screen.findByTestId('buyer-edit');
      expect(screen.queryByTestId('buyer-readonly')).toBeNull();

      // The talks board: an office's talk cannot be moved to another stage from HQ.
      const firm = await saveSmeFirm(app.db, {
        nameKo: '(주)경남정밀',
        nameEn: 'Gyeongnam Precision',
        businessRegistrationNumber: '1248100998',
        industry: 'machinery',
        products: [],
        contactPerson: '',
        phone: '',
        email: '',
      });
      const talk = await createTalk(app.db, 'tokyo', {
        startsAt: '2026-03-10T01:00:00Z',
        timeZone: 'Asia/Tokyo',
        buyerId: tokyo.buyer.id,
        smeFirmId: firm.id,
        stage: 'inquiry',
      });
      await app.router.navigate('/talks');
      const card = await screen.findByTestId('talk-card');
      expect(card.getAttribute('data-talk-id')).toBe(talk.id);
      expect(card.getAttribute('draggable')).toBe('false');
      expect(within(card).getByRole('combobox').hasAttribute('disabled')).toBe(true);
    } finally {
      await app.dispose();
    }
  });
});
