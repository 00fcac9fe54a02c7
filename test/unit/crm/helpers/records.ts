import {
  buyerCompanySchema,
  contactSchema,
  type BuyerCompany,
  type BuyerCompanyInput,
  type Contact,
  type ContactInput,
} from '@shared/crm/schemas';

type BuyerOverrides = Partial<Omit<BuyerCompanyInput, 'id'>> &
  Pick<BuyerCompanyInput, 'nameNative'>;
type ContactOverrides = Partial<Omit<ContactInput, 'id' | 'buyerId'>>;

/** Schema-validated test records (so fixtures can never drift from the schema). */
export function makeBuyer(id: string, o: BuyerOverrides): BuyerCompany {
  return buyerCompanySchema.parse({
    id,
    officeId: 'tokyo',
    nameScript: 'latin',
    country: 'JP',
    ...o,
  });
}

export function makeContact(id: string, buyerId: string, o: ContactOverrides): Contact {
  return contactSchema.parse({ id, buyerId, officeId: 'tokyo', nameScript: 'latin', ...o });
}
