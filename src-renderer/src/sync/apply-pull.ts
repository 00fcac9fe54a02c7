/**
 * Applying one pull page: its rows and its cursors in one IndexedDB transaction that the
 * outbox middleware does not record (pulled data is not a local change), the clock
 * advanced past the newest stamp, resets and restores handled first.
 */
import type { IndexableType, Table } from 'dexie';
import { HlcError, HybridLogicalClock, nodeIdFromClientId } from '@shared/sync/hlc';
import type { PullResponse } from '@shared/sync/protocol';
import { SHARED_PARTITION } from '@shared/sync/tables';
import { nameWrittenKeys, WrittenKeys } from './change-set';
import { sameCursors, tableFingerprint, type Cursors, type SyncContext } from './client-state';
import { resetPartition } from './local-reset';
import { markRemoteTransaction } from './middleware';
import {
  isFresh,
  mergeRows,
  writeFresh,
  writeOver,
  type IncomingRow,
  type PullRun,
} from './pull-writes';
import { markForResend } from './resend';
import { ERASURES_TABLE } from '@shared/privacy/subject';
import { applyErasures, erasureStores } from './erasures';
import {
  CURSORS_KEY,
  LOCAL_STATE_KEY,
  OUTBOX,
  REJECTED,
  RESEND,
  SYNC_STATE,
  TOMBSTONES,
  type CursorState,
  type LocalSyncState,
  type TombstoneRow,
} from './schema';

/** The page by partition and table, rows outside their partition dropped. */
function sortPage(ctx: SyncContext, res: PullResponse, cursors: Cursors) {
  let maxHlc: string | null = null;
  const parts = res.partitions.map((part) => {
    const byTable = new Map<string, IncomingRow[]>();
    for (const row of part.rows) {
      const spec = ctx.registry.get(row.tbl);
      if (!spec) continue; // unknown to this app version: cursors reset when it learns it
      const expected = spec.scope === 'shared' ? SHARED_PARTITION : row.officeId;
      if (expected !== part.partition) continue; // never store rows outside their partition
      for (const r in row.hlc) {
        const h = row.hlc[r]!;
        if (maxHlc === null || h > maxHlc) maxHlc = h;
      }
      if (row.deletedHlc !== null && (maxHlc === null || row.deletedHlc > maxHlc)) {
        maxHlc = row.deletedHlc;
      }
      let list = byTable.get(spec.name);
      if (!list) byTable.set(spec.name, (list = []));
      list.push({
        id: row.id,
        officeId: row.officeId,
        state: {
          data: row.data,
          hlc: row.hlc,
          deleted: row.deleted,
          deletedHlc: row.deletedHlc,
        },
      });
    }
    cursors[part.partition] = part.cursor;
    return { part, byTable };
  });
  return { parts, maxHlc: maxHlc as string | null };
}

/**
 * Applies one pull page and its cursors atomically; returns the cursors now stored.
 * `run` (from pullAll) lets tables that hold only this run's rows skip reading what the
 * page replaces. `asked`: the cursors the page was requested with; if the stored ones
 * differ (another engine pulled, reset or wiped meanwhile), nothing is written and the
 * answer is null.
 *
 * When nothing local is unsent (empty outbox) and nothing was refused, HQ's state of a
 * record contains everything this laptop holds of it (what it pulled, and its own writes,
 * acked), so rows are written without reading the copies they replace: an incremental
 * pull is one round of small reads, then the writes.
 */
