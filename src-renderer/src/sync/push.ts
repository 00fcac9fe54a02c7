/**
 * Pushing the outbox: batches of at most 500 changes or 1 MiB, in order; rows leave the
 * outbox only after HQ acks them (a lost ack is a harmless resend), and a change HQ
 * refuses for good is set aside in `_rejected` instead of blocking the queue.
 */
import { MAX_BATCH_BYTES, MAX_BATCH_CHANGES, type Mutation } from '@shared/sync/protocol';
import { clientIdOf, rotateClientId, type SyncContext } from './client-state';
import { ackOutbox, eachPendingMutation, removeMutation } from './outbox';
import { OUTBOX, REJECTED, type RejectedRow } from './schema';
import type { SyncStats } from './stats';
import { SyncRequestError, type SyncTransport } from './transport';

export interface PushLimits {
  /** ≤ 500 changes, ≤ 1 MiB (smaller in tests). */
  maxChanges?: number;
  maxBytes?: number;
}

const encoder = new TextEncoder();

/** A 4xx that no retry will change (not auth, not the protocol version). */
export function isPermanentRefusal(e: SyncRequestError): boolean {
  return (
    !e.retryable &&
    !e.fatal &&
    e.status >= 400 &&
    e.status < 500 &&
    e.code !== 'protocol_version_missing'
  );
}

export class OutboxPusher {
  constructor(
    private readonly ctx: SyncContext,
    private readonly transport: SyncTransport,
    private readonly limits: PushLimits = {},
  ) {}

  async pushAll(stats?: SyncStats): Promise<void> {
    for (;;) {
      const n = await this.pushBatch(stats);
      if (n === 0) return;
    }
  }

  /** The next changes to send, in outbox order, within the batch limits. */
  async nextBatch(): Promise<Mutation[]> {
    const maxChanges = Math.min(this.limits.maxChanges ?? MAX_BATCH_CHANGES, MAX_BATCH_CHANGES);
    const maxBytes = Math.min(this.limits.maxBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
    const batch: Mutation[] = [];
    let bytes = 0;
    await eachPendingMutation(this.ctx.db, (m) => {
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
    const clientId = await clientIdOf(this.ctx.db);
    try {
      const res = await this.transport.push({ clientId, mutations: batch });
      this.ctx.clock.serverClockOffsetMs = res.serverTime - this.ctx.now();
      if (stats) {
        stats.pushRequests++;
        stats.pushed += batch.length;
      }
      if (res.lastMutationId > batch[batch.length - 1]!.mid) {
        // HQ has seen higher ids from this client id than we ever sent: this profile was
        // restored from a copy, and HQ just skipped our changes as replays. Continue under a
        // new client id; the next round re-sends them (merging is idempotent).
        await rotateClientId(this.ctx.db);
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
      const res = await this.transport.push({ clientId, mutations: [m] });
      if (stats) {
        stats.pushRequests++;
        stats.pushed++;
      }
      if (res.lastMutationId > m.mid) return rotateClientId(this.ctx.db); // see pushBatch
      await this.ack(res.lastMutationId);
    } catch (e) {
      if (!(e instanceof SyncRequestError) || !isPermanentRefusal(e)) throw e;
      await this.reject(m, e, stats);
    }
  }

  private async reject(m: Mutation, e: SyncRequestError, stats?: SyncStats) {
    const { db } = this.ctx;
    await db.transaction('rw', [OUTBOX, REJECTED], async () => {
      const row: RejectedRow = {
        mutation: m,
        code: e.code,
        message: e.message,
        at: this.ctx.now(),
      };
      await db.table(REJECTED).add(row);
      await removeMutation(db, m.mid);
    });
    if (stats) stats.rejected++;
  }

  /** Acked mutations leave the outbox (only now: a lost ack means a harmless resend). */
  private async ack(lastMutationId: number) {
    const { db } = this.ctx;
    await db.transaction('rw', OUTBOX, () => ackOutbox(db, lastMutationId));
  }
}
