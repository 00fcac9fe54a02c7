import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type {
  BuyerStatus,
  ConsentScope,
  DataSource,
  LegalBasis,
  IndustryCode,
  MessengerChannel,
  NameScript,
  PhoneKind,
} from '@shared/crm/codes';
import type { FieldError } from '@shared/crm/schemas';
import { toE164 } from '@shared/crm/validators';
import type { BuyerDraft, BuyerWithContacts, ContactFields } from '../data/buyer-repository';

export interface ContactFormValues {
  id?: string;
  familyName?: string;
  givenName?: string;
  latinFamily?: string;
  latinGiven?: string;
  reading?: string;
  nameScript: NameScript;
  title?: string;
  /** Comma / space separated in one input. */
  emails?: string;
  /** `asTyped`: the number as an import kept it (no numbering plan read it); saved as is while unchanged. */
  phones?: { number?: string; kind?: PhoneKind; asTyped?: string }[];
  messengers?: { channel?: MessengerChannel; handle?: string; preferred?: boolean }[];
  preferredLanguage?: string;
  consentGiven?: boolean;
  consentDate?: Dayjs | null;
  consentScope?: ConsentScope[];
  /** Where the data came from and the basis for holding it and sending it to HQ (issue 14). */
  dataSource?: DataSource;
  legalBasis?: LegalBasis;
  basisNote?: string;
  notes?: string;
}

export interface BuyerFormValues {
  nameNative?: string;
  nameLatin?: string;
  reading?: string;
  nameScript: NameScript;
  country: string;
  city?: string;
  addressLocal?: string;
  website?: string;
  industries?: IndustryCode[];
  products?: { name?: string; hsCode?: string }[];
  status: BuyerStatus;
  tags?: string[];
  notes?: string;
  contacts?: ContactFormValues[];
}

export const splitEmails = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);

/**
 * Form values → repository draft. Phones are normalized to E.164 with the
 * buyer's country (the office's by default) as the region for national
 * numbers; unparseable ones come back as field errors.
 */
/** Nothing typed in the row: no name, reading, title, email, phone, messenger, consent or note. */
export function isBlankContact(c: ContactFormValues): boolean {
  const texts = [
    c.familyName,
    c.givenName,
    c.latinFamily,
    c.latinGiven,
    c.reading,
    c.title,
    c.emails,
    c.notes,
  ];
  return (
    texts.every((v) => !v?.trim()) &&
    !(c.phones ?? []).some((p) => p.number?.trim()) &&
    !(c.messengers ?? []).some((m) => m.handle?.trim()) &&
    !c.consentGiven
  );
}

/**
 * The contact rows worth saving: a new row left empty (the form opens with one) is no contact,
 * so it is dropped rather than refused for its missing name. Saved contacts are always kept
 * (removing one is the row's delete button).
 */
export function withoutBlankNewContacts(
  contacts: readonly ContactFormValues[],
): ContactFormValues[] {
  return contacts.filter((c) => c.id || !isBlankContact(c));
}

export function toDraft(
  values: BuyerFormValues,
  defaultCountry: string,
): { draft: BuyerDraft; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const region = values.country || defaultCountry;
  const contacts: ContactFields[] = (values.contacts ?? []).map((c, i) => ({
    ...(c.id ? { id: c.id } : {}),
    familyName: c.familyName ?? '',
    givenName: c.givenName ?? '',
    latinFamily: c.latinFamily ?? '',
    latinGiven: c.latinGiven ?? '',
    reading: c.reading ?? '',
    nameScript: c.nameScript,
    title: c.title ?? '',
    emails: splitEmails(c.emails),
    phones: (c.phones ?? [])
      .filter((p) => p.number?.trim())
      .map((p, j) => {
        const e164 = toE164(p.number!, region);
        const kind = p.kind ?? 'mobile';
        if (!e164 && p.asTyped && p.number!.trim() === p.asTyped.trim())
          return { e164: p.asTyped, kind, asTyped: true as const };
        if (!e164)
          errors.push({ path: `contacts.${i}.phones.${j}.e164`, code: 'crm.invalid_phone' });
        return { e164: e164 ?? p.number!, kind };
      }),
    messengers: (c.messengers ?? [])
      .filter((m) => m.handle?.trim() || m.channel)
      .map((m) => ({
        channel: m.channel as MessengerChannel,
        handle: m.handle ?? '',
        preferred: Boolean(m.preferred),
      })),
    ...(c.preferredLanguage ? { preferredLanguage: c.preferredLanguage } : {}),
    ...(c.consentGiven
      ? {
          consent: {
            date: c.consentDate ? c.consentDate.format('YYYY-MM-DD') : '',
            scope: c.consentScope ?? [],
          },
        }
      : {}),
    ...(c.dataSource ? { dataSource: c.dataSource } : {}),
    ...(c.legalBasis ? { legalBasis: c.legalBasis } : {}),
    ...(c.basisNote?.trim() ? { basisNote: c.basisNote } : {}),
    notes: c.notes ?? '',
  }));
  const draft: BuyerDraft = {
    buyer: {
      nameNative: values.nameNative ?? '',
      nameLatin: values.nameLatin ?? '',
      reading: values.reading ?? '',
      nameScript: values.nameScript,
      country: values.country,
      city: values.city ?? '',
      addressLocal: values.addressLocal ?? '',
      website: values.website?.trim() ?? '',
      industries: values.industries ?? [],
      products: (values.products ?? [])
        .filter((p) => p.name?.trim())
        .map((p) => ({ name: p.name!, ...(p.hsCode?.trim() ? { hsCode: p.hsCode } : {}) })),
      status: values.status,
      tags: values.tags ?? [],
      notes: values.notes ?? '',
    },
    contacts,
  };
  return { draft, errors };
}

