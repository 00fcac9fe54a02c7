// Issue 16 (item 1 follow-up): what a new laptop writes before its office is chosen is stored
// under the placeholder 'hq'; the first office stored takes it (same transaction), so HQ
// accepts it later. Settings are written before the screen shows them (item 2).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  SettingsRepository,
  type SettingsError,
} from '../../../src-renderer/src/data/settings-repository';
import {
  createBuyer,
  deleteBuyer,
  type BuyerDraft,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { createSettingsStore } from '../../../src-renderer/src/state/settings-store';
import {
  OUTBOX,
  TOMBSTONES,
  type OutboxRow,
  type TombstoneRow,
} from '../../../src-renderer/src/sync/schema';
import { uniqueDbName } from './migration-harness';

const draft = (n: number): BuyerDraft => ({
  buyer: {
    nameNative: `株式会社山田商事${n}`,
    nameLatin: `Yamada Shoji ${n} Co., Ltd.`,
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
});

describe('records written before the office is chosen', () => {
  let db: BridgeheadDatabase;
  beforeEach(() => {
    db = new BridgeheadDatabase(uniqueDbName('first-office'));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    db.close();
    await db.delete();
  });

  /** As bootstrap makes it on a laptop with nothing stored. */
  const newLaptopStore = () =>
    createSettingsStore(new SettingsRepository(db), {
      language: 'en',
      officeId: 'hq',
      timeZoneOverride: null,
      officeChosen: false,
    });

  /** "entry office/value office" of every unsent change. */
  async function outboxOffices(): Promise<string[]> {
    const rows = await db.table<OutboxRow, number>(OUTBOX).toArray();
    return rows.flatMap((r) =>
      r.entries.map(
        (e) => `${e.officeId}/${String(e.values?.officeId ?? e.fields?.officeId?.[0])}`,
      ),
    );
  }

  it('move to the office chosen first: records, unsent changes and tombstones', async () => {
    const store = newLaptopStore();
    const kept = await createBuyer(db, store.getState().officeId, draft(1));
    const gone = await createBuyer(db, store.getState().officeId, draft(2));
    await deleteBuyer(db, gone.buyer.id);
    expect(kept.buyer.officeId).toBe('hq');
    const changesBefore = (await outboxOffices()).length;

    await store.getState().setOfficeId('tokyo');

    expect(store.getState()).toMatchObject({ officeId: 'tokyo', officeChosen: true });
    expect(await new SettingsRepository(db).get('officeId')).toBe('tokyo');
    expect((await db.table('buyers').get(kept.buyer.id))?.officeId).toBe('tokyo');
    expect((await db.table('contacts').get(kept.contacts[0]!.id))?.officeId).toBe('tokyo');
    const offices = await outboxOffices();
    expect(offices.length).toBeGreaterThanOrEqual(4);
    expect(new Set(offices)).toEqual(new Set(['tokyo/tokyo', 'tokyo/undefined']));
    const tombs = await db.table<TombstoneRow>(TOMBSTONES).toArray();
    expect(tombs.map((t) => [t.officeId, t.state.data.officeId])).toEqual([
      ['tokyo', 'tokyo'],
      ['tokyo', 'tokyo'],
    ]);
    // The move itself is not a change for HQ: no outbox entry more than the writes made.
    expect(offices).toHaveLength(changesBefore);
    expect(await db.table('buyers').count()).toBe(1);
  });

  it('a later change of office moves nothing', async () => {
    const store = newLaptopStore();
    await store.getState().setOfficeId('tokyo');
    const { buyer } = await createBuyer(db, store.getState().officeId, draft(1));
    await store.getState().setOfficeId('hanoi');
    expect((await db.table('buyers').get(buyer.id))?.officeId).toBe('tokyo');
  });

  it('nothing moves when an office was stored before (the store is not the judge)', async () => {
    await new SettingsRepository(db).set('officeId', 'shanghai');
    const { buyer } = await createBuyer(db, 'hq', draft(1));
    // A store that (wrongly) believes no office was chosen yet.
    await newLaptopStore().getState().setOfficeId('tokyo');
    expect((await db.table('buyers').get(buyer.id))?.officeId).toBe('hq');
  });

  it('a laptop that chose HQ keeps its records as they are', async () => {
    const store = newLaptopStore();
    const { buyer } = await createBuyer(db, 'hq', draft(1));
    await store.getState().setOfficeId('hq');
    expect((await db.table('buyers').get(buyer.id))?.officeId).toBe('hq');
    expect(store.getState().officeChosen).toBe(true);
  });

  it('a failed move stores no office and moves nothing (one transaction)', async () => {
    const store = newLaptopStore();
    const { buyer, contacts } = await createBuyer(db, 'hq', draft(1));
    vi.spyOn(db.table('contacts'), 'bulkPut').mockRejectedValue(new Error('disk full'));

    await expect(store.getState().setOfficeId('tokyo')).rejects.toMatchObject({
      code: 'storage.save_failed',
    } satisfies Partial<SettingsError>);

    expect(store.getState()).toMatchObject({ officeId: 'hq', officeChosen: false });
    expect(await new SettingsRepository(db).get('officeId')).toBeUndefined();
    expect((await db.table('buyers').get(buyer.id))?.officeId).toBe('hq');
    expect((await db.table('contacts').get(contacts[0]!.id))?.officeId).toBe('hq');
  });
});

describe('settings store writes before it shows', () => {
  it('keeps the old value while the write is under way and after it failed', async () => {
    let finish!: (ok: boolean) => void;
    const repository = {
      set: vi.fn(
        () =>
          new Promise<void>((resolve, reject) => {
            finish = (ok) => (ok ? resolve() : reject(new Error('quota')));
          }),
      ),
      setOffice: vi.fn(() => Promise.resolve()),
    } as unknown as SettingsRepository;
    const store = createSettingsStore(repository, {
      language: 'en',
      officeId: 'tokyo',
      timeZoneOverride: null,
    });

    const failing = store.getState().setLanguage('ja');
    await Promise.resolve();
    expect(store.getState().language).toBe('en');
    finish(false);
    await expect(failing).rejects.toThrow('quota');
    expect(store.getState().language).toBe('en');

    const saving = store.getState().setTimeZoneOverride('Asia/Seoul');
    expect(store.getState().timeZoneOverride).toBeNull();
    finish(true);
    await saving;
    expect(store.getState().timeZoneOverride).toBe('Asia/Seoul');
  });
});
