/**
 * HQ's side of the access-record stream (sync-protocol.md §11): entries are stored
 * append-only per (device, seq), idempotently, and each device's chain is verified as they
 * arrive. Nothing is silently accepted: a gap, an edited entry, a broken link, an entry out
 * of order or a second, different entry with a seq HQ already holds (a fork) is kept and
 * recorded as a chain flag for the monthly review.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import {
  GENESIS_HASH,
  entryHash,
  type AccessEntry,
  type AccessPushResponse,
  type ChainFlagKind,
} from '@shared/audit';
import type { HqDatabase } from '../db/connect';
import type { HqSchema } from '../db/schema';
import { withWriteTransaction } from '../db/transaction';
import type { Device } from '../repositories/devices';

const LOOKUP_CHUNK = 200;
/** Rows per INSERT: 13 columns each stays far under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 500;

/** Node's SHA-256 (OpenSSL): the same hash as the laptops' portable one, several times faster. */
const nodeSha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface FlagRow {
  device_id: string;
  office_id: string | null;
  seq: number;
  kind: ChainFlagKind;
  missing: number | null;
  detail: string | null;
  detected_at: number;
}

export async function acceptAccessEntries(
  hq: HqDatabase,
  device: Device,
  entries: readonly AccessEntry[],
  now: number,
): Promise<AccessPushResponse> {
  return withWriteTransaction(hq, async (trx) => {
    // One pusher per device at a time (SQLite: BEGIN IMMEDIATE already serialises writers).
    if (hq.dialect === 'postgres') {
      await sql`select id from devices where id = ${device.id} for update`.execute(trx);
    }
    const chain = await trx
      .selectFrom('access_chains')
      .select(['head_seq', 'head_hash'])
      .where('device_id', '=', device.id)
      .executeTakeFirst();
    let head = chain
      ? { seq: Number(chain.head_seq), hash: chain.head_hash }
      : { seq: 0, hash: GENESIS_HASH };
    const held = new Map<number, string>();
    // Only numbers up to the head can be held (the head is the highest stored): a laptop
    // appending its next entries, the usual push, needs no lookup at all.
    const seqs = [...new Set(entries.filter((e) => e.seq <= head.seq).map((e) => e.seq))];
    for (let i = 0; i < seqs.length; i += LOOKUP_CHUNK) {
      const rows = await trx
        .selectFrom('access_entries')
        .select(['seq', 'hash'])
        .where('device_id', '=', device.id)
        .where('seq', 'in', seqs.slice(i, i + LOOKUP_CHUNK))
        .execute();
      for (const r of rows) held.set(Number(r.seq), r.hash);
    }

    const flags: FlagRow[] = [];
    const flag = (e: AccessEntry, kind: ChainFlagKind, extra: Partial<FlagRow> = {}) =>
      flags.push({
        device_id: device.id,
        office_id: device.officeId,
        seq: e.seq,
        kind,
        missing: null,
        detail: null,
        detected_at: now,
        ...extra,
      });
    const inserts: HqSchema['access_entries'][] = [];
    let duplicates = 0;
    for (const e of entries) {
      const known = held.get(e.seq);
      if (known !== undefined) {
        if (known === e.hash) duplicates++;
        // A second, different entry under a number HQ holds: the chain forked. The first
        // stays; the other is kept in the flag for the auditor.
        else flag(e, 'fork', { detail: JSON.stringify(e) });
        continue;
      }
      if (entryHash(e, nodeSha256Hex) !== e.hash) flag(e, 'edited');
      if (e.seq === head.seq + 1) {
        if (e.prevHash !== head.hash) flag(e, 'broken_link');
      } else if (e.seq > head.seq + 1) {
        flag(e, 'gap', { missing: e.seq - head.seq - 1 });
      } else {
        flag(e, 'reordered');
      }
      held.set(e.seq, e.hash);
      if (e.seq > head.seq) head = { seq: e.seq, hash: e.hash };
      inserts.push({
        device_id: device.id,
        seq: e.seq,
        office_id: device.officeId,
        at: e.at,
        action: e.action,
        object: e.object,
        staff_id: e.staffId,
        staff_name: e.staffName,
        subject_count: e.count,
        reason_code: e.reason?.code ?? null,
        hash: e.hash,
        entry: JSON.stringify(e),
        received_at: now,
      });
    }
    if (hq.sqlite) insertOnSqlite(hq.sqlite, inserts);
    else {
      for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('access_entries')
          .values(inserts.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    }
    if (flags.length) await trx.insertInto('access_chain_flags').values(flags).execute();
    await saveHead(trx, device.id, head, Boolean(chain));
    return {
      stored: inserts.length,
      duplicates,
      flagged: flags.length,
      headSeq: head.seq,
    };
  });
}

const ENTRY_COLUMNS = [
  'device_id',
  'seq',
  'office_id',
  'at',
  'action',
  'object',
  'staff_id',
  'staff_name',
  'subject_count',
  'reason_code',
  'hash',
  'entry',
  'received_at',
] as const satisfies readonly (keyof HqSchema['access_entries'])[];
const insertStatements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/**
 * SQLite: one prepared single-row INSERT, run per entry on the transaction's connection
 * (better-sqlite3 has one; the write transaction is open on it). A push of 500 entries then
 * costs no SQL compilation and no 6,500-parameter statement (the profile's largest item).
 */
function insertOnSqlite(handle: BetterSqlite3.Database, rows: HqSchema['access_entries'][]) {
  let statement = insertStatements.get(handle);
  if (!statement) {
    statement = handle.prepare(
      `insert into access_entries (${ENTRY_COLUMNS.join(', ')}) values (${ENTRY_COLUMNS.map(() => '?').join(', ')})`,
    );
    insertStatements.set(handle, statement);
  }
  for (const row of rows) statement.run(ENTRY_COLUMNS.map((c) => row[c]));
}

async function saveHead(
  trx: Kysely<HqSchema>,
  deviceId: string,
  head: { seq: number; hash: string },
  exists: boolean,
): Promise<void> {
  if (exists) {
    await trx
      .updateTable('access_chains')
      .set({ head_seq: head.seq, head_hash: head.hash })
      .where('device_id', '=', deviceId)
      .execute();
  } else if (head.seq > 0) {
    await trx
      .insertInto('access_chains')
      .values({ device_id: deviceId, head_seq: head.seq, head_hash: head.hash })
      .execute();
  }
}

export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 730;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes access records (and chain flags) older than the retention period (default two
 * years; PIPA's safety standards ask for at least one to two). The chain heads stay, so
 * entries arriving later are still verified against what came before.
 */
export async function purgeAccessLog(
  hq: HqDatabase,
  now: number,
  retentionDays = DEFAULT_ACCESS_LOG_RETENTION_DAYS,
): Promise<{ entries: number; flags: number }> {
  const cutoff = now - retentionDays * DAY_MS;
  return withWriteTransaction(hq, async (trx) => {
    const entries = await trx
      .deleteFrom('access_entries')
      .where('at', '<', cutoff)
      .executeTakeFirst();
    const flags = await trx
      .deleteFrom('access_chain_flags')
      .where('detected_at', '<', cutoff)
      .executeTakeFirst();
    return { entries: Number(entries.numDeletedRows), flags: Number(flags.numDeletedRows) };
  });
}
