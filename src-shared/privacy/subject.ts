/**
 * Data subjects (issue 14, item 6): what identifies one person (a buyer's contact) in the
 * text of other records, where Bridgehead holds their data, and how a value is redacted.
 * Plain functions over records' data, used by HQ (its stored records) and the laptop (its
 * IndexedDB copy), so both find and erase the same things.
 */

/** The table whose records are data subjects, and the one HQ writes erasures to. */
export const SUBJECT_TABLE = 'contacts';
export const ERASURES_TABLE = 'erasures';
/** What an erased value becomes in another record's text. */
export const REDACTED = '[erased]';

/**
 * Tables whose records may name a contact in free text or in passenger lists (talk notes
 * and follow-ups, buyer notes, booking notes, van passengers, mission records).
 */
export const MENTION_TABLES: readonly string[] = [
  'buyers',
  'tradeTalks',
  'interpreterBookings',
  'vehicleTrips',
  'missions',
  'missionParticipants',
  'missionRequests',
  'missionMeetings',
];

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The strings that identify the person elsewhere: full names in both orders (with and
 * without a space, for CJK names), emails, phone numbers, messenger handles. A surname
 * alone is not a term: "Yamada" would match the company "Yamada Shoji".
 */
export function subjectTerms(contact: Record<string, unknown>): string[] {
  const terms = new Set<string>();
  const pair = (a: string, b: string) => {
    if (!a || !b) return;
    terms.add(`${a} ${b}`);
    terms.add(`${b} ${a}`);
    terms.add(`${a}${b}`);
    terms.add(`${b}${a}`);
  };
  pair(str(contact.familyName), str(contact.givenName));
  pair(str(contact.latinFamily), str(contact.latinGiven));
  for (const e of Array.isArray(contact.emails) ? contact.emails : []) {
    if (str(e)) terms.add(str(e));
  }
  for (const p of Array.isArray(contact.phones) ? contact.phones : []) {
    const n = str((p as { e164?: unknown } | null)?.e164);
    if (n.length >= 6) terms.add(n);
  }
  for (const m of Array.isArray(contact.messengers) ? contact.messengers : []) {
    const h = str((m as { handle?: unknown } | null)?.handle);
    if (h.length >= 4) terms.add(h);
  }
  // Longest first, so "Yamada Taro" is replaced before a shorter term inside it.
  return [...terms].filter((t) => t.length >= 2).sort((a, b) => b.length - a.length);
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One case-insensitive pattern for all terms (null: nothing to look for). */
export function termsPattern(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) return null;
  return new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
}

/** Whether any string inside `value` contains a term. */
export function mentions(value: unknown, pattern: RegExp | null): boolean {
  if (!pattern) return false;
  if (typeof value === 'string') {
    pattern.lastIndex = 0;
    return pattern.test(value);
  }
  if (Array.isArray(value)) return value.some((v) => mentions(v, pattern));
  if (value && typeof value === 'object') {
    return Object.values(value).some((v) => mentions(v, pattern));
  }
  return false;
}

/** `value` with every term in its strings replaced by REDACTED (the same value if none). */
export function redactValue(value: unknown, pattern: RegExp | null): unknown {
  if (!pattern) return value;
  if (typeof value === 'string') {
    pattern.lastIndex = 0;
    return pattern.test(value) ? value.replace(pattern, REDACTED) : value;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = redactValue(v, pattern);
      if (r !== v) changed = true;
      return r;
    });
    return changed ? out : value;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = redactValue(v, pattern);
      if (r !== v) changed = true;
      out[k] = r;
    }
    return changed ? out : value;
  }
  return value;
}

/** The fields of a record's data that name the person (their values redacted). */
export function redactFields(
  data: Record<string, unknown>,
  pattern: RegExp | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(data)) {
    if (field === 'id' || field === 'officeId') continue;
    const r = redactValue(v, pattern);
    if (r !== v) out[field] = r;
  }
  return out;
}

/** One record that holds data of the person, and why. */
export interface SubjectRecord {
  tbl: string;
  id: string;
  /** `linked`: it points at the contact (a talk's contactId); `mentions`: its text names them. */
  why: 'linked' | 'mentions';
  /** The fields that point at or name the person. */
  fields: string[];
  data: Record<string, unknown>;
}

/** The records of `tbl` (live ones) that are linked to or mention the contact. */
export function findInRecords(
  contactId: string,
  pattern: RegExp | null,
  tbl: string,
  rows: Iterable<{ id: string; data: Record<string, unknown> }>,
): SubjectRecord[] {
  const out: SubjectRecord[] = [];
  for (const row of rows) {
    const linked = row.data.contactId === contactId;
    const fields = Object.keys(redactFields(row.data, pattern));
    if (linked) fields.unshift('contactId');
    if (fields.length === 0) continue;
    out.push({ tbl, id: row.id, why: linked ? 'linked' : 'mentions', fields, data: row.data });
  }
  return out;
}

/** The machine-readable copy handed to the person (JSON). */
export interface SubjectCopy {
  format: 'bridgehead-subject-copy/1';
  generatedAt: string;
  subjectId: string;
  officeId: string;
  contact: Record<string, unknown>;
  records: SubjectRecord[];
}

/** The contact without sync metadata (fields starting with `_`). */
export function plainData(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!k.startsWith('_')) out[k] = v;
  return out;
}

export function buildSubjectCopy(
  contact: Record<string, unknown>,
  records: readonly SubjectRecord[],
  now: Date,
): SubjectCopy {
  return {
    format: 'bridgehead-subject-copy/1',
    generatedAt: now.toISOString(),
    subjectId: String(contact.id),
    officeId: String(contact.officeId),
    contact: plainData(contact),
    records: records.map((r) => ({ ...r, data: plainData(r.data) })),
  };
}

/** Whether a contact has no recorded source or legal basis (HQ lists these). */
export function basisMissing(contact: Record<string, unknown>): boolean {
  return !contact.dataSource || !contact.legalBasis;
}
