/**
 * Sends this laptop's access records to HQ after each successful sync (sync-protocol.md §11):
 * every entry after the link's cursor, oldest first, in batches of ≤ 500 entries or ≤ 1 MiB.
 * HQ stores them idempotently by (device, seq), so a lost answer only means a resend. What
 * HQ acknowledged leaves the laptop (HQ keeps it for years): the log keeps the unsent tail
 * and the chain head, which the next entry links to.
 *
 * A new link never sends again what an earlier link of this laptop delivered: a relink hands
 * HQ the old credential and continues the old chain after HQ's head (`continueChain`); a link
 * after an unlink starts a new chain from the first entry (the unlink sent the log and emptied
 * it, `forgetDeliveredLog`), or, when the unlink could not send everything, after the highest
 * entry any earlier link delivered (HQ flags the gap to the entries it holds under the old
 * device).
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
import { ACCESS_LOG, ACCESS_LOG_CURSORS } from './stores';

interface CursorRow {
  deviceId: string;
  seq: number;
}

/** The last entry HQ holds for this link; for a link not seen yet, what earlier links delivered. */
export async function sentThrough(db: Dexie, deviceId: string): Promise<number> {
  const cursors = db.table<CursorRow, string>(ACCESS_LOG_CURSORS);
  const row = await cursors.get(deviceId);
  if (row) return row.seq;
  let delivered = 0;
  await cursors.each((c) => {
    delivered = Math.max(delivered, c.seq);
  });
  return delivered;
}

/** A relink: HQ continues the old link's chain under `deviceId` after its entry `seq`. */
export async function continueChain(db: Dexie, deviceId: string, seq: number): Promise<void> {
  await db.table<CursorRow, string>(ACCESS_LOG_CURSORS).put({ deviceId, seq });
  await pruneDelivered(db, seq);
}

/** Drops entries HQ acknowledged, keeping the chain head (the entry `seq`). */
async function pruneDelivered(db: Dexie, seq: number): Promise<void> {
  await db.table(ACCESS_LOG).where(':id').below(seq).delete();
}

/**
 * Before an unlink: when HQ holds every entry (the push just ran), the log and its cursors
 * are emptied, so the laptop's next link starts a chain of its own from the first entry.
 * Returns whether it did (entries still unsent stay, for the next link to send).
 */
export async function forgetDeliveredLog(db: Dexie, deviceId: string): Promise<boolean> {
  return db.transaction('rw', [ACCESS_LOG, ACCESS_LOG_CURSORS], async () => {
    const cursor = await sentThrough(db, deviceId);
    if ((await db.table(ACCESS_LOG).where(':id').above(cursor).count()) > 0) return false;
    await db.table(ACCESS_LOG).clear();
    await db.table(ACCESS_LOG_CURSORS).clear();
    return true;
  });
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
    await pruneDelivered(db, cursor);
  }
}
