import type { TFunction } from 'i18next';
import { PHONE_KINDS, type PhoneKind } from '@shared/crm/codes';
import type { ImportField } from '@shared/crm/io';
import type { Language } from '@shared/i18n/languages';
import { channelName } from '../common/use-labels';

/** Our field → a key of the crm namespace's `fields` section (same words as the forms). */
const FORM_LABEL: Partial<Record<string, string>> = {
  nameNative: 'fields.nameNative',
  nameLatin: 'fields.nameLatin',
  reading: 'fields.reading',
  nameScript: 'fields.nameScript',
  country: 'fields.country',
  city: 'fields.city',
  addressLocal: 'fields.addressLocal',
  website: 'fields.website',
  industries: 'fields.industries',
  products: 'fields.products',
  status: 'fields.status',
  tags: 'fields.tags',
  notes: 'fields.notes',
  familyName: 'fields.familyName',
  givenName: 'fields.givenName',
  latinFamily: 'fields.latinFamily',
  latinGiven: 'fields.latinGiven',
  title: 'fields.title',
  emails: 'fields.emails',
  preferredLanguage: 'fields.preferredLanguage',
  consentDate: 'fields.consentDate',
  consentScope: 'fields.consentScope',
};

/** "Company · Name in native script", "Contact · Phone (Mobile)", "Contact · LINE". */
export function importFieldLabel(
  field: ImportField,
  t: TFunction<'crm'>,
  language: Language,
): string {
  const [group, name = '', sub] = field.split('.');
  const prefix = group === 'buyer' ? t('io.group.buyer') : t('io.group.contact');
  let label: string;
  if (name === 'phone' && !sub) {
    label = t('io.field.phoneLabelled');
  } else if (name === 'phone' && sub && (PHONE_KINDS as readonly string[]).includes(sub)) {
    label = `${t('fields.phoneNumber')} (${t(`phoneKind.${sub as PhoneKind}`)})`;
  } else if (FORM_LABEL[name]) {
    label = t(FORM_LABEL[name]!);
  } else if (
    [
      'id',
      'preferredMessenger',
      'consentSource',
      'noticeVersion',
      'noticeLanguage',
      'fullName',
      'middleName',
      'im',
      'label',
      'readingFamily',
      'readingGiven',
    ].includes(name)
  ) {
    label = t(`io.field.${name}`);
  } else {
    label = channelName(name, language);
  }
  return `${prefix} · ${label}`;
}
