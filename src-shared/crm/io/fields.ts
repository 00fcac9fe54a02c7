import {
  MESSENGER_CHANNELS,
  PHONE_KINDS,
  type MessengerChannel,
  type NameScript,
  type PhoneKind,
} from '../codes';
import type { BuyerCompany, Contact } from '../schemas';
import { formatHsCode } from '../validators';

/**
 * The flat row model shared by CSV, XLSX and vCard: one row per contact with
 * its company's columns repeated (a company without contacts is one row with
 * empty contact columns). Column names of our own exports are these keys, so
 * a round trip needs no mapping.
 */
export const EXPORT_FIELDS = [
  'buyer.id',
  'buyer.nameNative',
  'buyer.nameLatin',
  'buyer.reading',
  'buyer.nameScript',
  'buyer.country',
  'buyer.city',
  'buyer.addressLocal',
  'buyer.website',
  'buyer.industries',
  'buyer.products',
  'buyer.status',
  'buyer.tags',
  'buyer.notes',
  'contact.id',
  'contact.familyName',
  'contact.givenName',
  'contact.latinFamily',
  'contact.latinGiven',
  'contact.reading',
  'contact.nameScript',
  'contact.title',
  'contact.emails',
  ...PHONE_KINDS.map((k) => `contact.phone.${k}` as const),
  ...MESSENGER_CHANNELS.map((c) => `contact.${c}` as const),
  'contact.preferredMessenger',
  'contact.preferredLanguage',
  'contact.consentDate',
  'contact.consentScope',
  'contact.consentSource',
  'contact.noticeVersion',
  'contact.noticeLanguage',
  'contact.notes',
] as const;

/** Import-only columns that other tools produce (split or routed while planning). */
export const IMPORT_ONLY_FIELDS = [
  'contact.fullName',
  'contact.middleName',
  'contact.readingFamily',
  'contact.readingGiven',
  /** A phone whose kind (or messenger: "Zalo", "WhatsApp") comes from its label column. */
  'contact.phone',
  /** A messenger ID whose service comes from its label column or a "LINE: id" prefix. */
  'contact.im',
  /** The label of the "… - Value" column beside it (Google's "Phone 1 - Label"). */
  'contact.label',
] as const;

export const IMPORT_FIELDS = [...EXPORT_FIELDS, ...IMPORT_ONLY_FIELDS] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type FlatRow = Partial<Record<ImportField, string>>;

/** Several values in one cell. "; " reads well in Excel and never occurs in emails, phones or codes. */
export const LIST_SEPARATOR = '; ';
export const splitList = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[;；\n]| ::: /)
    .map((s) => s.trim())
    .filter(Boolean);

/** Phones and emails: also "/" , "、" and "," between several in one cell (Excel lists). */
export const splitMulti = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[;；\n,，、/／]| ::: /)
    .map((s) => s.trim())
    .filter(Boolean);

/** "Kimchi [2005.90]" ↔ { name, hsCode } */
export function formatProduct(p: { name: string; hsCode?: string }): string {
  return p.hsCode ? `${p.name} [${formatHsCode(p.hsCode)}]` : p.name;
}
export function parseProduct(text: string): { name: string; hsCode?: string } {
  const m = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(text);
  return m ? { name: m[1]!.trim(), hsCode: m[2]!.trim() } : { name: text.trim() };
}

export function buyerColumns(b: BuyerCompany): FlatRow {
  return {
    'buyer.id': b.id,
    'buyer.nameNative': b.nameNative,
    'buyer.nameLatin': b.nameLatin,
    'buyer.reading': b.reading,
    'buyer.nameScript': b.nameScript,
    'buyer.country': b.country,
    'buyer.city': b.city,
    'buyer.addressLocal': b.addressLocal,
    'buyer.website': b.website,
    'buyer.industries': b.industries.join(LIST_SEPARATOR),
    'buyer.products': b.products.map(formatProduct).join(LIST_SEPARATOR),
    'buyer.status': b.status,
    'buyer.tags': b.tags.join(LIST_SEPARATOR),
    'buyer.notes': b.notes,
  };
}

