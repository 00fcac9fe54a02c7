import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { OUTBOX, type OutboxRow } from '../../../src-renderer/src/sync/schema';
import { createBuyer } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import {
  createTalk,
  openFollowUps,
  saveSmeFirm,
  setFollowUpDone,
  updateTalk,
  type TalkDraft,
} from '../../../src-renderer/src/features/crm/data/talk-repository';

describe('editing trade talks', () => {
  let db: BridgeheadDatabase;
  let base: TalkDraft;
  beforeEach(async () => {
    db = createDatabase(`crm-talk-${crypto.randomUUID()}`);
    const { buyer } = await createBuyer(db, 'tokyo', {
      buyer: { nameNative: '株式会社山田商事', nameScript: 'ja', country: 'JP' },
      contacts: [],
    });
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
    base = {
      startsAt: '2026-03-10T01:00:00Z',
      timeZone: 'Asia/Tokyo',
      buyerId: buyer.id,
      smeFirmId: firm.id,
      stage: 'inquiry',
      negotiated: { amountMinor: 15_000_000, currency: 'JPY' },
      followUps: [
        { due: '2026-03-20', text: 'Send samples', done: false },
        { due: '2026-04-01', text: 'Quote', done: false },
      ],
    };
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('keeps the USD snapshot when the amount is unchanged and re-stamps it when it changes', async () => {
    const talk = await createTalk(db, 'tokyo', base);
    const same = await updateTalk(db, talk.id, {
      ...base,
      stage: 'sample',
      notes: 'Liked the pads',
      followUps: talk.followUps,
    });
    expect(same.negotiated).toEqual(talk.negotiated);
    expect(same.stage).toBe('sample');
    expect(same.notes).toBe('Liked the pads');
    // Follow-ups keep their ids across an edit.
    expect(same.followUps.map((f) => f.id)).toEqual(talk.followUps.map((f) => f.id));

    const moreMoney = await updateTalk(db, talk.id, {
      ...base,
      negotiated: { amountMinor: 30_000_000, currency: 'JPY' },
      contract: { amountMinor: 12_000_000, currency: 'JPY' },
      followUps: talk.followUps,
    });
    expect(moreMoney.negotiated!.amount.amountMinor).toBe(30_000_000);
    // Same month's rate, twice the amount (± one cent of rounding).
    expect(
      Math.abs(moreMoney.negotiated!.usd.amountMinor - talk.negotiated!.usd.amountMinor * 2),
    ).toBeLessThanOrEqual(1);
    expect(moreMoney.contract!.fx.month).toBe('2026-03');

    // Another month: every amount takes that month's rate.
    const moved = await updateTalk(db, talk.id, {
      ...base,
      startsAt: '2026-07-01T01:00:00Z',
      followUps: talk.followUps,
    });
    expect(moved.negotiated!.fx.month).toBe('2026-07');
    expect(moved.officeId).toBe('tokyo');
  });

  it('refuses a bad edit with field errors and changes nothing', async () => {
    const talk = await createTalk(db, 'tokyo', base);
    await expect(
      updateTalk(db, talk.id, { ...base, stage: 'bogus' as never, followUps: talk.followUps }),
    ).rejects.toMatchObject({ code: 'crm.invalid_record' });
    await expect(
      updateTalk(db, talk.id, { ...base, buyerId: 'nobody', followUps: talk.followUps }),
    ).rejects.toMatchObject({ code: 'crm.buyer_not_found' });
    await expect(updateTalk(db, 'missing', base)).rejects.toMatchObject({
      code: 'crm.talk_not_found',
    });
    expect(await db.table('tradeTalks').get(talk.id)).toMatchObject({
      stage: 'inquiry',
      buyerId: base.buyerId,
    });
  });

  it('marks a follow-up done as one synced change, and lists open and overdue ones', async () => {
    const talk = await createTalk(db, 'tokyo', base);
    const [first, second] = talk.followUps;
    expect(openFollowUps([talk], '2026-03-25').map((o) => [o.followUp.text, o.overdue])).toEqual([
      ['Send samples', true],
      ['Quote', false],
    ]);
    const outboxBefore = await db.table(OUTBOX).count();
    await setFollowUpDone(db, talk.id, first!.id, true);
    const after = await db.table('tradeTalks').get(talk.id);
    expect(after.followUps.map((f: { done: boolean }) => f.done)).toEqual([true, false]);
    expect(after.followUps[1].id).toBe(second!.id);
    const outbox = (await db.table(OUTBOX).toArray()) as OutboxRow[];
    expect(outbox.length).toBe(outboxBefore + 1);
    expect(openFollowUps([after], '2026-03-25').map((o) => o.followUp.text)).toEqual(['Quote']);
    await setFollowUpDone(db, talk.id, first!.id, false);
    expect((await db.table('tradeTalks').get(talk.id)).followUps[0].done).toBe(false);
    await expect(setFollowUpDone(db, talk.id, 'nope', true)).rejects.toMatchObject({
      code: 'crm.talk_not_found',
    });
  });
});
