/**
 * Applying HQ's erasures of data subjects on the laptop (issue 14, item 6; sync-protocol.md
 * §12). Runs inside the pull page's transaction that brought the `erasures` rows, so the
 * cursor never moves past an erasure that was not applied. For each erased contact it
 * removes every value of the person this laptop holds:
 *   - the live row, and the tombstone (the merge may have kept the local fields in it): a
 *     tombstone with no data and no per-field stamps replaces it, so the contact stays deleted;
 *   - its unsent changes (outbox), its refused changes and its re-send mark;
 *   - the person's names, emails, phones and handles in other records' text (talk notes, van
 *     passengers…), in their unsent and refused changes too (HQ already sent its redacted
 *     rows, earlier in this page or before it: those stamps win everywhere);
 *   - the persisted caches derived from the CRM (`_caches`: the index snapshot, with its
 *     search documents), which the CRM index then rebuilds from the data.
 * `_changeLog` holds only record ids (no values), so it keeps the delete for the CRM index.
 */
import type { Dexie, Table } from 'dexie';
import type { Mutation } from '@shared/sync/protocol';
import {
  MENTION_TABLES,
  SUBJECT_TABLE,
  redactValue,
  subjectTerms,
  termsPattern,
} from '@shared/privacy/subject';
import { CACHES } from '../data/change-log';
import type { IncomingRow } from './pull-writes';
import {
  OUTBOX,
  REJECTED,
  RESEND,
  TOMBSTONES,
  type OutboxEntry,
  type OutboxRow,
  type RejectedRow,
  type TombstoneRow,
} from './schema';

/** Stores the erasure touches besides the synced tables (present in the app's database). */
export function erasureStores(db: Dexie): string[] {
  return db.tables.some((t) => t.name === CACHES) ? [CACHES] : [];
}

function addValues(into: Record<string, unknown>, values: Record<string, unknown> | undefined) {
  for (const [k, v] of Object.entries(values ?? {})) if (into[k] === undefined) into[k] = v;
}

const entryValues = (e: OutboxEntry) => ({
  ...(e.values ?? {}),
  ...Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, [v]]) => [k, v])),
});

function redactEntry(e: OutboxEntry, pattern: RegExp): OutboxEntry {
  const values = e.values ? (redactValue(e.values, pattern) as Record<string, unknown>) : undefined;
  let fields = e.fields;
  if (fields) {
    const next: Mutation['fields'] = {};
    let changed = false;
    for (const [k, [v, h]] of Object.entries(fields)) {
      const r = redactValue(v, pattern);
      if (r !== v) changed = true;
      next[k] = [r as Mutation['fields'][string][0], h];
    }
    if (changed) fields = next;
  }
  return values === e.values && fields === e.fields
    ? e
    : { ...e, ...(values ? { values } : {}), ...(fields ? { fields } : {}) };
}

/** Applies the page's erasure rows (live ones); the caller's transaction spans every store. */
export async function applyErasures(db: Dexie, rows: readonly IncomingRow[]): Promise<void> {
  const erasures = rows.filter((r) => !r.state.deleted);
  if (erasures.length === 0) return;
  const ids = new Set(erasures.map((r) => r.id));
  const contacts = db.table(SUBJECT_TABLE);
  const tombs = db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;
  const outbox = db.table(OUTBOX) as Table<OutboxRow, number>;
  const rejected = db.table(REJECTED) as Table<RejectedRow, number>;

  // What identifies each person, from every copy this laptop holds of their contact.
  const [live, dead, queued, refused] = await Promise.all([
    contacts.bulkGet([...ids]) as Promise<Array<Record<string, unknown> | undefined>>,
    tombs.bulkGet([...ids].map((id) => [SUBJECT_TABLE, id] as [string, string])),
    outbox.toArray(),
    rejected.toArray(),
  ]);
  const terms = new Set<string>();
  [...ids].forEach((id, i) => {
    const seen: Record<string, unknown> = {};
    addValues(seen, live[i]);
    addValues(seen, dead[i]?.state.data);
    for (const row of queued) {
      for (const e of row.entries)
        if (e.tbl === SUBJECT_TABLE && e.id === id) addValues(seen, entryValues(e));
    }
    for (const r of refused) {
      if (r.mutation.tbl === SUBJECT_TABLE && r.mutation.id === id) {
        addValues(seen, entryValues({ ...r.mutation, slot: 0 }));
      }
    }
    for (const t of subjectTerms(seen)) terms.add(t);
  });
  const pattern = termsPattern([...terms].sort((a, b) => b.length - a.length));
  const isSubject = (tbl: string, id: string) => tbl === SUBJECT_TABLE && ids.has(id);

  const writes: Array<Promise<unknown>> = [];
  writes.push(contacts.bulkDelete([...ids]));
  writes.push(
    tombs.bulkPut(
      erasures.map((r, i) => ({
        tbl: SUBJECT_TABLE,
        id: r.id,
        officeId: r.officeId,
        state: {
          data: {},
          hlc: {},
          deleted: true,
          deletedHlc: dead[i]?.state.deletedHlc ?? r.state.hlc.erasedAt ?? null,
        },
      })),
    ),
  );
  for (const row of queued) {
    const kept = row.entries
      .filter((e) => !isSubject(e.tbl, e.id))
      .map((e) => (pattern ? redactEntry(e, pattern) : e));
    if (kept.length === 0) writes.push(outbox.delete(row.seq!));
    else if (kept.length !== row.entries.length || kept.some((e, i) => e !== row.entries[i])) {
      writes.push(outbox.put({ ...row, entries: kept }));
    }
  }
  for (const r of refused) {
    if (isSubject(r.mutation.tbl, r.mutation.id)) writes.push(rejected.delete(r.rid!));
    else if (pattern) {
      const e = redactEntry({ ...r.mutation, slot: 0 }, pattern);
      if (e.fields !== r.mutation.fields) {
        writes.push(rejected.put({ ...r, mutation: { ...r.mutation, fields: e.fields! } }));
      }
    }
  }
  writes.push(db.table(RESEND).bulkDelete([...ids].map((id) => [SUBJECT_TABLE, id])));
  if (db.tables.some((t) => t.name === CACHES)) writes.push(db.table(CACHES).clear());

  // Other records that still name the person here (a local edit newer than HQ's redaction).
  if (pattern) {
    for (const tbl of MENTION_TABLES) {
      if (!db.tables.some((t) => t.name === tbl)) continue;
      const table = db.table(tbl);
      const changed: unknown[] = [];
      await table.each((row: Record<string, unknown>) => {
        const r = redactValue(row, pattern);
        if (r !== row) changed.push(r);
      });
      if (changed.length > 0) writes.push(table.bulkPut(changed));
    }
  }
  await Promise.all(writes);
}
