/**
 * Everything this laptop holds about one contact (issue 14, item 6): the contact and every
 * record of the mention tables linked to it or naming it (src-shared/privacy). An office
 * laptop holds its office's records, an HQ laptop every office's.
 */
import type { Dexie } from 'dexie';
import type { Contact } from '@shared/crm/schemas';
import {
  MENTION_TABLES,
  findInRecords,
  subjectTerms,
  termsPattern,
  type SubjectRecord,
} from '@shared/privacy/subject';
import { CRM_TABLES, stripMeta } from './records';

export interface SubjectData {
  contact: Contact;
  records: SubjectRecord[];
}

export async function findSubjectData(db: Dexie, contactId: string): Promise<SubjectData | null> {
  const row = (await db.table(CRM_TABLES.contacts).get(contactId)) as Contact | undefined;
  if (!row) return null;
  const contact = stripMeta(row);
  const pattern = termsPattern(subjectTerms(contact));
  const records: SubjectRecord[] = [];
  for (const tbl of MENTION_TABLES) {
    if (!db.tables.some((t) => t.name === tbl)) continue;
    // Only the office's records can name the person (an HQ laptop holds every office).
    const rows = (await db
      .table(tbl)
      .where('officeId')
      .equals(contact.officeId)
      .toArray()) as Array<Record<string, unknown> & { id: string }>;
    records.push(
      ...findInRecords(
        contactId,
        pattern,
        tbl,
        rows.map((r) => ({ id: r.id, data: stripMeta(r) })),
      ),
    );
  }
  return { contact, records };
}
