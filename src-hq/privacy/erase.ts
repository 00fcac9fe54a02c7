/**
 * Erasing a data subject at HQ (issue 14, item 6; docs/sync-protocol.md §12). In ONE write
 * transaction under the office's partition lock:
 *   - every other record of the office whose text names the person (talk notes, buyer notes,
 *     van passengers…) gets those values replaced by "[erased]", each with a new HQ stamp
 *     after every stamp it carries, so the redaction wins on every laptop;
 *   - the contact's row becomes a tombstone with no data and no per-field stamps (HQ keeps
 *     no history of a record beyond its current row; the rows migration 0006 set aside and
 *     any conflict row of it are deleted);
 *   - an `erasures` record (id = the contact's id, no personal data) is written last, with
 *     the office's next seq, so a laptop pulls it after the rows it must not find again.
 * Pushes of the contact afterwards are dropped (src-hq/sync/push.ts).
 */
import { randomUUID } from 'node:crypto';
import { HybridLogicalClock, nodeIdFromClientId } from '@shared/sync/hlc';
import type { RecordState } from '@shared/sync/merge';
import {
  ERASURES_TABLE,
  MENTION_TABLES,
  SUBJECT_TABLE,
  redactFields,
  subjectTerms,
  termsPattern,
} from '@shared/privacy/subject';
import type { EraseSubjectResponse } from '@shared/privacy/api';
import type { TableRegistry } from '@shared/sync/tables';
import type { HqDatabase } from '../db/connect';
import { withWriteTransaction } from '../db/transaction';
import { HttpError } from '../errors';
import { lockPartitions, setNextSeq } from '../repositories/offices';
import { getRecords, rowToState, upsertRecords, type RecordWrite } from '../repositories/records';
import type { ChangedRecord, PushProjector } from '../sync/projectors';

export interface EraseOptions {
  now: number;
  /** The HQ device and person who erased (kept in HQ's record of who wrote each version). */
  by: { deviceId: string; staffId: string | null } | null;
  projectors?: readonly PushProjector[];
}

function stampsOf(state: RecordState): string[] {
  return [...Object.values(state.hlc), ...(state.deletedHlc ? [state.deletedHlc] : [])];
}

export async function eraseSubject(
  hq: HqDatabase,
  registry: TableRegistry,
  contactId: string,
  { now, by, projectors = [] }: EraseOptions,
): Promise<EraseSubjectResponse> {
  return withWriteTransaction(hq, async (trx) => {
    const found = (await getRecords(trx, SUBJECT_TABLE, [contactId])).get(contactId);
    if (!found) throw new HttpError(404, 'not_found', `No such contact: ${contactId}`);
    const officeId = found.officeId;
    const locked = await lockPartitions(trx, hq.dialect, [officeId]);
    let seq = locked.get(officeId)!.next_seq;
    const done = (await getRecords(trx, ERASURES_TABLE, [contactId])).get(contactId);
    if (done) {
      const erasedAt = Number(done.state.data.erasedAt ?? now);
      return { contactId, officeId, erased: false, redacted: 0, erasedAt };
    }
    const pattern = termsPattern(subjectTerms(found.state.data));

    // Every record of the office that may name the person (read under the lock).
    const candidates = await trx
      .selectFrom('records')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('tbl', 'in', MENTION_TABLES)
      .execute();
    const planned: Array<{
      tbl: string;
      id: string;
      before: RecordState;
      fields: Record<string, unknown>;
    }> = [];
    let latest = stampsOf(found.state).sort().at(-1) ?? '';
    for (const row of candidates) {
      const before = rowToState(row);
      const fields = redactFields(before.data, pattern);
      if (Object.keys(fields).length === 0) continue;
      planned.push({ tbl: row.tbl, id: row.id, before, fields });
      for (const s of stampsOf(before)) if (s > latest) latest = s;
    }
    // One stamp after every stamp the touched records carry: the redaction wins everywhere.
    const clock = new HybridLogicalClock(
      nodeIdFromClientId(randomUUID()),
      () => now,
      latest || undefined,
    );
    const stamp = clock.send('lenient');

    const writes: RecordWrite[] = [];
    const changed: ChangedRecord[] = [];
    const write = (tbl: string, id: string, before: RecordState, after: RecordState) => {
      writes.push({ officeId, tbl, id, state: after, seq: seq++, now, ...(by ? { by } : {}) });
      changed.push({ partition: officeId, tbl, id, before, after });
    };
    for (const p of planned) {
      const table = registry.get(p.tbl);
      const hlc = { ...p.before.hlc };
      for (const field of Object.keys(p.fields))
        hlc[table ? table.registerOf(field) : field] = stamp;
      write(p.tbl, p.id, p.before, { ...p.before, data: { ...p.before.data, ...p.fields }, hlc });
    }
    write(SUBJECT_TABLE, contactId, found.state, {
      data: {},
      hlc: {},
      deleted: true,
      deletedHlc: stamp,
    });
    const erasure: RecordState = {
      data: { tbl: SUBJECT_TABLE, erasedAt: now },
      hlc: { tbl: stamp, erasedAt: stamp },
      deleted: false,
      deletedHlc: null,
    };
    write(
      ERASURES_TABLE,
      contactId,
      { data: {}, hlc: {}, deleted: false, deletedHlc: null },
      erasure,
    );
    await upsertRecords(trx, writes);
    await setNextSeq(trx, officeId, seq);
    // Copies of the contact kept elsewhere in HQ's database.
    await trx
      .deleteFrom('record_id_clashes')
      .where('tbl', '=', SUBJECT_TABLE)
      .where('id', '=', contactId)
      .execute();
    await trx
      .deleteFrom('conflicts')
      .where('tbl', '=', SUBJECT_TABLE)
      .where('record_id', '=', contactId)
      .execute();
    for (const project of projectors) {
      await project(trx, changed, {
        deviceId: by?.deviceId ?? 'hq',
        staffId: by?.staffId ?? null,
        now,
      });
    }
    return { contactId, officeId, erased: true, redacted: planned.length, erasedAt: now };
  });
}
