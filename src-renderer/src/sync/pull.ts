/**
 * Pulling until up to date: in the page's pull worker when there is one (pull.worker.ts,
 * its own Dexie handle on this database), else in this thread with one page read ahead.
 * Either way each page is applied together with its cursors (apply-pull.ts).
 */
import { MAX_BATCH_CHANGES, type PullResponse } from '@shared/sync/protocol';
import { applyPull } from './apply-pull';
import {
  clientIdOf,
  readCursors,
  readPullStart,
  type PullStart,
  type SyncContext,
} from './client-state';
import {
  PullWorkerFailure,
  PullWorkerUnavailableError,
  pullWorker,
  type PullWorkerResult,
} from './pull-worker-client';
import { newPullRun } from './pull-writes';
import type { SyncStats } from './stats';
import type { SyncTransport } from './transport';
import { sealingKeyFor } from '../data/encryption/data-key';

export interface PullOptions {
  /** Rows per pull page (≤ 500). */
  limit?: number;
  /** 'auto': in the pull worker where there is one; 'thread': always here. */
  pullIn?: 'auto' | 'thread';
}

function countRows(res: PullResponse): number {
  let n = 0;
  for (const p of res.partitions) n += p.rows.length;
  return n;
}

export class Puller {
  private workerBroken = false;
  /** Where this engine's next pull starts (kept after each page it applies). */
  private lastPullStart: PullStart | null = null;

  constructor(
    private readonly ctx: SyncContext,
    private readonly transport: SyncTransport,
    private readonly opts: PullOptions = {},
  ) {}

  private get limit(): number {
    return Math.min(this.opts.limit ?? MAX_BATCH_CHANGES, MAX_BATCH_CHANGES);
  }

  /**
   * Pulls until up to date: in the pull worker when there is one (see `pullIn`), else here.
   * Either way each page and its cursors are applied in one IndexedDB transaction.
   */
  async pullAll(stats?: SyncStats): Promise<void> {
    const endpoint = this.transport.endpoint;
    const worker =
      this.opts.pullIn !== 'thread' && endpoint && !this.workerBroken ? pullWorker() : null;
    if (worker && endpoint) {
      try {
        const r = await worker.pullAll({
          dbName: this.ctx.db.name,
          baseUrl: endpoint.baseUrl,
          credential: endpoint.credential,
          dataKey: sealingKeyFor(this.ctx.db.name),
          tables: this.ctx.registry.tables.map((t) => ({
            name: t.name,
            scope: t.scope,
            ...(t.fieldGroups ? { fieldGroups: t.fieldGroups } : {}),
            ...(t.nullable ? { nullable: t.nullable } : {}),
          })),
          ...(this.opts.limit !== undefined ? { pullLimit: this.opts.limit } : {}),
          ...(this.ctx.pullPutRows !== undefined ? { pullPutRows: this.ctx.pullPutRows } : {}),
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
    if (r.serverClockOffsetMs !== null) this.ctx.clock.serverClockOffsetMs = r.serverClockOffsetMs;
    if (r.clockDriftDetected) this.ctx.clock.clockDriftDetected = true;
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
      const start = this.lastPullStart ?? (await readPullStart(this.ctx));
      this.lastPullStart = null;
      const done = await this.pullFrom(start, stats);
      if (done) return;
      // Another engine (the page, a reset, a wipe) moved the cursors: read them and go on.
      if (attempt > 3) throw new Error('pull cursors keep changing');
    }
  }

  /** Pages from `start` until up to date; false when the stored cursors were not `start`'s. */
  private async pullFrom(start: PullStart, stats?: SyncStats): Promise<boolean> {
    const { clientId } = start;
    const limit = this.limit;
    const run = newPullRun();
    let sent = start.cursors;
    let next: Promise<PullResponse> | null = this.transport.pull({
      clientId,
      cursors: sent,
      limit,
    });
    for (let pages = 0; next; pages++) {
      const res: PullResponse = await next;
      this.ctx.clock.serverClockOffsetMs = res.serverTime - this.ctx.now();
      const asked = sent;
      next = null;
      if (res.more) {
        // A server that keeps saying "more" without progress must not spin forever.
        if (pages > 100_000) throw new Error('pull did not converge');
        sent = { ...sent };
        for (const p of res.partitions) sent[p.partition] = p.cursor;
        next = this.transport.pull({ clientId, cursors: sent, limit });
        // Awaited on the next round; if this page fails to apply, nobody will.
        next.catch(() => undefined);
      }
      const stored = await applyPull(this.ctx, res, run, asked);
      if (!stored) return false;
      this.lastPullStart = { clientId, cursors: stored };
      if (stats) {
        stats.pullRequests++;
        stats.pulledRows += countRows(res);
      }
    }
    return true;
  }

  /** One pull request and its apply (no read-ahead). */
  async pullPage(stats?: SyncStats): Promise<boolean> {
    const clientId = await clientIdOf(this.ctx.db);
    const cursors = await readCursors(this.ctx);
    const res = await this.transport.pull({ clientId, cursors, limit: this.limit });
    this.ctx.clock.serverClockOffsetMs = res.serverTime - this.ctx.now();
    await applyPull(this.ctx, res);
    if (stats) {
      stats.pullRequests++;
      stats.pulledRows += countRows(res);
    }
    return res.more;
  }
}
