import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { createBuyer } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import {
  createTalk,
  type TalkDraft,
} from '../../../src-renderer/src/features/crm/data/talk-repository';
import { outcomeLink } from '../../../src-renderer/src/features/missions/data/outcome';

/** A meeting's outcome: the trade talk and the meeting's link to it land together or not at all. */
describe('recording a meeting outcome', () => {
  let db: BridgeheadDatabase;
  let draft: TalkDraft;
  const meeting = {
    id: 'm-1',
    officeId: 'tokyo',
    missionId: 'mission-1',
    requestId: 'r-1',
    status: 'accepted',
    pinned: false,
    start: '2026-03-10T01:00:00.000Z',
    end: '2026-03-10T02:00:00.000Z',
    timeZone: 'Asia/Tokyo',
    placeId: 'p-1',
    legs: [],
  };
  beforeEach(async () => {
    db = createDatabase(`mission-outcome-${crypto.randomUUID()}`);
    const { buyer } = await createBuyer(db, 'tokyo', {
      buyer: { nameNative: '株式会社山田商事', nameScript: 'ja', country: 'JP' },
      contacts: [],
    });
    draft = {
      startsAt: meeting.start,
      timeZone: 'Asia/Tokyo',
      buyerId: buyer.id,
      smeFirmId: 'firm-1',
      stage: 'quotation',
      negotiated: { amountMinor: 15_000_000, currency: 'JPY' },
    };
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('marks the meeting done and links its talk in the talk’s transaction', async () => {
    await db.table('missionMeetings').put(meeting);
    const talk = await createTalk(db, 'tokyo', draft, outcomeLink(db, meeting.id));
    const stored = await db.table('missionMeetings').get(meeting.id);
    expect(stored).toMatchObject({ status: 'done', tradeTalkId: talk.id, start: meeting.start });
    expect(await db.table('tradeTalks').get(talk.id)).toMatchObject({ stage: 'quotation' });
  });

  it('carries the talk to the meeting’s existing bookings in the same transaction', async () => {
    await db.table('missionMeetings').put(meeting);
    const booking = {
      id: 'm-1:interpreter',
      officeId: 'tokyo',
      kind: 'interpreter',
      interpreterId: 'i-1',
      start: meeting.start,
      end: meeting.end,
      timeZone: 'Asia/Tokyo',
      purpose: 'delegation',
      status: 'confirmed',
      requester: { kind: 'delegation', delegationId: 'mission-1', label: 'Mission' },
    };
    const trip = { ...booking, id: 'm-1:in', kind: 'vehicle', vehicleId: 'v-1' };
    const other = { ...booking, id: 'm-2:interpreter' };
    await db.table('interpreterBookings').bulkPut([booking, other]);
    await db.table('vehicleTrips').put(trip);
    const talk = await createTalk(db, 'tokyo', draft, outcomeLink(db, meeting.id));
    expect(await db.table('interpreterBookings').get('m-1:interpreter')).toMatchObject({
      tradeTalkId: talk.id,
      interpreterId: 'i-1',
    });
    expect(await db.table('vehicleTrips').get('m-1:in')).toMatchObject({ tradeTalkId: talk.id });
    expect(await db.table('vehicleTrips').get('m-1:out')).toBeUndefined();
    expect(
      (await db.table('interpreterBookings').get('m-2:interpreter')).tradeTalkId,
    ).toBeUndefined();
    // The change reaches HQ: the outbox carries the booking's new field.
    const entries = (await db.table('_outbox').toArray()).flatMap(
      (r: { entries: Array<{ tbl: string; id: string; values?: Record<string, unknown> }> }) =>
        r.entries,
    );
    expect(
      entries.some(
        (e) =>
          e.tbl === 'interpreterBookings' &&
          e.id === 'm-1:interpreter' &&
          e.values?.tradeTalkId === talk.id,
      ),
    ).toBe(true);
  });

  it('writes no talk when the meeting is gone (deleted on another laptop)', async () => {
    await expect(createTalk(db, 'tokyo', draft, outcomeLink(db, meeting.id))).rejects.toMatchObject(
      { code: 'missions.unknown_record' },
    );
    expect(await db.table('tradeTalks').count()).toBe(0);
  });
});
