/**
 * The client sync engine over Dexie: push the outbox in batches (rows deleted only
 * after HQ acks them), pull pages and apply each page together with its cursor in
 * one transaction that the outbox middleware does not record.
 */
import type { Dexie, IndexableType, Table } from 'dexie';
import { HlcError, HybridLogicalClock, hlcMillis, nodeIdFromClientId } from '@shared/sync/hlc';
import { EMPTY_RECORD_STATE, mergeRecordStates, type RecordState } from '@shared/sync/merge';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_CHANGES,
  type Mutation,
  type PullResponse,
} from '@shared/sync/protocol';
import { SHARED_PARTITION, type TableRegistry } from '@shared/sync/tables';
import { markRemoteTransaction, rowState, type Row } from './middleware';
import { ackOutbox, eachPendingMutation, pendingMutationCount, removeMutation } from './outbox';
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
  type OutboxRow,
  type RejectedRow,
  type TombstoneRow,
} from './schema';
import { SyncRequestError, type SyncTransport } from './transport';
import { confirmPulled, markForResend, queueResends } from './resend';
import {
  PullWorkerFailure,
  PullWorkerUnavailableError,
  pullWorker,
  type PullWorkerResult,
} from './pull-worker-client';

export interface SyncEngineOptions {
  db: Dexie;
  registry: TableRegistry;
  transport: SyncTransport;
  now?: () => number;
  /** Rows per pull page (≤ 500). */
  pullLimit?: number;
  /** Push batch limits (≤ 500 changes, ≤ 1 MiB). */
  pushMaxChanges?: number;
  pushMaxBytes?: number;
  /**
   * Where pulls run. 'auto' (default): in the page's pull worker (pull.worker.ts, its own
   * Dexie handle on this database) when the transport is plain HTTP and the platform has
   * module workers, else here. 'thread': always here (the worker's own engine, tests).
   */
  pullIn?: 'auto' | 'thread';
  /**
   * Tables this device may not write (an office laptop and HQ's exchange rates): after HQ
   * restored a backup, their records are not sent back (an HQ laptop sends them).
   */
  readOnlyTables?: readonly string[];
}

export interface SyncStats {
  pushed: number;
  pushRequests: number;
  pulledRows: number;
  pullRequests: number;
  rejected: number;
}

export function emptySyncStats(): SyncStats {
  return { pushed: 0, pushRequests: 0, pulledRows: 0, pullRequests: 0, rejected: 0 };
}

/** Matches the server's default `tombstones:purge --days 90`. */
export const TOMBSTONE_HORIZON_MS = 90 * 24 * 60 * 60 * 1000;

const encoder = new TextEncoder();

interface IncomingRow {
  id: string;
  officeId: string | null;
  state: RecordState;
}

/**
 * What one pullAll knows between its pages. A table that held nothing (no row, no
 * tombstone) when the run first met it holds only rows this run pulled, until a local
 * write lands (every local write to a synced table adds an `_outbox` row, and no push
 * runs during a pull): its pages are written without reading the rows they replace,
 * since HQ's later state of a record always contains its earlier one.
 */
export interface PullRun {
  /** table -> written only by this run so far. */
  readonly fresh: Map<string, boolean>;
  /** Newest `_outbox` key when the run last looked (null: empty; undefined: not yet). */
  outboxTop: IndexableType | null | undefined;
  /** Ids this run stored as tombstones, per table (a later live row removes them). */
  readonly tombstoned: Map<string, Set<string>>;
}

type Cursors = CursorState['cursors'];

/** Where a pull starts: the client id to send and the cursors to ask from. */
type PullStart = { clientId: string; cursors: Cursors };

/** The same cursor (epoch and sequence) for the same partitions. */
function sameCursors(a: Cursors, b: Cursors): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => b[k]?.epoch === a[k]!.epoch && b[k]?.seq === a[k]!.seq);
}

/**
 * Dexie reports a put request of 50 rows or more to `storagemutated` (and so to the page,
 * when the pull worker writes) as a change of the whole table: the CRM index would reload
 * every buyer after each page. Requests of fewer rows name their keys; the transaction
 * still runs them in order, so the cost is a few more calls, not more IndexedDB work.
 */
const OBSERVABLE_PUT_ROWS = 49;

