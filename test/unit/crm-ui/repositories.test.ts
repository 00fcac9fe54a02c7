import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { OUTBOX, type OutboxRow } from '../../../src-renderer/src/sync/schema';
import {
  commitMerge,
  createBuyer,
  deleteBuyer,
  getBuyer,
  updateBuyer,
  type BuyerDraft,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { CrmError } from '../../../src-renderer/src/features/crm/data/records';
import {
  createTalk,
  saveSmeFirm,
  setTalkStage,
} from '../../../src-renderer/src/features/crm/data/talk-repository';
import { CrmIndex } from '../../../src-renderer/src/features/crm/data/crm-index';

const yamada: BuyerDraft = {
  buyer: {
    nameNative: '株式会社山田商事',
    nameLatin: 'Yamada Shoji Co., Ltd.',
    reading: 'ヤマダショウジ',
    nameScript: 'ja',
    country: 'JP',
    status: 'active',
    tags: ['exhibition'],
  },
  contacts: [
    {
      familyName: '山田',
      givenName: '太郎',
      latinFamily: 'Yamada',
      latinGiven: 'Taro',
      reading: 'ヤマダ タロウ',
      nameScript: 'ja',
      emails: ['taro.yamada@yamada-shoji.example'],
      phones: [{ e164: '+819012345678', kind: 'mobile' }],
    },
  ],
};

describe('CRM repositories', () => {
  let db: BridgeheadDatabase;
  beforeEach(() => {
    db = createDatabase(`crm-repo-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('writes a buyer and its contacts atomically, each recorded in the outbox', async () => {
    const { buyer, contacts } = await createBuyer(db, 'tokyo', yamada);
    expect(buyer.officeId).toBe('tokyo');
    expect(contacts[0]!.buyerId).toBe(buyer.id);
    const outbox = (await db.table(OUTBOX).toArray()) as OutboxRow[];
    expect(outbox.flatMap((r) => r.entries.map((e) => e.tbl)).sort()).toEqual([
      'buyers',
      'contacts',
    ]);
    const loaded = await getBuyer(db, buyer.id);
    expect(loaded?.contacts).toHaveLength(1);
    expect(Object.keys(loaded!.buyer).some((k) => k.startsWith('_'))).toBe(false);
  });

  it('writes nothing when one contact is invalid, and reports the field with a code', async () => {
    const bad: BuyerDraft = {
      ...yamada,
      contacts: [
        ...yamada.contacts,
        { nameScript: 'ja', familyName: '田中', emails: ['not-an-email'] },
      ],
    };
    const error = await createBuyer(db, 'tokyo', bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe('crm.invalid_record');
    expect((error as CrmError).fieldErrors).toContainEqual({
      path: 'contacts.1.emails.0',
      code: 'crm.invalid_email',
    });
    expect(await db.table('buyers').count()).toBe(0);
    expect(await db.table('contacts').count()).toBe(0);
    expect(await db.table(OUTBOX).count()).toBe(0);
  });

  it('rolls back the buyer when the contacts write fails inside the transaction', async () => {
    const { buyer, contacts } = await createBuyer(db, 'tokyo', yamada);
    // A contact id that already belongs to another office: the sync layer refuses
    // to change an officeId, so the whole update must abort.
    await db.table('contacts').put({ ...contacts[0]!, id: 'foreign', officeId: 'shanghai' });
    const draft: BuyerDraft = {
      buyer: { ...yamada.buyer, nameLatin: 'Renamed' },
      contacts: [{ ...yamada.contacts[0]!, id: 'foreign' }],
    };
    await expect(updateBuyer(db, buyer.id, draft)).rejects.toBeTruthy();
    expect((await db.table('buyers').get(buyer.id)).nameLatin).toBe('Yamada Shoji Co., Ltd.');
    expect(await db.table('contacts').get(contacts[0]!.id)).toBeTruthy();
  });

  it('updates fields, drops removed contacts, and refuses to delete a buyer with talks', async () => {
    const { buyer } = await createBuyer(db, 'tokyo', yamada);
    await updateBuyer(db, buyer.id, {
      buyer: { ...yamada.buyer, status: 'dormant' },
      contacts: [],
    });
    const after = await getBuyer(db, buyer.id);
    expect(after?.buyer.status).toBe('dormant');
    expect(after?.contacts).toEqual([]);

    const firm = await saveSmeFirm(db, {
      nameKo: '(주)경남정밀',
      nameEn: 'Gyeongnam Precision',
      businessRegistrationNumber: '1248100998',
      industry: 'machinery',
      products: [],
      contactPerson: '',
      phone: '',
      email: '',
    });
    expect(firm.businessRegistrationNumber).toBe('124-81-00998');
    const talk = await createTalk(db, 'tokyo', {
      startsAt: '2026-03-10T01:00:00Z',
      timeZone: 'Asia/Tokyo',
      buyerId: buyer.id,
      smeFirmId: firm.id,
      stage: 'inquiry',
      negotiated: { amountMinor: 15_000_000, currency: 'JPY' },
    });
    expect(talk.negotiated?.usd.currency).toBe('USD');
    expect(talk.negotiated?.fx.month).toBe('2026-03');
    await setTalkStage(db, talk.id, 'contract');
    expect((await db.table('tradeTalks').get(talk.id)).stage).toBe('contract');

    await expect(deleteBuyer(db, buyer.id)).rejects.toMatchObject({ code: 'crm.buyer_has_talks' });
    await expect(
      saveSmeFirm(db, { ...firm, nameKo: '다른 회사', businessRegistrationNumber: '124-81-00998' }),
    ).rejects.toMatchObject({ code: 'crm.duplicate_business_number' });
  });

  it('keeps the search index in step with every committed write', async () => {
    const index = new CrmIndex(db).start();
    await index.settled();
    const { buyer } = await createBuyer(db, 'tokyo', yamada);
    await waitFor(() => index.rows.has(buyer.id));
    await index.settled();
    const find = (text: string) =>
      index.query({ text, filters: {}, sort: 'name', collation: 'ja' }).ids;
    expect(find('やまだ')).toEqual([buyer.id]);
    expect(find('ﾔﾏﾀﾞ')).toEqual([buyer.id]);
    expect(find('090-1234')).toEqual([buyer.id]);
    await updateBuyer(db, buyer.id, {
      buyer: { ...yamada.buyer, nameLatin: 'Suzuki Bussan' },
      contacts: yamada.contacts,
    });
    await waitFor(() => find('suzuki').length === 1);
    await deleteBuyer(db, buyer.id);
    await waitFor(() => !index.rows.has(buyer.id));
    expect(find('yamada')).toEqual([]);
    index.dispose();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('buyer list order', () => {
  it('sorts Japanese names by reading and Chinese names by pinyin', async () => {
    const db = createDatabase(`crm-sort-${crypto.randomUUID()}`);
    const index = new CrmIndex(db).start();
    await index.settled();
    const company = (nameNative: string, nameScript: 'ja' | 'zh', reading = '') =>
      createBuyer(db, 'tokyo', {
        buyer: { nameNative, nameScript, reading, country: nameScript === 'ja' ? 'JP' : 'CN' },
        contacts: [],
      });
    // Kanji code points would give 東 < 阿 < 和; readings give あ < と < わ.
    const wa = await company('和田商店', 'ja', 'ワダショウテン');
    const a = await company('阿部物産', 'ja', 'アベブッサン');
    const to = await company('東洋水産', 'ja', 'トウヨウスイサン');
    // Pinyin: an (安) < bei (北) < zhang (张).
    const zhang = await company('张氏贸易', 'zh');
    const an = await company('安达食品', 'zh');
    const bei = await company('北方机械', 'zh');
    await waitFor(() => index.rows.size === 6);
    await index.settled();
    // The first query answers at once in stored order while the sort runs in slices.
    expect(index.query({ text: '', filters: {}, sort: 'name', collation: 'en' }).pending).toBe(
      true,
    );
    const order = await index.whenSorted('name', 'en');
    expect(index.query({ text: '', filters: {}, sort: 'name', collation: 'en' }).ids).toEqual(
      order,
    );
    expect(order).toEqual([a, to, wa, an, bei, zhang].map((r) => r.buyer.id));
    index.dispose();
    db.close();
    await db.delete();
  });
});

describe('merge', () => {
  it('keeps the chosen fields, moves contacts and re-points talks in one transaction', async () => {
    const db = createDatabase(`crm-merge-${crypto.randomUUID()}`);
    const a = await createBuyer(db, 'tokyo', yamada);
    const b = await createBuyer(db, 'tokyo', {
      buyer: {
        nameNative: '山田商事',
        nameLatin: 'Yamada Trading',
        nameScript: 'ja',
        country: 'JP',
        city: '下関市',
        tags: ['seafood'],
      },
      contacts: [{ nameScript: 'ja', familyName: '佐藤', givenName: '花子' }],
    });
    const firm = await saveSmeFirm(db, {
      nameKo: '(주)경남정밀',
      nameEn: '',
      businessRegistrationNumber: '1248100998',
      industry: 'machinery',
      products: [],
      contactPerson: '',
      phone: '',
      email: '',
    });
    const talk = await createTalk(db, 'tokyo', {
      startsAt: '2026-03-10T01:00:00Z',
      timeZone: 'Asia/Tokyo',
      buyerId: b.buyer.id,
      smeFirmId: firm.id,
      stage: 'sample',
    });
    const kept = await commitMerge(db, a.buyer.id, b.buyer.id, {
      survivor: 'a',
      fields: { nameLatin: 'b' },
    });
    expect(kept.id).toBe(a.buyer.id);
    expect(kept.nameLatin).toBe('Yamada Trading');
    expect(kept.city).toBe('下関市'); // empty on the survivor: taken from the other
    expect(kept.tags.sort()).toEqual(['exhibition', 'seafood']);
    expect(await db.table('buyers').get(b.buyer.id)).toBeUndefined();
    expect((await db.table('contacts').where('buyerId').equals(a.buyer.id).toArray()).length).toBe(
      2,
    );
    expect((await db.table('tradeTalks').get(talk.id)).buyerId).toBe(a.buyer.id);
    db.close();
    await db.delete();
  });
});
