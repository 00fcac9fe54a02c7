// Issue 16 (item 1 follow-up): what a new laptop writes before its office is chosen is stored
// under the placeholder 'hq'; choosing the office moves it there, so HQ accepts it later.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SettingsRepository } from '../../../src-renderer/src/data/settings-repository';
import {
  createBuyer,
  type BuyerDraft,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { rehomeUnchosenRecords } from '../../../src-renderer/src/features/first-start/rehome';
import { createSettingsStore } from '../../../src-renderer/src/state/settings-store';
import { OUTBOX, type OutboxRow } from '../../../src-renderer/src/sync/schema';

const draft: BuyerDraft = {
  buyer: {
    nameNative: '株式会社山田商事',
    nameLatin: 'Yamada Shoji Co., Ltd.',
    reading: 'ヤマダショウジ',
    nameScript: 'ja',
    country: 'JP',
    status: 'active',
    tags: [],
  },
  contacts: [
    {
      familyName: '山田',
      givenName: '太郎',
      latinFamily: 'Yamada',
      latinGiven: 'Taro',
      reading: 'ヤマダ タロウ',
      nameScript: 'ja',
      emails: [],
      phones: [],
    },
  ],
};

describe('records written before the office is chosen', () => {
  let db: BridgeheadDatabase;
  beforeEach(() => {
    db = createDatabase(`rehome-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  function newLaptopStore() {
    return createSettingsStore(
      new SettingsRepository(db),
      { language: 'en', officeId: 'hq', timeZoneOverride: null, officeChosen: false },
      { beforeFirstOfficeChoice: (officeId) => rehomeUnchosenRecords(db, officeId) },
    );
  }

  async function outboxOffices(): Promise<string[]> {
    const rows = await db.table<OutboxRow, number>(OUTBOX).toArray();
    return rows.flatMap((r) =>
      r.entries.map(
        (e) => `${e.officeId}/${String(e.values?.officeId ?? e.fields?.officeId?.[0])}`,
      ),
    );
  }

  it('move to the office chosen first, records and their unsent changes alike', async () => {
    const store = newLaptopStore();
    const { buyer, contacts } = await createBuyer(db, store.getState().officeId, draft);
    expect(buyer.officeId).toBe('hq');

    await store.getState().setOfficeId('tokyo');

    expect((await db.table('buyers').get(buyer.id))?.officeId).toBe('tokyo');
    expect((await db.table('contacts').get(contacts[0]!.id))?.officeId).toBe('tokyo');
    const offices = await outboxOffices();
    expect(offices.length).toBeGreaterThanOrEqual(2);
    expect(offices.every((o) => o === 'tokyo/tokyo')).toBe(true);
    // Still editable afterwards: the sync layer sees one office throughout.
    await db.table('buyers').update(buyer.id, { status: 'dormant' });
    expect((await db.table('buyers').get(buyer.id))?.status).toBe('dormant');
  });

  it('a later change of office moves nothing (only the first choice re-homes)', async () => {
    const store = newLaptopStore();
    await store.getState().setOfficeId('tokyo');
    const { buyer } = await createBuyer(db, store.getState().officeId, draft);
    await store.getState().setOfficeId('hanoi');
    expect((await db.table('buyers').get(buyer.id))?.officeId).toBe('tokyo');
  });

  it('an office that chose HQ keeps its records as they are', async () => {
    const store = newLaptopStore();
    const { buyer } = await createBuyer(db, 'hq', draft);
    await store.getState().setOfficeId('hq');
    expect((await db.table('buyers').get(buyer.id))?.officeId).toBe('hq');
    expect(store.getState().officeChosen).toBe(true);
  });
});