export async function applyPull(
  ctx: SyncContext,
  res: PullResponse,
  run?: PullRun,
  asked?: Cursors,
): Promise<Cursors | null> {
  const { db, registry } = ctx;
  const tables = registry.tables.map((t) => t.name);
  const scope = [...tables, TOMBSTONES, SYNC_STATE, OUTBOX, REJECTED, RESEND, ...erasureStores(db)];
  return db.transaction('rw', scope, async (tx) => {
    markRemoteTransaction(tx.idbtrans);
    const stateTable = db.table(SYNC_STATE);
    const tombs = db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;
    const resets = res.partitions.some((p) => p.reset);
    const pageTables = [...new Set(res.partitions.flatMap((p) => p.rows.map((r) => r.tbl)))].filter(
      (t) => registry.has(t),
    );
    // Tables met by this run for the first time: do they hold anything? (Not when a
    // reset empties some first.)
    const unseen = run && !resets ? pageTables.filter((t) => !run.fresh.has(t)) : [];
    // The reads this transaction needs, sent together (each is a round trip to IndexedDB).
    const [prev, local, top, refused, resending, tombsOf, rowsOf] = await Promise.all([
      stateTable.get(CURSORS_KEY) as Promise<CursorState | undefined>,
      stateTable.get(LOCAL_STATE_KEY) as Promise<LocalSyncState | undefined>,
      db.table(OUTBOX).orderBy(':id').lastKey(),
      db.table(REJECTED).limit(1).primaryKeys(),
      db.table(RESEND).limit(1).primaryKeys(),
      Promise.all(pageTables.map((t) => tombs.where('tbl').equals(t).limit(1).primaryKeys())),
      Promise.all(unseen.map((t) => db.table(t).limit(1).primaryKeys())),
    ]);
    const fingerprint = tableFingerprint(registry);
    const storedCursors = prev && prev.tables === fingerprint ? prev.cursors : {};
    if (asked && !sameCursors(asked, storedCursors)) return null;
    const newest = (top ?? null) as IndexableType | null;
    const hasTombs = new Map(pageTables.map((t, i) => [t, tombsOf[i]!.length > 0]));
    if (run) {
      // A local write since the last page (a new outbox row): nothing is fresh any more.
      if (run.outboxTop !== undefined && newest !== run.outboxTop) {
        for (const t of run.fresh.keys()) run.fresh.set(t, false);
      }
      run.outboxTop = newest;
      unseen.forEach((t, i) => run.fresh.set(t, rowsOf[i]!.length === 0 && !hasTombs.get(t)));
    }
    // (Records listed for re-sending after a restore: HQ's rows may not hold them.)
    const restoring = resending.length > 0 || res.partitions.some((p) => p.restored);
    const hqHoldsAll = !resets && newest === null && refused.length === 0 && !restoring;

    const cursors = { ...storedCursors };
    const { parts, maxHlc } = sortPage(ctx, res, cursors);

    const writes: Array<Promise<unknown>> = [];
    const written = new WrittenKeys();
    if (resets || !hqHoldsAll) {
      // Read the local copies (of tables not known fresh) and merge, partition by partition.
      for (const { part, byTable } of parts) {
        if (part.reset) {
          // HQ restored a backup: keep everything and list it to send back what HQ lacks.
          // Otherwise (behind the tombstone horizon) drop all but records with unsent edits.
          if (part.restored) await markForResend(db, registry, part.partition);
          else await resetPartition(db, registry, part.partition);
          run?.fresh.clear();
        }
        for (const [tbl, rows] of byTable) {
          if (run && (await isFresh(ctx, run, tbl))) await writeFresh(ctx, tbl, rows, run, written);
          else await mergeRows(ctx, tbl, rows, written, restoring);
        }
      }
    } else {
      for (const { byTable } of parts) {
        for (const [tbl, rows] of byTable) {
          if (run?.fresh.get(tbl)) writes.push(writeFresh(ctx, tbl, rows, run, written));
          else writes.push(writeOver(ctx, tbl, rows, hasTombs.get(tbl) ?? true, written));
        }
      }
    }

    const stateRows: Array<LocalSyncState | CursorState> = [];
    if (local && maxHlc) {
      const clock = new HybridLogicalClock(
        nodeIdFromClientId(local.clientId),
        ctx.now,
        local.hlc ?? undefined,
      );
      try {
        clock.recv(maxHlc);
        stateRows.push({ ...local, hlc: clock.current() });
      } catch (e) {
        // Data still merges by HLC; only this laptop's clock stays put (and the UI warns).
        if (!(e instanceof HlcError)) throw e;
        ctx.clock.clockDriftDetected = true;
      }
    }
    // (No outbox ack from pull: only a push proves HQ applied OUR changes, see push.ts.)
    stateRows.push({ key: CURSORS_KEY, tables: fingerprint, cursors });
    // Requests of one transaction run in the order they were made: no need to wait between.
    writes.push(stateTable.bulkPut(stateRows));
    await Promise.all(writes);
    // HQ erased a person (issue 14): every value of theirs goes, in this page's transaction.
    const erased = parts.flatMap(({ byTable }) => byTable.get(ERASURES_TABLE) ?? []);
    if (erased.length > 0) await applyErasures(db, erased);
    // Listeners (the CRM index, in the page) hear which records changed, not "the whole
    // table". A reset deletes more than the page's rows: then Dexie's own report stays.
    if (!resets) nameWrittenKeys(tx.idbtrans, db.name, written);
    return cursors;
  });
}
