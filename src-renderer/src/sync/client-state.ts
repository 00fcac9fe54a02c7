/**
 * This database's sync identity and position, shared by push, pull and the local
 * resets: the client id (with the HLC in `_syncState`), the stored pull cursors and
 * what HQ's answers said about the clocks.
 */
import type { Dexie } from 'dexie';
import type { TableRegistry } from '@shared/sync/tables';
import {
  CURSORS_KEY,
  LOCAL_STATE_KEY,
  SYNC_STATE,
  type CursorState,
  type LocalSyncState,
} from './schema';

/** What every part of the engine works on. */
export interface SyncContext {
  readonly db: Dexie;
  readonly registry: TableRegistry;
  readonly now: () => number;
  /** What HQ's answers said about the clocks (the engine exposes it). */
  readonly clock: ClockReport;
  /**
   * Bench A/B only: rows per put request when a pulled page is written (the old path wrote
   * requests of < 50 rows, which Dexie names by key). Unset: one request per table per page.
   */
  readonly pullPutRows?: number;
}

export interface ClockReport {
  /** True when a pulled stamp was too far ahead of this laptop's clock. */
  clockDriftDetected: boolean;
  /** HQ time minus local time at the last response (the UI warns beyond 1 minute). */
  serverClockOffsetMs: number | null;
}

export type Cursors = CursorState['cursors'];

/** Where a pull starts: the client id to send and the cursors to ask from. */
export type PullStart = { clientId: string; cursors: Cursors };

/** The synced tables' names: stored with the cursors (a new table means a new download). */
export function tableFingerprint(registry: TableRegistry): string {
  return registry.tables
    .map((t) => t.name)
    .sort()
    .join(',');
}

/** The same cursor (epoch and sequence) for the same partitions. */
export function sameCursors(a: Cursors, b: Cursors): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => b[k]?.epoch === a[k]!.epoch && b[k]?.seq === a[k]!.seq);
}

/** This database's client id, created (in a write) the first time. */
export async function clientIdOf(db: Dexie): Promise<string> {
  return db.transaction('rw', SYNC_STATE, async () => {
    const t = db.table<LocalSyncState, string>(SYNC_STATE);
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

/** A new client id, keeping the clock (HQ took this profile for a restored copy). */
export async function rotateClientId(db: Dexie): Promise<void> {
  await db.transaction('rw', SYNC_STATE, async () => {
    const t = db.table<LocalSyncState, string>(SYNC_STATE);
    const s = await t.get(LOCAL_STATE_KEY);
    await t.put({ key: LOCAL_STATE_KEY, clientId: crypto.randomUUID(), hlc: s?.hlc ?? null });
  });
}

export async function readCursors(ctx: SyncContext): Promise<Cursors> {
  const s = (await ctx.db.table(SYNC_STATE).get(CURSORS_KEY)) as CursorState | undefined;
  // A new synced table in this app version: download everything again (merge is idempotent).
  return s && s.tables === tableFingerprint(ctx.registry) ? s.cursors : {};
}

export async function readPullStart(ctx: SyncContext): Promise<PullStart> {
  // One read for both (the client id is created, in a write, only the first time).
  const [known, cursors] = await ctx.db.transaction('r', SYNC_STATE, () =>
    Promise.all([
      ctx.db.table(SYNC_STATE).get(LOCAL_STATE_KEY) as Promise<LocalSyncState | undefined>,
      readCursors(ctx),
    ]),
  );
  return { clientId: known?.clientId ?? (await clientIdOf(ctx.db)), cursors };
}
