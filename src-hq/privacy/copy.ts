/**
 * A copy of everything HQ holds about one contact (issue 14, item 6): the contact and every
 * record of its office that points at it or names it, live records only.
 */
import {
  MENTION_TABLES,
  SUBJECT_TABLE,
  buildSubjectCopy,
  findInRecords,
  subjectTerms,
  termsPattern,
  type SubjectCopy,
} from '@shared/privacy/subject';
import type { HqDatabase } from '../db/connect';
import { HttpError } from '../errors';
import { getRecords, rowToState } from '../repositories/records';

export async function subjectCopy(
  hq: HqDatabase,
  contactId: string,
  now: number,
): Promise<SubjectCopy> {
  const found = (await getRecords(hq.db, SUBJECT_TABLE, [contactId])).get(contactId);
  if (!found || found.state.deleted) {
    throw new HttpError(404, 'not_found', `No such contact: ${contactId}`);
  }
  const contact = { ...found.state.data, id: contactId, officeId: found.officeId };
  const pattern = termsPattern(subjectTerms(contact));
  const rows = await hq.db
    .selectFrom('records')
    .selectAll()
    .where('office_id', '=', found.officeId)
    .where('tbl', 'in', MENTION_TABLES)
    .where('deleted', '=', 0)
    .execute();
  const byTable = new Map<string, Array<{ id: string; data: Record<string, unknown> }>>();
  for (const r of rows) {
    const list = byTable.get(r.tbl) ?? [];
    list.push({ id: r.id, data: { ...rowToState(r).data, id: r.id } });
    byTable.set(r.tbl, list);
  }
  const records = [...byTable].flatMap(([tbl, list]) =>
    findInRecords(contactId, pattern, tbl, list),
  );
  return buildSubjectCopy(contact, records, new Date(now));
}
