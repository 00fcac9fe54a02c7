/**
 * A new laptop works before anyone says which office it is for; what it writes then is
 * stored under the placeholder office 'hq' (issue 16). When the office is first chosen
 * (in Settings or by linking), those records move to it, so HQ does not later refuse them
 * as another office's. Safe because a laptop whose office was never chosen was never
 * linked, so nothing it wrote has reached HQ: the records, their unsent outbox entries and
 * tombstones are rewritten locally (a clean-up, not a change for HQ: the outbox already
 * holds each record's change, now under the right office).
 */
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import type { BridgeheadDatabase } from '../../data/db';
import { markRemoteTransaction, OUTBOX, type OutboxRow } from '../../sync';
import { TOMBSTONES, type TombstoneRow } from '../../sync/schema';
import { DEFAULT_OFFICE_ID } from '../../state/settings-store';

/** Moves every record held under the placeholder office to `officeId`; returns how many. */
export async function rehomeUnchosenRecords(
  db: BridgeheadDatabase,
  officeId: string,
): Promise<number> {
  if (officeId === DEFAULT_OFFICE_ID) return 0;
  const from = DEFAULT_OFFICE_ID;
  const tables = DEFAULT_TABLE_REGISTRY.tables
    .filter((t) => t.scope === 'office')
    .map((t) => t.name)
    .filter((name) => db.tables.some((t) => t.name === name));
  return db.transaction('rw', [...tables, OUTBOX, TOMBSTONES], async (tx) => {
    markRemoteTransaction(tx.idbtrans);
    let moved = 0;
    for (const name of tables) {
      const rows = await db
        .table(name)
        .filter((r: { officeId?: unknown }) => r.officeId === from)
        .toArray();
      await db.table(name).bulkPut(rows.map((r: object) => ({ ...r, officeId })));
      moved += rows.length;
    }
    const outbox = db.table<OutboxRow, number>(OUTBOX);
    for (const row of await outbox.toArray()) {
      if (!row.entries.some((e) => e.officeId === from)) continue;
      const entries = row.entries.map((e) => {
        if (e.officeId !== from) return e;
        const next = { ...e, officeId };
        if (next.values && 'officeId' in next.values) next.values = { ...next.values, officeId };
        const field = next.fields?.officeId;
        if (next.fields && field) next.fields = { ...next.fields, officeId: [officeId, field[1]] };
        return next;
      });
      await outbox.put({ ...row, entries });
    }
    const tombstones = db.table<TombstoneRow>(TOMBSTONES);
    const dead = await tombstones.filter((t) => t.officeId === from).toArray();
    await tombstones.bulkPut(
      dead.map((t) => ({
        ...t,
        officeId,
        state: { ...t.state, data: { ...t.state.data, officeId } },
      })),
    );
    return moved;
  });
}
