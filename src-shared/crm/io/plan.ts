import type { z } from 'zod';
import {
  DuplicateIndex,
  duplicateKeys,
  findDuplicatesByKeys,
  type DuplicateEvidence,
  type DuplicateMatch,
} from '../duplicates';
import { foldForSearch } from '../fold';
import { detectNameScript } from '../names';
import { markParsed } from '../parsed';
import { buyerCompanySchema, contactSchema, type BuyerCompany, type Contact } from '../schemas';
import { countryCode } from './countries';
import { parseProduct, splitList, type FlatRow, type ImportField } from './fields';
import { applyMapping, ignoredColumnsWithData, type ColumnMapping } from './mapping';
import type { RawTable } from './result';
import { contactDraft } from './row-values';

/** Row-level codes besides the schemas' (keys of errors.json, translated in every locale). */
export const IMPORT_ROW_CODES = [
  'crm.import.missing_company',
  'crm.import.duplicate_id',
  'crm.import.formula_no_value',
  'crm.import.cell_error',
  'crm.import.phone_kept_as_typed',
  'crm.import.phone_excel_number',
  'crm.import.moved_to_notes',
  'crm.import.company_differs',
] as const;

/** One problem or note about a row: translatable code, where, and the value as written. */
export interface RowIssue {
  /** The SOURCE column name as in the file ('' when the row as a whole is meant). */
  column: string;
  field: ImportField | '';
  code: string;
  value?: string;
}

/** A row that is not imported (refused) or imported with notes (warning). */
export interface RowOutcome {
  /** 1-based data row (the file's line is `sourceRow`). */
  row: number;
  sourceRow: number;
  issues: RowIssue[];
}

/** Flat view of refused rows' issues (one per problem). */
export interface RowError extends RowIssue {
  row: number;
}

/** A buyer of the file that may be the same as an earlier buyer of the same file. */
export interface InFileDuplicate {
  /** Index in `plan.buyers` of the earlier buyer. */
  buyer: number;
  score: number;
  level: DuplicateMatch['level'];
  evidence: DuplicateEvidence[];
}

export interface PlannedBuyer {
  buyer: BuyerCompany;
  contacts: Contact[];
  /** Data rows (1-based) this buyer came from. */
  rows: number[];
  /** Existing buyers of the office this one may duplicate (same scoring as the duplicate warning). */
  duplicates: DuplicateMatch[];
  /** Earlier buyers of this file it may duplicate. */
  inFile: InFileDuplicate[];
  /** The file carried an id that already exists: importing would overwrite it. */
  idExists: boolean;
  /** Contacts whose ids already exist (re-importing an export). */
  existingContactIds: string[];
}

export interface ImportPlan {
  buyers: PlannedBuyer[];
  /** Rows not imported, each with every reason. */
  refused: RowOutcome[];
  /** Rows imported with a note (a phone kept as typed, company details that differ). */
  warnings: RowOutcome[];
  /** `refused` flattened (one entry per problem). */
  errors: RowError[];
  rowCount: number;
  /** Rows that produced a valid record. */
  validRows: number;
  /** Ignored columns that hold values: their data is not imported. */
  ignoredColumns: { column: string; values: number }[];
}

