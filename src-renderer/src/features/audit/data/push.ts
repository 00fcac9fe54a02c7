/**
 * Sends this laptop's access records to HQ after each successful sync (sync-protocol.md §11):
 * every entry after the link's cursor, oldest first, in batches of ≤ 500 entries or ≤ 1 MiB.
 * HQ stores them idempotently by (device, seq), so a lost answer only means a resend. A new
 * HQ link (another device id) starts from the first entry: HQ verifies each device's chain
 * from its start.
 */
import type { Dexie } from 'dexie';
import {
  ACCESS_LOG_PATHS,
  MAX_ACCESS_BATCH,
  MAX_ACCESS_BATCH_BYTES,
  accessPushResponseSchema,
  type AccessEntry,
} from '@shared/audit';
import { postToHq } from '../../../sync';
import type { SyncLink } from '../../sync-ui';
import { getAccessLog } from './access-log';
import { ACCESS_LOG_CURSORS } from './stores';

interface CursorRow {
  deviceId: string;
  seq: number;
}

export async function sentThrough(db: Dexie, deviceId: string): Promise<number> {
  const row = await db.table<CursorRow, string>(ACCESS_LOG_CURSORS).get(deviceId);
  return row?.seq ?? 0;
}

/** Entries within the byte budget (at least one: a single entry is always under the limit). */
function withinBudget(entries: AccessEntry[]): AccessEntry[] {
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    bytes += JSON.stringify(entries[i]).length + 1;
    if (bytes > MAX_ACCESS_BATCH_BYTES && i > 0) return entries.slice(0, i);
  }
  return entries;
}

/** Pushes every unsent entry; returns how many went out. */
export async function pushAccessLog(db: Dexie, link: SyncLink): Promise<number> {
  const log = getAccessLog(db);
  let cursor = await sentThrough(db, link.deviceId);
  let sent = 0;
  for (;;) {
    const batch = withinBudget(await log.after(cursor, MAX_ACCESS_BATCH));
    if (batch.length === 0) return sent;
    await postToHq(
      {
        baseUrl: link.hqUrl,
        credential: link.credential,
        ...(link.fetch ? { fetch: link.fetch } : {}),
      },
      ACCESS_LOG_PATHS.push,
      { entries: batch },
      accessPushResponseSchema,
    );
    cursor = batch[batch.length - 1]!.seq;
    sent += batch.length;
    await db
      .table<CursorRow, string>(ACCESS_LOG_CURSORS)
      .put({ deviceId: link.deviceId, seq: cursor });
  }
}
