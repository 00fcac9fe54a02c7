import type { z } from 'zod';
import { MESSENGER_CHANNELS, PHONE_KINDS, type NameScript } from '../codes';
import { findDuplicates, type DuplicateIndex, type DuplicateMatch } from '../duplicates';
import { foldForSearch } from '../fold';
import { detectNameScript } from '../names';
import { markParsed } from '../parsed';
import { buyerCompanySchema, contactSchema, type BuyerCompany, type Contact } from '../schemas';
import { toE164 } from '../validators';
import { parseProduct, splitFullName, splitList, type FlatRow, type ImportField } from './fields';
import { applyMapping, type ColumnMapping } from './mapping';
import type { RawTable } from './result';

/** A problem in one cell (or row): translatable code + where. `row` is the 1-based data row. */
export interface RowError {
  row: number;
  /** The SOURCE column name as in the file (empty when the row as a whole is wrong). */
  column: string;
  field: ImportField | '';
  code: string;
}

export interface PlannedBuyer {
  buyer: BuyerCompany;
  contacts: Contact[];
  /** Data rows (1-based) this buyer came from. */
  rows: number[];
  /** Existing buyers this one may duplicate (warn; the user decides: skip, merge, or create). */
  duplicates: DuplicateMatch[];
  /** The file carried an id that already exists: importing would overwrite it. */
  idExists: boolean;
  /** Contacts whose ids already exist (re-importing an export): the UI asks to update or skip. */
  existingContactIds: string[];
}

export interface ImportPlan {
  buyers: PlannedBuyer[];
  errors: RowError[];
  rowCount: number;
  /** Rows that produced a valid record. */
  validRows: number;
}

export interface PlanOptions {
  officeId: string;
  /** ISO country of the office: default country of buyers and default region for phones. */
  officeCountry: string;
  /** Han characters are read as Japanese in Japanese offices, else Chinese. */
  hanDefault: 'ja' | 'zh';
  newId: () => string;
}

export interface ExistingRecords {
  duplicates: DuplicateIndex;
  buyerIds?: ReadonlySet<string>;
  contactIds?: ReadonlySet<string>;
}

const BUYER_FIELD_OF: Record<string, ImportField> = {
  nameNative: 'buyer.nameNative',
  nameLatin: 'buyer.nameLatin',
  reading: 'buyer.reading',
  nameScript: 'buyer.nameScript',
  country: 'buyer.country',
  city: 'buyer.city',
  addressLocal: 'buyer.addressLocal',
  website: 'buyer.website',
  industries: 'buyer.industries',
  products: 'buyer.products',
  status: 'buyer.status',
  tags: 'buyer.tags',
  notes: 'buyer.notes',
};
const CONTACT_FIELD_OF: Record<string, ImportField> = {
  familyName: 'contact.familyName',
  givenName: 'contact.givenName',
  latinFamily: 'contact.latinFamily',
  latinGiven: 'contact.latinGiven',
  reading: 'contact.reading',
  nameScript: 'contact.nameScript',
  title: 'contact.title',
  emails: 'contact.emails',
  preferredLanguage: 'contact.preferredLanguage',
  notes: 'contact.notes',
};

function buyerInput(row: FlatRow, o: PlanOptions, id: string) {
  const nameNative = row['buyer.nameNative'] ?? '';
  return {
    id,
    officeId: o.officeId,
    nameNative,
    nameLatin: row['buyer.nameLatin'] ?? '',
    reading: row['buyer.reading'] ?? '',
    nameScript:
      row['buyer.nameScript'] ||
      detectNameScript(nameNative || row['buyer.nameLatin'] || '', o.hanDefault),
    country: (row['buyer.country'] || o.officeCountry).toUpperCase(),
    city: row['buyer.city'] ?? '',
    addressLocal: row['buyer.addressLocal'] ?? '',
    website: row['buyer.website'] ?? '',
    industries: splitList(row['buyer.industries']),
    products: splitList(row['buyer.products']).map(parseProduct),
    status: row['buyer.status'] || undefined,
    tags: splitList(row['buyer.tags']),
    notes: row['buyer.notes'] ?? '',
  };
}