function putObservably(table: Table<Row, string>, rows: Row[]): Promise<unknown> {
  const requests: Array<Promise<unknown>> = [];
  for (let i = 0; i < rows.length; i += OBSERVABLE_PUT_ROWS) {
    requests.push(table.bulkPut(rows.slice(i, i + OBSERVABLE_PUT_ROWS)));
  }
  return Promise.all(requests);
}

/** Local copies of records: id -> live row and tombstone (either may be missing). */
type LocalCopies = Map<string, { live: Row | undefined; tomb: TombstoneRow | undefined }>;

export function newPullRun(): PullRun {
  return { fresh: new Map(), outboxTop: undefined, tombstoned: new Map() };
}

export class SyncEngine {
  private readonly db: Dexie;
  private readonly registry: TableRegistry;
  private readonly now: () => number;
  /** True when a pulled stamp was too far ahead of this laptop's clock. */
  clockDriftDetected = false;
  /** HQ time minus local time at the last response (the UI warns beyond 1 minute). */
  serverClockOffsetMs: number | null = null;

  constructor(private readonly opts: SyncEngineOptions) {
    this.db = opts.db;
    this.registry = opts.registry;
    this.now = opts.now ?? Date.now;
    const missing = opts.registry.tables.filter(
      (t) => !opts.db.tables.some((d) => d.name === t.name),
    );
    if (missing.length > 0) {
      throw new Error(
        `Synced tables missing from the Dexie schema: ${missing.map((t) => t.name).join(', ')}`,
      );
    }
  }

  private get tableFingerprint(): string {
    return this.registry.tables
      .map((t) => t.name)
      .sort()
      .join(',');
  }

  async clientId(): Promise<string> {
    return this.db.transaction('rw', SYNC_STATE, async () => {
      const t = this.db.table<LocalSyncState, string>(SYNC_STATE);
      const s = await t.get(LOCAL_STATE_KEY);
      if (s) return s.clientId;
      const fresh: LocalSyncState = {
        key: LOCAL_STATE_KEY,
        clientId: crypto.randomUUID(),
        hlc: null,
      };
      await t.put(fresh);
      return fresh.clientId;
    });
  }

  private async rotateClientId(): Promise<void> {
    await this.db.transaction('rw', SYNC_STATE, async () => {
      const t = this.db.table<LocalSyncState, string>(SYNC_STATE);
      const s = await t.get(LOCAL_STATE_KEY);
      await t.put({ key: LOCAL_STATE_KEY, clientId: crypto.randomUUID(), hlc: s?.hlc ?? null });
    });
  }

  /** Changes not yet acked by HQ. */
  async pendingCount(): Promise<number> {
    return pendingMutationCount(this.db);
  }

  async oldestPendingAt(): Promise<number | null> {
    const first = (await this.db.table(OUTBOX).orderBy('seq').first()) as OutboxRow | undefined;
    return first ? first.at : null;
  }

  /** Push, then pull until up to date, then push what arrived meanwhile. */
  async sync(): Promise<SyncStats> {
    const stats = emptySyncStats();
    await this.pushAll(stats);
    await this.pullAll(stats);
    // After HQ restored a backup: what the download showed HQ lacks goes out now.
    await queueResends(this.db, this.registry, new Set(this.opts.readOnlyTables ?? []));
    await this.pushAll(stats);
    return stats;
  }

  async pushAll(stats?: SyncStats): Promise<void> {
    for (;;) {
      const n = await this.pushBatch(stats);
      if (n === 0) return;
    }
  }

