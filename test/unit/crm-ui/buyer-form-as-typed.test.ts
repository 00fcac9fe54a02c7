import { describe, expect, it } from 'vitest';
import { buyerCompanySchema, contactSchema } from '@shared/crm/schemas';
import {
  toDraft,
  toFormValues,
} from '../../../src-renderer/src/features/crm/buyers/buyer-form-model';

/** A buyer as an import saved it: one phone no numbering plan reads, kept as typed. */
const imported = {
  buyer: buyerCompanySchema.parse({
    id: 'b1',
    officeId: 'tokyo',
    nameNative: '株式会社山田商事',
    nameScript: 'ja',
    country: 'JP',
  }),
  contacts: [
    contactSchema.parse({
      id: 'c1',
      officeId: 'tokyo',
      buyerId: 'b1',
      familyName: '山田',
      nameScript: 'ja',
      phones: [
        { e164: '内線 1234', kind: 'work', asTyped: true },
        { e164: '+819012345678', kind: 'mobile' },
      ],
    }),
  ],
};

describe('buyer form: phones an import kept as typed', () => {
  it('saves the buyer unchanged, the phone still kept as typed (flagged)', () => {
    const values = toFormValues(imported);
    expect(values.contacts![0]!.phones![0]).toEqual({
      number: '内線 1234',
      kind: 'work',
      asTyped: '内線 1234',
    });
    const { draft, errors } = toDraft(values, 'JP');
    expect(errors).toEqual([]);
    expect(draft.contacts[0]!.phones).toEqual([
      { e164: '内線 1234', kind: 'work', asTyped: true },
      { e164: '+819012345678', kind: 'mobile' },
    ]);
    // And the schema takes it as such.
    expect(
      contactSchema.safeParse({ ...draft.contacts[0], id: 'c1', officeId: 'tokyo', buyerId: 'b1' })
        .success,
    ).toBe(true);
  });

  it('a number fixed by a person is read as a number (no flag any more)', () => {
    const values = toFormValues(imported);
    values.contacts![0]!.phones![0]!.number = '083-222-1234';
    const { draft, errors } = toDraft(values, 'JP');
    expect(errors).toEqual([]);
    expect(draft.contacts[0]!.phones![0]).toEqual({ e164: '+81832221234', kind: 'work' });
  });

  it('a number changed into another unreadable one is an error, as for any typed number', () => {
    const values = toFormValues(imported);
    values.contacts![0]!.phones![0]!.number = '内線 99';
    const { errors } = toDraft(values, 'JP');
    expect(errors).toEqual([{ path: 'contacts.0.phones.0.e164', code: 'crm.invalid_phone' }]);
  });
});
