/**
 * The client sync engine over Dexie, one per database and HQ link. It holds the parts
 * together: pushing the outbox (push.ts), pulling and applying pages (pull.ts,
 * apply-pull.ts, pull-writes.ts), the re-send after an HQ restore (resend.ts) and the
 * local resets (local-reset.ts).
 */
import type { Dexie } from 'dexie';
import type { PullResponse } from '@shared/sync/protocol';
import type { TableRegistry } from '@shared/sync/tables';
import { applyPull } from './apply-pull';
import {
  clientIdOf,
  readCursors,
  type ClockReport,
  type Cursors,
  type SyncContext,
} from './client-state';
import { purgeTombstones, TOMBSTONE_HORIZON_MS } from './local-reset';
import { pendingMutationCount } from './outbox';
import { Puller } from './pull';
import type { PullRun } from './pull-writes';
import { OutboxPusher } from './push';
import { queueResends } from './resend';
import { OUTBOX, REJECTED, type OutboxRow, type RejectedRow } from './schema';
import { emptySyncStats, type SyncStats } from './stats';
import type { SyncTransport } from './transport';

export { emptySyncStats, type SyncStats } from './stats';
export { TOMBSTONE_HORIZON_MS } from './local-reset';
export { localShape, newPullRun, type PullRun } from './pull-writes';

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
  /** Bench A/B only (see SyncContext.pullPutRows). */
  pullPutRows?: number;
}

export class SyncEngine {
  private readonly ctx: SyncContext;
  private readonly pusher: OutboxPusher;
  private readonly puller: Puller;
  private readonly clock: ClockReport = { clockDriftDetected: false, serverClockOffsetMs: null };

  constructor(private readonly opts: SyncEngineOptions) {
    const missing = opts.registry.tables.filter(
      (t) => !opts.db.tables.some((d) => d.name === t.name),
    );
    if (missing.length > 0) {
      throw new Error(
        `Synced tables missing from the Dexie schema: ${missing.map((t) => t.name).join(', ')}`,
      );
    }
    this.ctx = {
      db: opts.db,
      registry: opts.registry,
      now: opts.now ?? Date.now,
      clock: this.clock,
      ...(opts.pullPutRows !== undefined ? { pullPutRows: opts.pullPutRows } : {}),
    };
    this.pusher = new OutboxPusher(this.ctx, opts.transport, {
      ...(opts.pushMaxChanges !== undefined ? { maxChanges: opts.pushMaxChanges } : {}),
      ...(opts.pushMaxBytes !== undefined ? { maxBytes: opts.pushMaxBytes } : {}),
    });
    this.puller = new Puller(this.ctx, opts.transport, {
      ...(opts.pullLimit !== undefined ? { limit: opts.pullLimit } : {}),
      ...(opts.pullIn !== undefined ? { pullIn: opts.pullIn } : {}),
    });
  }

  /** True when a pulled stamp was too far ahead of this laptop's clock. */
  get clockDriftDetected(): boolean {
    return this.clock.clockDriftDetected;
  }
  set clockDriftDetected(value: boolean) {
    this.clock.clockDriftDetected = value;
  }

  /** HQ time minus local time at the last response (the UI warns beyond 1 minute). */
  get serverClockOffsetMs(): number | null {
    return this.clock.serverClockOffsetMs;
  }
  set serverClockOffsetMs(value: number | null) {
    this.clock.serverClockOffsetMs = value;
  }

  clientId(): Promise<string> {
    return clientIdOf(this.opts.db);
  }

  /** Changes not yet acked by HQ. */
  pendingCount(): Promise<number> {
    return pendingMutationCount(this.opts.db);
  }

  async oldestPendingAt(): Promise<number | null> {
    const first = (await this.opts.db.table(OUTBOX).orderBy('seq').first()) as
      OutboxRow | undefined;
    return first ? first.at : null;
  }

  /** Push, then pull until up to date, then push what arrived meanwhile. */
  async sync(): Promise<SyncStats> {
    const stats = emptySyncStats();
    await this.pushAll(stats);
    await this.pullAll(stats);
    // After HQ restored a backup: what the download showed HQ lacks goes out now.
    await queueResends(this.opts.db, this.opts.registry, new Set(this.opts.readOnlyTables ?? []));
    await this.pushAll(stats);
    return stats;
  }

  pushAll(stats?: SyncStats): Promise<void> {
    return this.pusher.pushAll(stats);
  }

  /** Sends one batch; returns how many outbox rows it covered (0 = outbox empty). */
  pushBatch(stats?: SyncStats): Promise<number> {
    return this.pusher.pushBatch(stats);
  }

  /** Pulls until up to date (in the pull worker where there is one). */
  pullAll(stats?: SyncStats): Promise<void> {
    return this.puller.pullAll(stats);
  }

  /** One pull request and its apply (no read-ahead). */
  pullPage(stats?: SyncStats): Promise<boolean> {
    return this.puller.pullPage(stats);
  }

  readCursors(): Promise<Cursors> {
    return readCursors(this.ctx);
  }

  /** Applies one pull page and its cursors atomically (see apply-pull.ts). */
  applyPull(res: PullResponse, run?: PullRun, asked?: Cursors): Promise<Cursors | null> {
    return applyPull(this.ctx, res, run, asked);
  }

  /**
   * Forgets tombstones deleted before `olderThanMs` ago (HQ purges its own after the same
   * horizon, default 90 days), except those whose delete is not yet acked by HQ.
   */
  purgeTombstones(olderThanMs = TOMBSTONE_HORIZON_MS): Promise<number> {
    return purgeTombstones(this.opts.db, this.ctx.now() - olderThanMs);
  }

  /** Rejected changes, for the sync health screen. */
  rejected(): Promise<RejectedRow[]> {
    return this.opts.db.table(REJECTED).toArray();
  }
}
