/**
 * Pull: returns current-state rows after the client's cursor, per partition the
 * device may read (its office + shared; HQ devices: every partition). Pages hold
 * at most `limit` (≤ 500) rows and about 1 MiB. A cursor from another epoch, behind
 * the tombstone horizon, or ahead of the server (restored backup) gets `reset`.
 */
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_CHANGES,
  type PulledPartition,
  type PulledRow,
  type PullRequest,
  type PullResponse,
} from '@shared/sync/protocol';
import { SHARED_PARTITION } from '@shared/sync/tables';
import type { HqDatabase } from '../db/connect';
import { getClientLastMutationId, touchDeviceSync, type Device } from '../repositories/devices';
import { getPartitions, listPartitionIds } from '../repositories/offices';
import { readChanges, rowToState } from '../repositories/records';

export async function readablePartitions(hq: HqDatabase, device: Device): Promise<string[]> {
  if (device.officeId === null) return listPartitionIds(hq.db);
  return [device.officeId, SHARED_PARTITION].sort();
}

/**
 * A device that only pulls (an HQ desk, a laptop with nothing to send) still syncs:
 * record it, at most once per interval so steady polling does not write on every pull.
 */
export const PULL_SYNC_TOUCH_INTERVAL_MS = 60_000;

export interface PullOptions {
  now: number;
  /** Page byte budget (tests lower it). */
  maxBytes?: number;
  /** App version the laptop sent (recorded when it changed). */
  appVersion?: string | null;
}

export async function servePull(
  hq: HqDatabase,
  device: Device,
  req: PullRequest,
  opts: PullOptions,
): Promise<PullResponse> {
  const partitionIds = await readablePartitions(hq, device);
  const partitions = await getPartitions(hq.db, partitionIds);
  let rowBudget = Math.min(req.limit ?? MAX_BATCH_CHANGES, MAX_BATCH_CHANGES);
  let byteBudget = opts.maxBytes ?? MAX_BATCH_BYTES;
  const out: PulledPartition[] = [];
  let more = false;

  for (const part of partitions) {
    const cursor = req.cursors[part.id];
    let reset = false;
    let restored = false;
    let from = 0;
    if (cursor) {
      // Behind the tombstone horizon: the laptop may hold records whose deletes were
      // purged, so it must drop its copy. Another epoch or a cursor past HQ's end: HQ went
      // back (a restored backup), so the laptop's copy holds what HQ lost: it sends it back.
      const behindHorizon = cursor.seq > 0 && cursor.seq < part.horizon_seq;
      const wentBack = cursor.epoch !== part.epoch || cursor.seq >= part.next_seq;
      if (behindHorizon || wentBack) {
        reset = true;
        restored = !behindHorizon;
      } else from = cursor.seq;
    }
    if (from === part.next_seq - 1 && !reset) {
      // Up to date: still report the cursor so a new client learns the epoch.
      out.push({
        partition: part.id,
        reset,
        ...(restored ? { restored } : {}),
        rows: [],
        cursor: { epoch: part.epoch, seq: from },
        more: false,
      });
      continue;
    }
    if (rowBudget <= 0 || byteBudget <= 0) {
      more = true;
      continue;
    }
    const dbRows = await readChanges(hq.db, part.id, from, rowBudget + 1);
    const rows: PulledRow[] = [];
    let partMore = false;
    for (const r of dbRows) {
      if (rows.length === rowBudget) {
        partMore = true;
        break;
      }
      const s = rowToState(r);
      const row: PulledRow = {
        tbl: r.tbl,
        id: r.id,
        officeId: part.id === SHARED_PARTITION ? null : part.id,
        data: s.data,
        hlc: s.hlc,
        deleted: s.deleted,
        deletedHlc: s.deletedHlc,
        seq: r.seq,
      };
      const size = Buffer.byteLength(r.data) + Buffer.byteLength(r.field_hlc) + 200;
      // Always ship at least one row, or one huge record would stall the partition.
      if (rows.length > 0 && size > byteBudget) {
        partMore = true;
        break;
      }
      rows.push(row);
      byteBudget -= size;
    }
    rowBudget -= rows.length;
    const last = rows.at(-1);
    out.push({
      partition: part.id,
      reset,
      ...(restored ? { restored } : {}),
      rows,
      cursor: { epoch: part.epoch, seq: last ? last.seq : from },
      more: partMore,
    });
    more ||= partMore;
  }
  const newVersion = !!opts.appVersion && opts.appVersion !== device.appVersion;
  if (
    !more &&
    (newVersion ||
      device.lastSyncAt === null ||
      opts.now - device.lastSyncAt >= PULL_SYNC_TOUCH_INTERVAL_MS)
  ) {
    await touchDeviceSync(hq.db, device.id, opts.now, opts.appVersion);
  }
  return {
    partitions: out,
    more,
    lastMutationId: await getClientLastMutationId(hq.db, device.id, req.clientId),
    serverTime: opts.now,
  };
}
