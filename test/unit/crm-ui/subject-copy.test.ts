/**
 * A data subject's copy on the laptop (issue 14, item 6): the contact and every record of its
 * office that points at it or names it (talk notes, van passengers), nothing of other offices
 * or people; and the contact form keeps where the data came from and its legal basis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSubjectCopy } from '@shared/privacy/subject';
import { contactSchema } from '@shared/crm/schemas';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { findSubjectData } from '../../../src-renderer/src/features/crm/data/subject-data';
import {
  toDraft,
  toFormValues,
} from '../../../src-renderer/src/features/crm/buyers/buyer-form-model';

describe('a data subject on the laptop', () => {
  let db: BridgeheadDatabase;
  beforeEach(() => {
    db = new BridgeheadDatabase(`subject-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('finds the contact, its talks and the records that name it, in its office only', async () => {
    await db.table('contacts').bulkAdd([
      {
        id: 'c1',
        officeId: 'tokyo',
        buyerId: 'b1',
        familyName: '山田',
        givenName: '花子',
        latinFamily: 'Yamada',
        latinGiven: 'Hanako',
        nameScript: 'ja',
        emails: ['hanako@example.jp'],
        phones: [],
        messengers: [],
        notes: '',
        dataSource: 'business_card',
        legalBasis: 'consent',
      },
    ]);
    await db.table('tradeTalks').bulkAdd([
      { id: 't1', officeId: 'tokyo', buyerId: 'b1', contactId: 'c1', notes: 'Samples' },
      { id: 't2', officeId: 'tokyo', buyerId: 'b1', notes: 'Send to hanako@example.jp' },
      { id: 't3', officeId: 'tokyo', buyerId: 'b1', notes: 'Yamada Shoji only' },
      { id: 't4', officeId: 'shanghai', buyerId: 'b9', notes: 'Hanako Yamada again' },
    ]);
    await db.table('vehicleTrips').add({
      id: 'v1',
      officeId: 'tokyo',
      passengerNames: ['Hanako Yamada', 'Kim'],
    });
    const found = await findSubjectData(db, 'c1');
    expect(found).not.toBeNull();
    const list = found!.records.map((r) => [r.tbl, r.id, r.why, r.fields]);
    expect(list).toEqual(
      expect.arrayContaining([
        ['tradeTalks', 't1', 'linked', ['contactId']],
        ['tradeTalks', 't2', 'mentions', ['notes']],
        ['vehicleTrips', 'v1', 'mentions', ['passengerNames']],
      ]),
    );
    expect(list).toHaveLength(3);

    const copy = buildSubjectCopy(found!.contact, found!.records, new Date('2026-12-07T00:00:00Z'));
    expect(copy).toMatchObject({
      format: 'bridgehead-subject-copy/1',
      subjectId: 'c1',
      officeId: 'tokyo',
      generatedAt: '2026-12-07T00:00:00.000Z',
      contact: { familyName: '山田', dataSource: 'business_card', legalBasis: 'consent' },
    });
    // No sync metadata in the copy.
    expect(JSON.stringify(copy)).not.toMatch(/"_v"|"_dv"/);
    expect(await findSubjectData(db, 'nobody')).toBeNull();
  });

  it('keeps the source and legal basis through the contact form', () => {
    const contact = contactSchema.parse({
      id: 'c1',
      officeId: 'tokyo',
      buyerId: 'b1',
      familyName: 'Smith',
      nameScript: 'latin',
      dataSource: 'event_registration',
      legalBasis: 'contract',
      basisNote: 'FOODEX 2026 list',
    });
    expect(contactSchema.safeParse({ ...contact, legalBasis: 'because' }).success).toBe(false);
    const values = toFormValues({
      buyer: {
        id: 'b1',
        officeId: 'tokyo',
        nameNative: 'Smith Foods',
        nameLatin: '',
        reading: '',
        nameScript: 'latin',
        country: 'US',
        city: '',
        addressLocal: '',
        website: '',
        industries: [],
        products: [],
        status: 'prospect',
        tags: [],
        notes: '',
      },
      contacts: [contact],
    } as never);
    expect(values.contacts?.[0]).toMatchObject({
      dataSource: 'event_registration',
      legalBasis: 'contract',
      basisNote: 'FOODEX 2026 list',
    });
    const { draft } = toDraft(values, 'US');
    expect(JSON.stringify(draft.contacts)).toContain('"legalBasis":"contract"');
  });
});