function hasContact(row: FlatRow): boolean {
  // for…in: no entries array per row (10,000-row files).
  for (const k in row) {
    if (k.startsWith('contact.') && k !== 'contact.id' && row[k as ImportField]) return true;
  }
  return false;
}

interface ContactDraft {
  input: Record<string, unknown>;
  /** Cell errors found before the schema (phones). */
  errors: { field: ImportField; code: string }[];
}

function contactInput(
  row: FlatRow,
  o: PlanOptions,
  id: string,
  buyerId: string,
  country: string,
): ContactDraft {
  const errors: ContactDraft['errors'] = [];
  let familyName = row['contact.familyName'] ?? '';
  let givenName = row['contact.givenName'] ?? '';
  const nameForScript =
    `${familyName}${givenName}` ||
    row['contact.fullName'] ||
    `${row['contact.latinFamily'] ?? ''}${row['contact.latinGiven'] ?? ''}`;
  const nameScript = (row['contact.nameScript'] ||
    detectNameScript(nameForScript, o.hanDefault)) as NameScript;
  if (!familyName && !givenName && row['contact.fullName']) {
    ({ familyName, givenName } = splitFullName(row['contact.fullName'], nameScript));
  }
  const reading =
    row['contact.reading'] ||
    [row['contact.readingFamily'], row['contact.readingGiven']].filter(Boolean).join(' ');
  const phones: { e164: string; kind: string }[] = [];
  for (const kind of PHONE_KINDS) {
    const field = `contact.phone.${kind}` as const;
    for (const raw of splitList(row[field])) {
      const e164 = toE164(raw, country);
      if (e164) phones.push({ e164, kind });
      else errors.push({ field, code: 'crm.invalid_phone' });
    }
  }
  const preferred = row['contact.preferredMessenger'] ?? '';
  const messengers = MESSENGER_CHANNELS.flatMap((channel) =>
    splitList(row[`contact.${channel}`]).map((handle, i) => ({
      channel,
      handle,
      preferred: channel === preferred && i === 0,
    })),
  );
  const consentDate = row['contact.consentDate'];
  return {
    errors,
    input: {
      id,
      officeId: o.officeId,
      buyerId,
      familyName,
      givenName,
      latinFamily: row['contact.latinFamily'] ?? '',
      latinGiven: row['contact.latinGiven'] ?? '',
      reading,
      nameScript,
      title: row['contact.title'] ?? '',
      emails: splitList(row['contact.emails']),
      phones,
      messengers,
      preferredLanguage: row['contact.preferredLanguage'] || undefined,
      consent: consentDate
        ? {
            date: consentDate,
            scope: splitList(row['contact.consentScope']),
            source: row['contact.consentSource'] ?? '',
            noticeVersion: row['contact.noticeVersion'] ?? '',
            noticeLanguage: row['contact.noticeLanguage'] || undefined,
          }
        : undefined,
      notes: row['contact.notes'] ?? '',
    },
  };
}

function issueField(
  issue: z.core.$ZodIssue,
  table: Record<string, ImportField>,
  fallback: ImportField | '',
): ImportField | '' {
  const [first, second] = issue.path;
  if (first === 'phones') return 'contact.phone.other';
  if (first === 'messengers')
    return typeof second === 'number' ? 'contact.preferredMessenger' : 'contact.preferredMessenger';
  if (first === 'consent')
    return issue.path[1] === 'scope'
      ? 'contact.consentScope'
      : issue.path[1] === 'noticeLanguage'
        ? 'contact.noticeLanguage'
        : 'contact.consentDate';
  return table[String(first)] ?? fallback;
}