export interface PlanOptions {
  officeId: string;
  /** ISO country of the office: default country of buyers, second region for phones. */
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
const BUYER_SCALARS = [
  'buyer.nameLatin',
  'buyer.reading',
  'buyer.city',
  'buyer.addressLocal',
  'buyer.website',
  'buyer.status',
] as const;

function buyerInput(row: FlatRow, o: PlanOptions, country: string) {
  const nameNative = row['buyer.nameNative'] ?? '';
  return {
    id: 'pending',
    officeId: o.officeId,
    nameNative,
    nameLatin: row['buyer.nameLatin'] ?? '',
    reading: row['buyer.reading'] ?? '',
    nameScript:
      row['buyer.nameScript'] ||
      detectNameScript(nameNative || row['buyer.nameLatin'] || '', hanOf(country, o.hanDefault)),
    country,
    city: row['buyer.city'] ?? '',
    addressLocal: row['buyer.addressLocal'] ?? '',
    website: websiteOf(row['buyer.website'] ?? ''),
    industries: splitList(row['buyer.industries']),
    products: splitList(row['buyer.products']).map(parseProduct),
    status: row['buyer.status'] || undefined,
    tags: splitList(row['buyer.tags']).filter((t) => !/^\* /.test(t)), // Google's "* myContacts"
    notes: row['buyer.notes'] ?? '',
  };
}

/** Kanji-only names read as Japanese for a buyer in Japan, as Chinese in China (else the office's default). */
function hanOf(country: string, fallback: 'ja' | 'zh'): 'ja' | 'zh' {
  if (country === 'JP') return 'ja';
  return ['CN', 'TW', 'HK', 'SG', 'MO'].includes(country) ? 'zh' : fallback;
}

/**
 * No country column: a company written in Vietnamese, Korean or Japanese is in that
 * country (its phones then read right); Chinese and Latin names: the office's.
 */
function defaultCountry(row: FlatRow, o: PlanOptions): string {
  const script = detectNameScript(row['buyer.nameNative'] ?? '', o.hanDefault);
  const byScript: Partial<Record<string, string>> = { vi: 'VN', ko: 'KR', ja: 'JP' };
  if (script === 'zh' && !['CN', 'TW', 'HK', 'SG'].includes(o.officeCountry)) return 'CN';
  return byScript[script] ?? o.officeCountry;
}

/** "www.example.jp" → "https://www.example.jp" (lists rarely write the scheme). */
const websiteOf = (v: string) =>
  v && !/^[a-z][a-z0-9+.-]*:/i.test(v) && /^[\w-]+(\.[\w-]+)+(\/.*)?$/.test(v) ? `https://${v}` : v;

function hasContact(row: FlatRow): boolean {
  // for…in: no entries array per row (10,000-row files).
  for (const k in row) {
    if (k.startsWith('contact.') && k !== 'contact.id' && row[k as ImportField]) return true;
  }
  return false;
}

function issueField(
  issue: z.core.$ZodIssue,
  table: Record<string, ImportField>,
  fallback: ImportField | '',
): ImportField | '' {
  const [first, second] = issue.path;
  if (first === 'phones') return 'contact.phone.work';
  if (first === 'messengers') return 'contact.preferredMessenger';
  if (first === 'consent')
    return second === 'scope'
      ? 'contact.consentScope'
      : second === 'noticeLanguage'
        ? 'contact.noticeLanguage'
        : 'contact.consentDate';
  return table[String(first)] ?? fallback;
}

const codeOf = (issue: z.core.$ZodIssue) =>
  issue.message.startsWith('crm.') ? issue.message : 'crm.invalid_code';

/** The company columns of a row as one string: rows of one company usually repeat them verbatim. */
const companySignature = (row: FlatRow) =>
  [
    row['buyer.nameNative'],
    row['buyer.nameLatin'],
    row['buyer.reading'],
    row['buyer.nameScript'],
    row['buyer.country'],
    row['buyer.city'],
    row['buyer.addressLocal'],
    row['buyer.website'],
    row['buyer.industries'],
    row['buyer.products'],
    row['buyer.status'],
    row['buyer.tags'],
    row['buyer.notes'],
  ].join('\u0001');

interface Group {
  id: string;
  buyer: BuyerCompany | null;
  signature: string;
  contacts: Contact[];
  rows: number[];
}

/**
 * DRY RUN of an import: maps, validates and groups rows into buyers with contacts,
 * and flags duplicates (inside the file and against the office). A row is taken
 * WHOLE (its company and its contact) or refused whole, with every reason; rows
 * of one company (same id, or same name and country) become one buyer, defined by
 * its first row that is taken. Writes nothing.
 */
export function planImport(
  table: RawTable,
  mapping: ColumnMapping,
  existing: ExistingRecords,
  options: PlanOptions,
): ImportPlan {
  const { rows, columnOf } = applyMapping(table, mapping);
  const columnFor = (field: ImportField | '') =>
    field
      ? (columnOf[field] ??
        (field === 'contact.familyName' ? (columnOf['contact.fullName'] ?? '') : '') ??
        '')
      : '';
  const refused: RowOutcome[] = [];
  const warnings: RowOutcome[] = [];
  const groups = new Map<string, Group>();
  const seenContactIds = new Set<string>();
  const companyParses = new Map<string, ReturnType<typeof buyerCompanySchema.safeParse>>();
  let validRows = 0;
  // Rows of one company repeat its name: fold it (Unicode normalizations) once.
  const folded = new Map<string, string>();
  const foldedName = (name: string) => {
    let f = folded.get(name);
    if (f === undefined) folded.set(name, (f = foldForSearch(name)));
    return f;
  };
  const cellIssueFields = new Map<string, ImportField>();
  for (const [h, f] of Object.entries(mapping)) if (f) cellIssueFields.set(h, f);

  rows.forEach((row, i) => {
    const rowNo = i + 1;
    const issues: RowIssue[] = [];
    const notes: RowIssue[] = [];
    const refuse = (field: ImportField | '', code: string, value?: string) =>
      issues.push({
        column: columnFor(field),
        field,
        code,
        ...(value !== undefined ? { value } : {}),
      });
    const finish = () => {
      const sourceRow = table.sourceRows?.[i] ?? rowNo + 1;
      if (issues.length) refused.push({ row: rowNo, sourceRow, issues });
      else if (notes.length) warnings.push({ row: rowNo, sourceRow, issues: notes });
    };
    // Spreadsheet cells that show something but gave no value (formula without result).
    if (table.cellIssues) {
      for (const h of table.headers) {
        const issue = table.cellIssues.get(`${i}\u0000${h}`);
        const f = cellIssueFields.get(h);
        if (issue && f) issues.push({ column: h, field: f, code: issue });
      }
    }
    if (!row['buyer.nameNative'] && !row['buyer.nameLatin']) {
      refuse('buyer.nameNative', 'crm.import.missing_company');
      return finish();
    }
    if (!row['buyer.nameNative']) row['buyer.nameNative'] = row['buyer.nameLatin'];
    const typedCountry = row['buyer.country'] ?? '';
    const country = typedCountry ? countryCode(typedCountry) : defaultCountry(row, options);
    if (!country) refuse('buyer.country', 'crm.invalid_country', typedCountry);
    const key = row['buyer.id']
      ? `id:${row['buyer.id']}`
      : `name:${foldedName(row['buyer.nameNative']!)}|${country ?? typedCountry}`;
    const signature = companySignature(row);
    let company = companyParses.get(signature);
    if (!company && country) {
      company = buyerCompanySchema.safeParse(buyerInput(row, options, country));
      companyParses.set(signature, company);
    }
    if (company && !company.success)
      for (const issue of company.error.issues)
        refuse(issueField(issue, BUYER_FIELD_OF, ''), codeOf(issue), valueAt(row, issue));

    const group = groups.get(key);
    const groupId = group?.id ?? row['buyer.id'] ?? options.newId();
    let contact: Contact | null = null;
    if (hasContact(row)) {
      const contactId = row['contact.id'] || options.newId();
      if (seenContactIds.has(contactId)) refuse('contact.id', 'crm.import.duplicate_id', contactId);
      const draft = contactDraft(
        row,
        { id: contactId, officeId: options.officeId, buyerId: groupId },
        { buyer: country ?? options.officeCountry, office: options.officeCountry },
        options.hanDefault,
      );
      const parsed = contactSchema.safeParse(draft.input);
      if (parsed.success) contact = parsed.data;
      else
        for (const issue of parsed.error.issues)
          refuse(
            issueField(issue, CONTACT_FIELD_OF, 'contact.familyName'),
            codeOf(issue),
            valueAt(row, issue),
          );
      for (const n of draft.notes)
        notes.push({ column: columnFor(n.field), field: n.field, code: n.code, value: n.value });
    }
    if (issues.length || !company?.success) return finish();

    // The row is taken whole.
    let g = group;
    if (!g) {
      g = { id: groupId, buyer: null, signature, contacts: [], rows: [] };
      groups.set(key, g);
    }
    if (!g.buyer) {
      g.buyer = markParsed({ ...company.data, id: g.id });
      g.signature = signature;
    } else if (signature !== g.signature) {
      const merged = mergeCompanyRow(g.buyer, company.data);
      for (const field of merged.differs)
        notes.push({
          column: columnFor(field),
          field,
          code: 'crm.import.company_differs',
          value: String(row[field] ?? ''),
        });
      g.buyer = markParsed(merged.buyer);
    }
    g.rows.push(rowNo);
    if (contact) {
      seenContactIds.add(contact.id);
      g.contacts.push(markParsed(contact));
    }
    validRows++;
    finish();
  });

  const buyers: PlannedBuyer[] = [];
  const fileIndex = new DuplicateIndex();
  const indexOf = new Map<string, number>();
  for (const g of groups.values()) {
    if (!g.buyer) continue;
    // The buyer's keys once: checked against the file so far and the office, then indexed.
    const keys = duplicateKeys({ buyer: g.buyer, contacts: g.contacts });
    const inFile = findDuplicatesByKeys(keys, fileIndex, g.buyer.id).map((m) => ({
      buyer: indexOf.get(m.buyerId)!,
      score: m.score,
      level: m.level,
      evidence: m.evidence,
    }));
    indexOf.set(g.buyer.id, buyers.length);
    fileIndex.upsertKeys(g.buyer, g.contacts, keys);
    buyers.push({
      buyer: g.buyer,
      contacts: g.contacts,
      rows: g.rows,
      duplicates: findDuplicatesByKeys(keys, existing.duplicates, g.buyer.id),
      inFile,
      idExists: existing.buyerIds?.has(g.buyer.id) ?? false,
      existingContactIds: g.contacts.filter((c) => existing.contactIds?.has(c.id)).map((c) => c.id),
    });
  }
  refused.sort((a, b) => a.row - b.row);
  return {
    buyers,
    refused,
    warnings,
    errors: refused.flatMap((r) => r.issues.map((issue) => ({ row: r.row, ...issue }))),
    rowCount: rows.length,
    validRows,
    ignoredColumns: ignoredColumnsWithData(table, mapping),
  };
}

/** The cell value behind a schema issue (shown next to the message). */
function valueAt(row: FlatRow, issue: z.core.$ZodIssue): string | undefined {
  const [first] = issue.path;
  const field = BUYER_FIELD_OF[String(first)] ?? CONTACT_FIELD_OF[String(first)];
  if (!field) return undefined;
  // A schema issue on list item n: that item as written.
  const all = row[field];
  const n = issue.path[1];
  if (typeof n === 'number') return splitList(all?.replace(/,/g, ';'))[n] ?? all;
  return all;
}

/** A later row of the same company: lists are united, differing texts reported (the first row's kept). */
function mergeCompanyRow(
  buyer: BuyerCompany,
  other: BuyerCompany,
): { buyer: BuyerCompany; differs: ImportField[] } {
  const differs: ImportField[] = [];
  const next: BuyerCompany = { ...buyer };
  for (const f of BUYER_SCALARS) {
    const k = f.slice('buyer.'.length) as (typeof BUYER_SCALARS)[number] extends `buyer.${infer K}`
      ? K
      : never;
    const mine = buyer[k];
    const theirs = other[k];
    if (!theirs || theirs === mine) continue;
    if (!mine) (next as Record<string, unknown>)[k] = theirs;
    else differs.push(f);
  }
  const union = <T>(a: T[], b: T[], key: (x: T) => string) => {
    const seen = new Set(a.map(key));
    return [...a, ...b.filter((x) => !seen.has(key(x)))];
  };
  next.tags = union(buyer.tags, other.tags, (t) => t.toLowerCase());
  next.industries = union(buyer.industries, other.industries, (x) => x);
  next.products = union(buyer.products, other.products, (p) => `${p.name}|${p.hsCode ?? ''}`);
  if (other.notes && !buyer.notes.includes(other.notes))
    next.notes = [buyer.notes, other.notes].filter(Boolean).join('\n');
  return { buyer: next, differs };
}
