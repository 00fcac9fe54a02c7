import { MESSENGER_CHANNELS, PHONE_KINDS, type MessengerChannel, type NameScript } from '../codes';
import { detectNameScript } from '../names';
import { toE164 } from '../validators';
import { splitFullName, splitList, splitMulti, type FlatRow, type ImportField } from './fields';
import { channelOf, phoneKindOfLabel, splitMessengerPrefix } from './labels';

/** A value the row keeps, but differently than written: imported, with a note to the user. */
export interface ValueNote {
  field: ImportField;
  code: string;
  value: string;
}

export interface ContactDraft {
  input: Record<string, unknown>;
  notes: ValueNote[];
}

/** Excel shows a long number as 8.19012E+11: the digits after the sixth are gone. */
const EXCEL_EXPONENT = /^\d(?:[.,]\d+)?E\+\d+$/i;
const MAX_PER_LIST = 10;

/**
 * One row's contact columns → contact input for the schema. Phones are read with
 * the buyer's country first and the office's second; a number neither can read is
 * kept as typed (flagged), never a reason to drop the contact. Phones labelled as a
 * messenger ("Zalo") become messenger IDs; what has no field goes to the notes.
 */
export function contactDraft(
  row: FlatRow,
  ids: { id: string; officeId: string; buyerId: string },
  countries: { buyer: string; office: string },
  hanDefault: 'ja' | 'zh',
): ContactDraft {
  const notes: ValueNote[] = [];
  const extraNotes: string[] = [];
  let familyName = row['contact.familyName'] ?? '';
  let givenName = row['contact.givenName'] ?? '';
  const middle = row['contact.middleName'] ?? '';
  const nameForScript =
    `${familyName}${middle}${givenName}` ||
    row['contact.fullName'] ||
    `${row['contact.latinFamily'] ?? ''}${row['contact.latinGiven'] ?? ''}`;
  const nameScript = (row['contact.nameScript'] ||
    detectNameScript(nameForScript, hanDefault)) as NameScript;
  if (!familyName && !givenName && row['contact.fullName']) {
    ({ familyName, givenName } = splitFullName(row['contact.fullName'], nameScript));
  }
  // Vietnamese writes the middle name before the given name (Nguyễn Văn Minh); Latin after it.
  if (middle)
    givenName = (nameScript === 'latin' ? [givenName, middle] : [middle, givenName])
      .filter(Boolean)
      .join(' ');
  const reading =
    row['contact.reading'] ||
    [row['contact.readingFamily'], row['contact.readingGiven']].filter(Boolean).join(' ');

  const messengers: { channel: MessengerChannel; handle: string; preferred: boolean }[] = [];
  const addMessenger = (channel: MessengerChannel, handle: string, field: ImportField) => {
    const h = handle.trim();
    if (!h) return;
    if (messengers.some((m) => m.channel === channel && m.handle.toLowerCase() === h.toLowerCase()))
      return;
    if (messengers.length >= MAX_PER_LIST) {
      extraNotes.push(`${channel}: ${h}`);
      notes.push({ field, code: 'crm.import.moved_to_notes', value: h });
      return;
    }
    messengers.push({ channel, handle: h, preferred: false });
  };

  const phones: { e164: string; kind: string; asTyped?: true }[] = [];
  const addPhone = (raw: string, kind: string, field: ImportField) => {
    const typed = raw.trim();
    if (!typed) return;
    const e164 = toE164(typed, countries.buyer) ?? toE164(typed, countries.office);
    const value = e164 ?? typed;
    if (phones.some((p) => p.e164 === value)) return;
    if (phones.length >= MAX_PER_LIST) {
      extraNotes.push(typed);
      notes.push({ field, code: 'crm.import.moved_to_notes', value: typed });
      return;
    }
    if (e164) phones.push({ e164, kind });
    else {
      phones.push({ e164: typed, kind, asTyped: true });
      notes.push({
        field,
        code: EXCEL_EXPONENT.test(typed)
          ? 'crm.import.phone_excel_number'
          : 'crm.import.phone_kept_as_typed',
        value: typed,
      });
    }
  };
  // Empty cells skipped before splitting: most of a row's phone and messenger columns are.
  for (const kind of PHONE_KINDS) {
    const field = `contact.phone.${kind}` as const;
    if (row[field]) for (const raw of splitMulti(row[field])) addPhone(raw, kind, field);
  }
  // Labelled phones ("Mobile", "Work", "Zalo"): the label decides kind or messenger.
  if (row['contact.phone'])
    for (const item of splitList(row['contact.phone'])) {
      const [label = '', value = ''] = item.includes('\u0002') ? item.split('\u0002') : ['', item];
      const channel = channelOf(label);
      for (const v of splitMulti(value)) {
        if (channel) addMessenger(channel, v, 'contact.phone');
        else addPhone(v, phoneKindOfLabel(label), 'contact.phone');
      }
    }
  for (const channel of MESSENGER_CHANNELS)
    if (row[`contact.${channel}`])
      for (const handle of splitList(row[`contact.${channel}`]))
        addMessenger(channel, handle, `contact.${channel}`);
  // IM columns: the service from the label column, or "LINE: id" in the value.
  if (row['contact.im'])
    for (const item of splitList(row['contact.im'])) {
      const [label = '', value = ''] = item.includes('\u0002') ? item.split('\u0002') : ['', item];
      const channel = channelOf(label);
      const prefixed = channel ? null : splitMessengerPrefix(value);
      if (channel) addMessenger(channel, value, 'contact.im');
      else if (prefixed) addMessenger(prefixed.channel, prefixed.handle, 'contact.im');
      else {
        extraNotes.push(label ? `${label}: ${value}` : value);
        notes.push({ field: 'contact.im', code: 'crm.import.moved_to_notes', value });
      }
    }
  const preferred = row['contact.preferredMessenger'] ?? '';
  const first = messengers.find((m) => m.channel === preferred);
  if (first) first.preferred = true;

  const emails = splitMulti(row['contact.emails']);
  if (emails.length > MAX_PER_LIST) {
    for (const e of emails.slice(MAX_PER_LIST)) {
      extraNotes.push(e);
      notes.push({ field: 'contact.emails', code: 'crm.import.moved_to_notes', value: e });
    }
    emails.length = MAX_PER_LIST;
  }
  const consentDate = row['contact.consentDate'];
  return {
    notes,
    input: {
      ...ids,
      familyName,
      givenName,
      latinFamily: row['contact.latinFamily'] ?? '',
      latinGiven: row['contact.latinGiven'] ?? '',
      reading,
      nameScript,
      title: row['contact.title'] ?? '',
      emails: [...new Set(emails)],
      phones,
      messengers,
      preferredLanguage: row['contact.preferredLanguage'] || undefined,
      consent: consentDate
        ? {
            date: normalizeDate(consentDate),
            scope: splitList(row['contact.consentScope']),
            source: row['contact.consentSource'] ?? '',
            noticeVersion: row['contact.noticeVersion'] ?? '',
            noticeLanguage: row['contact.noticeLanguage'] || undefined,
          }
        : undefined,
      notes: [row['contact.notes'] ?? '', ...extraNotes].filter(Boolean).join('\n'),
    },
  };
}

const pad = (n: string) => n.padStart(2, '0');

/**
 * Dates as lists write them → ISO: 2025-03-04, 2025/3/4, 2025.3.4, 2025年3月4日,
 * 2025-03-04 09:30 (a spreadsheet date cell). Day-first 4/3/2025 is left as typed
 * (month-first in the USA makes it ambiguous): the schema then says it is invalid.
 */
export function normalizeDate(text: string): string {
  const t = text.trim();
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(
      t,
    );
  return m ? `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` : t;
}