export function contactColumns(c: Contact): FlatRow {
  const row: FlatRow = {
    'contact.id': c.id,
    'contact.familyName': c.familyName,
    'contact.givenName': c.givenName,
    'contact.latinFamily': c.latinFamily,
    'contact.latinGiven': c.latinGiven,
    'contact.reading': c.reading,
    'contact.nameScript': c.nameScript,
    'contact.title': c.title,
    'contact.emails': c.emails.join(LIST_SEPARATOR),
    'contact.preferredMessenger': c.messengers.find((m) => m.preferred)?.channel ?? '',
    'contact.preferredLanguage': c.preferredLanguage ?? '',
    'contact.consentDate': c.consent?.date ?? '',
    'contact.consentScope': c.consent?.scope.join(LIST_SEPARATOR) ?? '',
    'contact.consentSource': c.consent?.source ?? '',
    'contact.noticeVersion': c.consent?.noticeVersion ?? '',
    'contact.noticeLanguage': c.consent?.noticeLanguage ?? '',
    'contact.notes': c.notes,
  };
  for (const kind of PHONE_KINDS) {
    row[`contact.phone.${kind}`] = c.phones
      .filter((p) => p.kind === kind)
      .map((p) => p.e164)
      .join(LIST_SEPARATOR);
  }
  for (const channel of MESSENGER_CHANNELS) {
    row[`contact.${channel}`] = c.messengers
      .filter((m) => m.channel === channel)
      .map((m) => m.handle)
      .join(LIST_SEPARATOR);
  }
  return row;
}

/** Records → flat rows (one per contact; contactless buyers get one row). */
export function toFlatRows(
  buyers: readonly BuyerCompany[],
  contacts: readonly Contact[],
): FlatRow[] {
  const byBuyer = new Map<string, Contact[]>();
  for (const c of contacts) {
    const list = byBuyer.get(c.buyerId) ?? [];
    list.push(c);
    byBuyer.set(c.buyerId, list);
  }
  const rows: FlatRow[] = [];
  for (const b of buyers) {
    const company = buyerColumns(b);
    const list = byBuyer.get(b.id) ?? [];
    if (!list.length) rows.push(company);
    for (const c of list) rows.push({ ...company, ...contactColumns(c) });
  }
  return rows;
}

export const isMessengerField = (f: string): f is `contact.${MessengerChannel}` =>
  (MESSENGER_CHANNELS as readonly string[]).includes(f.slice('contact.'.length));
export const phoneKindOf = (f: string): PhoneKind | null => {
  const m = /^contact\.phone\.(\w+)$/.exec(f);
  return m && (PHONE_KINDS as readonly string[]).includes(m[1]!) ? (m[1] as PhoneKind) : null;
};

/** Compound Chinese and Korean family names (everything else: first character). */
const COMPOUND_FAMILY = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '令狐',
  '慕容',
  '南宫',
  '남궁',
  '황보',
  '제갈',
  '선우',
  '독고',
  '사공',
  '서문',
];

/**
 * Splits a single "name" cell. CJK with a space and Vietnamese are family
 * first; Latin is given first; Chinese/Korean without a space split after the
 * family name. Japanese kanji without a space cannot be split reliably: it
 * all goes to the family name for a person to fix.
 */
export function splitFullName(
  full: string,
  script: NameScript,
): { familyName: string; givenName: string } {
  const t = full.trim().replace(/\s+/g, ' ');
  if (!t) return { familyName: '', givenName: '' };
  const words = t.split(' ');
  if (script === 'latin') {
    return words.length > 1
      ? { familyName: words[words.length - 1]!, givenName: words.slice(0, -1).join(' ') }
      : { familyName: t, givenName: '' };
  }
  if (words.length > 1) return { familyName: words[0]!, givenName: words.slice(1).join(' ') };
  if (script === 'zh' || script === 'ko') {
    const compound = COMPOUND_FAMILY.find((f) => t.startsWith(f) && t.length > f.length);
    const cut = compound ? compound.length : 1;
    return t.length > 1
      ? { familyName: t.slice(0, cut), givenName: t.slice(cut) }
      : { familyName: t, givenName: '' };
  }
  return { familyName: t, givenName: '' };
}