function codeOf(issue: z.core.$ZodIssue): string {
  return issue.message.startsWith('crm.') ? issue.message : 'crm.invalid_code';
}

/**
 * DRY RUN of an import: maps, validates and groups rows into buyers with
 * contacts, and flags duplicates against existing data. Writes nothing; the
 * caller commits `plan.buyers` in one transaction (all or nothing). Rows that
 * share a buyer id, or the same company name and country, become one buyer.
 */
export function planImport(
  table: RawTable,
  mapping: ColumnMapping,
  existing: ExistingRecords,
  options: PlanOptions,
): ImportPlan {
  const { rows, columnOf } = applyMapping(table, mapping);
  const errors: RowError[] = [];
  const err = (row: number, field: ImportField | '', code: string) =>
    errors.push({
      row,
      field,
      column: field
        ? (columnOf[field] ??
          (field === 'contact.familyName' ? (columnOf['contact.fullName'] ?? '') : ''))
        : '',
      code,
    });

  interface Group {
    buyer: BuyerCompany | null;
    contacts: Contact[];
    rows: number[];
  }
  const groups = new Map<string, Group>();
  const seenContactIds = new Set<string>();
  let validRows = 0;

  rows.forEach((row, i) => {
    const rowNo = i + 1;
    if (!row['buyer.nameNative'] && !row['buyer.nameLatin']) {
      err(rowNo, 'buyer.nameNative', 'crm.import.missing_company');
      return;
    }
    if (!row['buyer.nameNative']) row['buyer.nameNative'] = row['buyer.nameLatin'];
    const key = row['buyer.id']
      ? `id:${row['buyer.id']}`
      : `name:${foldForSearch(row['buyer.nameNative']!)}|${(row['buyer.country'] || options.officeCountry).toUpperCase()}`;
    let group = groups.get(key);
    if (!group) {
      const parsed = buyerCompanySchema.safeParse(
        buyerInput(row, options, row['buyer.id'] || options.newId()),
      );
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          err(rowNo, issueField(issue, BUYER_FIELD_OF, ''), codeOf(issue));
        groups.set(key, { buyer: null, contacts: [], rows: [rowNo] });
        return;
      }
      group = { buyer: markParsed(parsed.data), contacts: [], rows: [] };
      groups.set(key, group);
    }
    if (!group.buyer) {
      err(rowNo, 'buyer.nameNative', 'crm.import.invalid_company_row');
      return;
    }
    group.rows.push(rowNo);
    if (!hasContact(row)) {
      validRows++;
      return;
    }
    const contactId = row['contact.id'] || options.newId();
    if (seenContactIds.has(contactId)) {
      err(rowNo, 'contact.id', 'crm.import.duplicate_id');
      return;
    }
    const draft = contactInput(row, options, contactId, group.buyer.id, group.buyer.country);
    const parsed = contactSchema.safeParse(draft.input);
    if (draft.errors.length || !parsed.success) {
      for (const e of draft.errors) err(rowNo, e.field, e.code);
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        if (issue.path[0] === 'phones') continue; // already reported per cell
        err(rowNo, issueField(issue, CONTACT_FIELD_OF, 'contact.familyName'), codeOf(issue));
      }
      return;
    }
    seenContactIds.add(contactId);
    group.contacts.push(markParsed(parsed.data));
    validRows++;
  });

  const buyers: PlannedBuyer[] = [];
  for (const g of groups.values()) {
    if (!g.buyer) continue;
    buyers.push({
      buyer: g.buyer,
      contacts: g.contacts,
      rows: g.rows,
      duplicates: findDuplicates({ buyer: g.buyer, contacts: g.contacts }, existing.duplicates),
      idExists: existing.buyerIds?.has(g.buyer.id) ?? false,
      existingContactIds: g.contacts.filter((c) => existing.contactIds?.has(c.id)).map((c) => c.id),
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { buyers, errors, rowCount: rows.length, validRows };
}