  private async nextBatch(): Promise<Mutation[]> {
    const maxChanges = Math.min(this.opts.pushMaxChanges ?? MAX_BATCH_CHANGES, MAX_BATCH_CHANGES);
    const maxBytes = Math.min(this.opts.pushMaxBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
    const batch: Mutation[] = [];
    let bytes = 0;
    await eachPendingMutation(this.db, (m) => {
      const size = encoder.encode(JSON.stringify(m)).length;
      if (batch.length >= maxChanges || (batch.length > 0 && bytes + size > maxBytes)) return false;
      bytes += size;
      batch.push(m);
      return true;
    });
    return batch;
  }

  /** Sends one batch; returns how many outbox rows it covered (0 = outbox empty). */
  async pushBatch(stats?: SyncStats): Promise<number> {
    const batch = await this.nextBatch();
    if (batch.length === 0) return 0;
    const clientId = await this.clientId();
    try {
      const res = await this.opts.transport.push({ clientId, mutations: batch });
      this.serverClockOffsetMs = res.serverTime - this.now();
      if (stats) {
        stats.pushRequests++;
        stats.pushed += batch.length;
      }
      if (res.lastMutationId > batch[batch.length - 1]!.mid) {
        // HQ has seen higher ids from this client id than we ever sent: this profile was
        // restored from a copy, and HQ just skipped our changes as replays. Continue under a
        // new client id; the next round re-sends them (merging is idempotent).
        await this.rotateClientId();
        return batch.length;
      }
      await this.ack(res.lastMutationId);
    } catch (e) {
      if (!(e instanceof SyncRequestError) || !isPermanentRefusal(e)) throw e;
      // One bad change must not block the queue forever: find it and set it aside.
      if (batch.length > 1) {
        for (const m of batch) await this.pushSingle(clientId, m, stats);
      } else {
        await this.reject(batch[0]!, e, stats);
      }
    }
    return batch.length;
  }

  private async pushSingle(clientId: string, m: Mutation, stats?: SyncStats) {
    try {
      const res = await this.opts.transport.push({ clientId, mutations: [m] });
      if (stats) {
        stats.pushRequests++;
        stats.pushed++;
      }
      if (res.lastMutationId > m.mid) return this.rotateClientId(); // see pushBatch
      await this.ack(res.lastMutationId);
    } catch (e) {
      if (!(e instanceof SyncRequestError) || !isPermanentRefusal(e)) throw e;
      await this.reject(m, e, stats);
    }
  }

  private async reject(m: Mutation, e: SyncRequestError, stats?: SyncStats) {
    await this.db.transaction('rw', [OUTBOX, REJECTED], async () => {
      const row: RejectedRow = { mutation: m, code: e.code, message: e.message, at: this.now() };
      await this.db.table(REJECTED).add(row);
      await removeMutation(this.db, m.mid);
    });
    if (stats) stats.rejected++;
  }

  /** Acked mutations leave the outbox (only now: a lost ack means a harmless resend). */
  private async ack(lastMutationId: number) {
    await this.db.transaction('rw', OUTBOX, () => ackOutbox(this.db, lastMutationId));
  }

  private workerBroken = false;

  /**
   * Pulls until up to date: in the pull worker when there is one (see `pullIn`), else here.
   * Either way each page and its cursors are applied in one IndexedDB transaction.
   */
  async pullAll(stats?: SyncStats): Promise<void> {
    const endpoint = this.opts.transport.endpoint;
    const worker =
      this.opts.pullIn !== 'thread' && endpoint && !this.workerBroken ? pullWorker() : null;
    if (worker && endpoint) {
      try {
        const r = await worker.pullAll({
          dbName: this.db.name,
          baseUrl: endpoint.baseUrl,
          credential: endpoint.credential,
          tables: this.registry.tables.map((t) => ({
            name: t.name,
            scope: t.scope,
            ...(t.fieldGroups ? { fieldGroups: t.fieldGroups } : {}),
            ...(t.nullable ? { nullable: t.nullable } : {}),
          })),
          ...(this.opts.pullLimit !== undefined ? { pullLimit: this.opts.pullLimit } : {}),
        });
        this.takeWorkerResult(r, stats);
        return;
      } catch (e) {
        if (e instanceof PullWorkerFailure) {
          this.takeWorkerResult(e.partial, stats);
          throw e.error;
        }
        if (!(e instanceof PullWorkerUnavailableError)) throw e;
        console.warn('[sync] pulling in the page from now on:', e.message);
        this.workerBroken = true;
      }
    }
    await this.pullHere(stats);
  }

  private takeWorkerResult(r: PullWorkerResult, stats?: SyncStats) {
    if (r.serverClockOffsetMs !== null) this.serverClockOffsetMs = r.serverClockOffsetMs;
    if (r.clockDriftDetected) this.clockDriftDetected = true;
    if (stats) {
      stats.pullRequests += r.stats.pullRequests;
      stats.pulledRows += r.stats.pulledRows;
    }
  }

  /**
   * Pulls in this thread. The next page is requested while the current one is applied
   * (its cursors are in the reply), but pages are applied strictly in order, each with
   * its cursors; a failed apply drops the page fetched ahead. The first request goes out
   * with the cursors this engine last stored, without reading them first; the page's
   * transaction checks them (`applyPull`) and a mismatch starts over from the stored ones.
   */
  private async pullHere(stats?: SyncStats): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const start = this.lastPullStart ?? (await this.readPullStart());
      this.lastPullStart = null;
      const done = await this.pullFrom(start, stats);
      if (done) return;
      // Another engine (the page, a reset, a wipe) moved the cursors: read them and go on.
      if (attempt > 3) throw new Error('pull cursors keep changing');
    }
  }

  /** Where this engine's next pull starts (kept after each page it applies). */
  private lastPullStart: PullStart | null = null;

  private async readPullStart(): Promise<PullStart> {
    // One read for both (the client id is created, in a write, only the first time).
    const [known, cursors] = await this.db.transaction('r', SYNC_STATE, () =>
      Promise.all([
        this.db.table(SYNC_STATE).get(LOCAL_STATE_KEY) as Promise<LocalSyncState | undefined>,
        this.readCursors(),
      ]),
    );
    return { clientId: known?.clientId ?? (await this.clientId()), cursors };
  }

  /** Pages from `start` until up to date; false when the stored cursors were not `start`'s. */
  private async pullFrom(start: PullStart, stats?: SyncStats): Promise<boolean> {
    const { clientId } = start;
    const limit = Math.min(this.opts.pullLimit ?? MAX_BATCH_CHANGES, MAX_BATCH_CHANGES);
    const run = newPullRun();
    let sent = start.cursors;
    let next: Promise<PullResponse> | null = this.opts.transport.pull({
      clientId,
      cursors: sent,
      limit,
    });
    for (let pages = 0; next; pages++) {
      const res: PullResponse = await next;
      this.serverClockOffsetMs = res.serverTime - this.now();
      const asked = sent;
      next = null;
      if (res.more) {
        // A server that keeps saying "more" without progress must not spin forever.
        if (pages > 100_000) throw new Error('pull did not converge');
        sent = { ...sent };
        for (const p of res.partitions) sent[p.partition] = p.cursor;
        next = this.opts.transport.pull({ clientId, cursors: sent, limit });
        // Awaited on the next round; if this page fails to apply, nobody will.
        next.catch(() => undefined);
      }
      const stored = await this.applyPull(res, run, asked);
      if (!stored) return false;
      this.lastPullStart = { clientId, cursors: stored };
      if (stats) {
        stats.pullRequests++;
        stats.pulledRows += countRows(res);
      }
    }
    return true;
  }

  async readCursors(): Promise<Cursors> {
    const s = (await this.db.table(SYNC_STATE).get(CURSORS_KEY)) as CursorState | undefined;
    // A new synced table in this app version: download everything again (merge is idempotent).
    return s && s.tables === this.tableFingerprint ? s.cursors : {};
  }

  /** One pull request and its apply (no read-ahead). */
  async pullPage(stats?: SyncStats): Promise<boolean> {
    const clientId = await this.clientId();
    const cursors = await this.readCursors();
    const res = await this.opts.transport.pull({
      clientId,
      cursors,
      limit: Math.min(this.opts.pullLimit ?? MAX_BATCH_CHANGES, MAX_BATCH_CHANGES),
    });
    this.serverClockOffsetMs = res.serverTime - this.now();
    await this.applyPull(res);
    if (stats) {
      stats.pullRequests++;
      stats.pulledRows += countRows(res);
    }
    return res.more;
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
  async applyPull(res: PullResponse, run?: PullRun, asked?: Cursors): Promise<Cursors | null> {
    const tables = this.registry.tables.map((t) => t.name);
    const scope = [...tables, TOMBSTONES, SYNC_STATE, OUTBOX, REJECTED, RESEND];
    return this.db.transaction('rw', scope, async (tx) => {
      markRemoteTransaction(tx.idbtrans);
      const stateTable = this.db.table(SYNC_STATE);
      const tombs = this.db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;
      const resets = res.partitions.some((p) => p.reset);
      const pageTables = [
        ...new Set(res.partitions.flatMap((p) => p.rows.map((r) => r.tbl))),
      ].filter((t) => this.registry.has(t));
      // Tables met by this run for the first time: do they hold anything? (Not when a
      // reset empties some first.)
      const unseen = run && !resets ? pageTables.filter((t) => !run.fresh.has(t)) : [];
      // The reads this transaction needs, sent together (each is a round trip to IndexedDB).
      const [prev, local, top, refused, resending, tombsOf, rowsOf] = await Promise.all([
        stateTable.get(CURSORS_KEY) as Promise<CursorState | undefined>,
        stateTable.get(LOCAL_STATE_KEY) as Promise<LocalSyncState | undefined>,
        this.db.table(OUTBOX).orderBy(':id').lastKey(),
        this.db.table(REJECTED).limit(1).primaryKeys(),
        this.db.table(RESEND).limit(1).primaryKeys(),
        Promise.all(pageTables.map((t) => tombs.where('tbl').equals(t).limit(1).primaryKeys())),
        Promise.all(unseen.map((t) => this.db.table(t).limit(1).primaryKeys())),
      ]);
      const storedCursors = prev && prev.tables === this.tableFingerprint ? prev.cursors : {};
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

      // The page by partition and table, rows outside their partition dropped.
      const cursors = { ...storedCursors };
      let maxHlc: string | null = null;
      const parts = res.partitions.map((part) => {
        const byTable = new Map<string, IncomingRow[]>();
        for (const row of part.rows) {
          const spec = this.registry.get(row.tbl);
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

      const writes: Array<Promise<unknown>> = [];
      if (resets || !hqHoldsAll) {
        // Read the local copies (of tables not known fresh) and merge, partition by partition.
        for (const { part, byTable } of parts) {
          if (part.reset) {
            // HQ restored a backup: keep everything and list it to send back what HQ lacks.
            // Otherwise (behind the tombstone horizon) drop all but records with unsent edits.
            if (part.restored) await markForResend(this.db, this.registry, part.partition);
            else await this.resetPartition(part.partition);
            run?.fresh.clear();
          }
          for (const [tbl, rows] of byTable) {
            if (run && (await this.isFresh(run, tbl))) await this.writeFresh(tbl, rows, run);
            else await this.mergeRows(tbl, rows, restoring);
          }
        }
      } else {
        for (const { byTable } of parts) {
          for (const [tbl, rows] of byTable) {
            if (run?.fresh.get(tbl)) writes.push(this.writeFresh(tbl, rows, run));
            else writes.push(this.writeOver(tbl, rows, hasTombs.get(tbl) ?? true));
          }
        }
      }

      const stateRows: Array<LocalSyncState | CursorState> = [];
      if (local && maxHlc) {
        const clock = new HybridLogicalClock(
          nodeIdFromClientId(local.clientId),
          this.now,
          local.hlc ?? undefined,
        );
        try {
          clock.recv(maxHlc);
          stateRows.push({ ...local, hlc: clock.current() });
        } catch (e) {
          // Data still merges by HLC; only this laptop's clock stays put (and the UI warns).
          if (!(e instanceof HlcError)) throw e;
          this.clockDriftDetected = true;
        }
      }
      // (No outbox ack from pull: only a push proves HQ applied OUR changes, see pushBatch.)
      stateRows.push({ key: CURSORS_KEY, tables: this.tableFingerprint, cursors });
      // Requests of one transaction run in the order they were made: no need to wait between.
      writes.push(stateTable.bulkPut(stateRows));
      await Promise.all(writes);
      return cursors;
    });
  }

  /** Whether `tbl` holds only rows of this run (decided when the run first meets it). */
  private async isFresh(run: PullRun, tbl: string): Promise<boolean> {
    let fresh = run.fresh.get(tbl);
    if (fresh === undefined) run.fresh.set(tbl, (fresh = await this.holdsNothing(tbl)));
    return fresh;
  }

  /** No row and no tombstone: nothing local to merge with. */
  private async holdsNothing(tbl: string): Promise<boolean> {
    const [rows, tombs] = await Promise.all([
      this.db.table(tbl).limit(1).primaryKeys(),
      this.db.table(TOMBSTONES).where('tbl').equals(tbl).limit(1).primaryKeys(),
    ]);
    return rows.length === 0 && tombs.length === 0;
  }

  /**
   * Writes pulled rows of a table that holds only this run's rows: HQ's state is the
   * merged state, so nothing is read (same result as mergeRows against nothing, or
   * against an earlier state of the same record from this run).
   */
  private async writeFresh(tbl: string, rows: IncomingRow[], run: PullRun): Promise<void> {
    let tombstoned = run.tombstoned.get(tbl);
    await this.writeHqState(tbl, rows, (id, deleted) => {
      if (deleted) {
        if (!tombstoned) run.tombstoned.set(tbl, (tombstoned = new Set()));
        tombstoned.add(id);
        return false;
      }
      return tombstoned?.delete(id) ?? false;
    });
  }

  /**
   * Writes pulled rows over local copies that HQ's state contains (nothing unsent, nothing
   * refused): without reading them. `tombstones`: the table may hold tombstones, so a live
   * row removes the record's (absent ones cost a no-op delete).
   */
  private writeOver(tbl: string, rows: IncomingRow[], tombstones: boolean): Promise<void> {
    return this.writeHqState(tbl, rows, (_id, deleted) => !deleted && tombstones);
  }

  /**
   * Stores HQ's state of each record as the local one: live rows put, deleted ones removed
   * and tombstoned; `dropTomb(id, deleted)` says whether a live record's tombstone goes.
   * The requests are made together (one transaction runs them in order).
   */
  private async writeHqState(
    tbl: string,
    rows: IncomingRow[],
    dropTomb: (id: string, deleted: boolean) => boolean,
  ): Promise<void> {
    const spec = this.registry.get(tbl)!;
    const table = this.db.table(tbl) as Table<Row, string>;
    const tombs = this.db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;
    const puts: Row[] = [];
    const deletes: string[] = [];
    const tombPuts: TombstoneRow[] = [];
    const tombDeletes: Array<[string, string]> = [];
    for (const { id, officeId, state } of rows) {
      const merged = mergeRecordStates(spec, EMPTY_RECORD_STATE, state);
      const drop = dropTomb(id, merged.deleted);
      if (merged.deleted) {
        deletes.push(id);
        tombPuts.push({ tbl, id, officeId, state: merged });
      } else {
        puts.push(storedRow(id, merged, spec.nullable));
        if (drop) tombDeletes.push([tbl, id]);
      }
    }
    await Promise.all([
      deletes.length ? table.bulkDelete(deletes) : null,
      putObservably(table, puts),
      tombDeletes.length ? tombs.bulkDelete(tombDeletes) : null,
      tombPuts.length ? tombs.bulkPut(tombPuts) : null,
    ]);
  }

  /** The live rows and tombstones of `ids` in `tbl`, by id. */
  private async readLocal(tbl: string, ids: string[]): Promise<LocalCopies> {
    const [lives, tombRows] = await Promise.all([
      (this.db.table(tbl) as Table<Row, string>).bulkGet(ids),
      (this.db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>).bulkGet(
        ids.map((id): [string, string] => [tbl, id]),
      ),
    ]);
    const out: LocalCopies = new Map();
    ids.forEach((id, i) => out.set(id, { live: lives[i], tomb: tombRows[i] }));
    return out;
  }

  /**
   * Merges pulled rows of one table into the local rows/tombstones (read first), in bulk.
   * `confirm`: records listed for re-sending leave the list when HQ's row contains them.
   */
  private async mergeRows(tbl: string, rows: IncomingRow[], confirm = false) {
    const spec = this.registry.get(tbl)!;
    const table = this.db.table(tbl) as Table<Row, string>;
    const tombs = this.db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;
    const known = await this.readLocal(
      tbl,
      rows.map((r) => r.id),
    );
    const puts: Row[] = [];
    const deletes: string[] = [];
    const tombPuts: TombstoneRow[] = [];
    const tombDeletes: Array<[string, string]> = [];
    const compared: Array<{ id: string; local: RecordState; remote: RecordState }> = [];
    rows.forEach(({ id, officeId, state: remote }) => {
      const copy = known.get(id);
      const live = copy?.live;
      const tomb = live ? undefined : copy?.tomb;
      const local = live ? rowState(live) : (tomb?.state ?? EMPTY_RECORD_STATE);
      if (confirm && (live || tomb)) compared.push({ id, local, remote });
      const merged = mergeRecordStates(spec, local, remote);
      if (merged.deleted) {
        if (live) deletes.push(id);
        tombPuts.push({ tbl, id, officeId, state: merged });
      } else {
        puts.push(storedRow(id, merged, spec.nullable));
        if (tomb) tombDeletes.push([tbl, id]);
      }
    });
    if (deletes.length) await table.bulkDelete(deletes);
    await putObservably(table, puts);
    if (tombDeletes.length) await tombs.bulkDelete(tombDeletes);
    if (tombPuts.length) await tombs.bulkPut(tombPuts);
    if (compared.length) await confirmPulled(this.db, tbl, compared);
  }

  /** Drops this partition's local copy, keeping records with unsent edits. */
  private async resetPartition(partition: string) {
    const pending = new Set<string>();
    await eachPendingMutation(this.db, (m) => {
      pending.add(`${m.tbl}\u0000${m.id}`);
      return true;
    });
    for (const spec of this.registry.tables) {
      const inPartition = (row: Row) =>
        spec.scope === 'shared' ? partition === SHARED_PARTITION : row.officeId === partition;
      if ((spec.scope === 'shared') !== (partition === SHARED_PARTITION)) continue;
      const table = this.db.table(spec.name) as Table<Row, string>;
      const ids = await table
        .filter((r) => inPartition(r) && !pending.has(`${spec.name}\u0000${String(r.id)}`))
        .primaryKeys();
      await table.bulkDelete(ids);
      const tombs = this.db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;
      await tombs
        .where('tbl')
        .equals(spec.name)
        .filter(
          (t) =>
            (spec.scope === 'shared' || t.officeId === partition) &&
            !pending.has(`${t.tbl}\u0000${t.id}`),
        )
        .delete();
    }
  }

  /**
   * Forgets tombstones deleted before `olderThanMs` ago (HQ purges its own after the same
   * horizon, default 90 days), except those whose delete is not yet acked by HQ.
   */
  async purgeTombstones(olderThanMs = TOMBSTONE_HORIZON_MS): Promise<number> {
    const cutoff = this.now() - olderThanMs;
    return this.db.transaction('rw', [TOMBSTONES, OUTBOX], async () => {
      const pending = new Set<string>();
      await eachPendingMutation(this.db, (m) => {
        pending.add(`${m.tbl}\u0000${m.id}`);
        return true;
      });
      const tombs = this.db.table(TOMBSTONES) as Table<TombstoneRow, [string, string]>;
      const old = await tombs
        .filter(
          (t) =>
            t.state.deletedHlc !== null &&
            hlcMillis(t.state.deletedHlc) < cutoff &&
            !pending.has(`${t.tbl}\u0000${t.id}`),
        )
        .primaryKeys();
      await tombs.bulkDelete(old);
      return old.length;
    });
  }

  /**
   * Erases every synced table and all sync state (after HQ revoked this device or moved
   * it to another office). Unsent changes are lost: call only when a person confirms.
   */
  async wipe(): Promise<void> {
    const tables = this.registry.tables.map((t) => t.name);
    await this.db.transaction(
      'rw',
      [...tables, TOMBSTONES, SYNC_STATE, OUTBOX, REJECTED, RESEND],
      async (tx) => {
        markRemoteTransaction(tx.idbtrans);
        for (const name of [...tables, TOMBSTONES, SYNC_STATE, OUTBOX, REJECTED, RESEND]) {
          await this.db.table(name).clear();
        }
      },
    );
  }

  /** Rejected changes, for the sync health screen. */
  async rejected(): Promise<RejectedRow[]> {
    return this.db.table(REJECTED).toArray();
  }
}

/**
 * Pulled data in the shape the app wrote it. For sync, null and absent are one value (a null
 * on the wire is a cleared field or a missing member of a field group, and a record created
 * with a null field sends nothing for it), so: nulls are dropped, except fields the table
 * declares `nullable`, which are always present (null when absent: a trip with no driver).
 */
export function localShape(
  data: Readonly<Record<string, unknown>>,
  nullable: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === null && !nullable.includes(k)) continue;
    out[k] = v;
  }
  for (const k of nullable) out[k] ??= null;
  return out;
}

/** A live record as stored: the local shape of its data, its register HLCs, its restore stamp. */
function storedRow(id: string, merged: RecordState, nullable?: readonly string[]): Row {
  const row = localShape(merged.data, nullable) as Row;
  row.id = id;
  // mergeRecordStates returns a new hlc map: stored as is, no copy.
  row._v = merged.hlc as Record<string, string>;
  row._dv = merged.deletedHlc;
  return row;
}

function countRows(res: PullResponse): number {
  let n = 0;
  for (const p of res.partitions) n += p.rows.length;
  return n;
}

function isPermanentRefusal(e: SyncRequestError): boolean {
  return (
    !e.retryable &&
    !e.fatal &&
    e.status >= 400 &&
    e.status < 500 &&
    e.code !== 'protocol_version_missing'
  );
}