export function toFormValues(record: BuyerWithContacts): BuyerFormValues {
  const { buyer, contacts } = record;
  return {
    nameNative: buyer.nameNative,
    nameLatin: buyer.nameLatin,
    reading: buyer.reading,
    nameScript: buyer.nameScript,
    country: buyer.country,
    city: buyer.city,
    addressLocal: buyer.addressLocal,
    website: buyer.website,
    industries: buyer.industries,
    products: buyer.products,
    status: buyer.status,
    tags: buyer.tags,
    notes: buyer.notes,
    contacts: contacts.map((c) => ({
      id: c.id,
      familyName: c.familyName,
      givenName: c.givenName,
      latinFamily: c.latinFamily,
      latinGiven: c.latinGiven,
      reading: c.reading,
      nameScript: c.nameScript,
      title: c.title,
      emails: c.emails.join(', '),
      phones: c.phones.map((p) => ({
        number: p.e164,
        kind: p.kind,
        ...(p.asTyped ? { asTyped: p.e164 } : {}),
      })),
      messengers: c.messengers,
      preferredLanguage: c.preferredLanguage,
      consentGiven: Boolean(c.consent),
      consentDate: c.consent ? dayjs(c.consent.date) : null,
      consentScope: c.consent?.scope ?? [],
      dataSource: c.dataSource,
      legalBasis: c.legalBasis,
      basisNote: c.basisNote,
      notes: c.notes,
    })),
  };
}

const LIST_FIELDS = new Set(['industries', 'tags']);
const BUYER_FIELDS = new Set([
  'nameNative',
  'nameLatin',
  'reading',
  'nameScript',
  'country',
  'city',
  'addressLocal',
  'website',
  'industries',
  'products',
  'status',
  'tags',
  'notes',
]);
const CONTACT_FIELDS = new Set([
  'familyName',
  'givenName',
  'latinFamily',
  'latinGiven',
  'reading',
  'nameScript',
  'title',
  'preferredLanguage',
  'notes',
]);

/** A repository field path → the antd form field that shows it (null: show it above the form). */
export function formFieldOf(path: string): (string | number)[] | null {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'buyer') {
    const [, field, index, sub] = parts;
    if (typeof field !== 'string' || !BUYER_FIELDS.has(field)) return null;
    if (LIST_FIELDS.has(field)) return [field];
    if (field === 'products' && typeof index === 'number')
      return ['products', index, typeof sub === 'string' ? sub : 'name'];
    return [field];
  }
  if (parts[0] === 'contacts' && typeof parts[1] === 'number') {
    const i = parts[1];
    const field = parts[2];
    const j = parts[3];
    if (field === 'emails') return ['contacts', i, 'emails'];
    if (field === 'phones' && typeof j === 'number') return ['contacts', i, 'phones', j, 'number'];
    if (field === 'messengers')
      return [
        'contacts',
        i,
        'messengers',
        typeof j === 'number' ? j : 0,
        typeof j === 'number' ? 'handle' : 'preferred',
      ];
    if (field === 'consent')
      return ['contacts', i, parts[3] === 'scope' ? 'consentScope' : 'consentDate'];
    if (typeof field === 'string' && CONTACT_FIELDS.has(field)) return ['contacts', i, field];
  }
  return null;
}
