import type Dexie from 'dexie';
import { DUPLICATE_REASONS, duplicateKeys, type DuplicateReason } from '@shared/crm/duplicates';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { CACHES, CHANGE_LOG, type ChangeLogEntry } from '../../../data/change-log';
import { chunkRow, openedChunkOrNull } from '../../../data/encryption/chunk-cipher';
import { sealingKeyFor } from '../../../data/encryption/data-key';
import { buyerComparator } from './buyer-order';
import { toRow, type BuyerRow } from './buyer-rows';

/**
 * The CRM index's persisted snapshot: the list rows in name order with each
 * buyer's duplicate keys and its contacts' and talks' ids, and the search
 * documents (encoded by the search worker), as of change-log seq `seq`
 * (data/change-log.ts). Opening the app reads it instead of every buyer and
 * contact and instead of building every search document; the log entries after
 * `seq` are then applied like any write. No state here: reads and writes only.
 *
 * Validity, each checked before anything is shown from it: the format number,
 * the database version, fingerprints of what this code derives from a fixed
 * buyer (rows, name order, duplicate keys; the worker checks its documents'),
 * every chunk present and parseable; and the log: entries after `seq` pruned
 * (another window saved a newer snapshot) or a range delete (wipe) mean a full
 * build. A wipe also deletes the snapshot in its own transaction.
 *
 * One writer (the CRM index in the page, `writeSnapshot`), one store (`_caches`,
 * keys `crm:…`), every part a string: what issue 14 encrypts.
 */
export const SNAPSHOT_FORMAT = 1;
/** Rows per row chunk (one JSON.parse of a chunk stays a short task on a loaded laptop). */
export const ROW_CHUNK = 500;
/** Search documents per document chunk (parsed in the worker). */
export const DOC_CHUNK = 1_000;
const META_KEY = 'crm:meta';
/** How far the log was pruned (kept when a snapshot is dropped; a wipe logs a range delete). */
const PRUNED_KEY = 'crm:pruned';

export interface SnapshotMeta {
  key: typeof META_KEY;
  format: number;
  id: string;
  /** The last change-log entry the snapshot reflects. */
  seq: number;
  verno: number;
  total: number;
  rowKeys: string[];
  docKeys: string[];
  rowsFingerprint: string;
  docsFingerprint: string;
}

/** Duplicate keys of one buyer with the contact each came from (DuplicateIndex.exportBuyer). */
export type DupeEntries = [DuplicateReason, string, string | null][];

/** One row chunk, as stored (JSON). Parallel arrays: one entry per row. */
export interface RowChunk {
  rows: BuyerRow[];
  dupes: DupeEntries[];
  contacts: string[][];
  talks: string[][];
}

/** What this code derives from a fixed buyer: a snapshot of other code is not used. */
export function rowsFingerprint(): string {
  const at = '2020-01-01T00:00:00.000Z';
  const buyer = (id: string, nameNative: string, nameScript: string, reading = '') =>
    ({
      id,
      officeId: 'probe',
      nameNative,
      nameLatin: `${id} Ltd.`,
      reading,
      nameScript,
      country: 'JP',
      city: 'Osaka',
      status: 'active',
      industries: ['food'],
      tags: ['Probe'],
      website: 'https://probe.example',
      notes: '',
      createdAt: at,
      updatedAt: at,
    }) as unknown as BuyerCompany;
  const probes = [
    buyer('p1', '株式会社山田商事', 'ja', 'ヤマダショウジ'),
    buyer('p2', '张氏贸易有限公司', 'zh'),
    buyer('p3', '삼성물산', 'ko'),
    buyer('p4', 'Công ty Đông Á', 'vi'),
  ];
  const contact = {
    id: 'pc',
    buyerId: 'p1',
    officeId: 'probe',
    familyName: '山田',
    givenName: '太郎',
    latinFamily: 'Yamada',
    latinGiven: 'Taro',
    reading: 'ヤマダ タロウ',
    title: '',
    notes: '',
    nameScript: 'ja',
    emails: ['taro@probe.example'],
    phones: [{ e164: '+81612345678' }],
    messengers: [{ channel: 'line', handle: 'taro' }],
  } as unknown as Contact;
  const rows = new Map(probes.map((b) => [b.id, toRow(b, 1, null)]));
  const order = probes.map((b) => b.id).sort(buyerComparator('name', 'en', rows));
  return JSON.stringify([
    SNAPSHOT_FORMAT,
    [...rows.values()],
    order,
    duplicateKeys({ buyer: probes[0]!, contacts: [contact] }),
  ]);
}

const caches = (db: Dexie) =>
  db.table<{ key: string; json?: string; _gcm?: Uint8Array; seq?: number }, string>(CACHES);
const log = (db: Dexie) => db.table<ChangeLogEntry, number>(CHANGE_LOG);

/** True when the database has the change log (schema version 8 and later). */
export function hasChangeLog(db: Dexie): boolean {
  return db.tables.some((t) => t.name === CHANGE_LOG);
}

/** The seq of the last change-log entry (0 when empty). */
export async function lastSeq(db: Dexie): Promise<number> {
  const last = await log(db).orderBy(':id').lastKey();
  return typeof last === 'number' ? last : 0;
}

export interface StoredSnapshot {
  meta: SnapshotMeta;
}

function isMeta(value: unknown): value is SnapshotMeta {
  const m = value as Partial<SnapshotMeta> | undefined;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.id === 'string' &&
    typeof m.seq === 'number' &&
    typeof m.total === 'number' &&
    Array.isArray(m.rowKeys) &&
    Array.isArray(m.docKeys) &&
    typeof m.docsFingerprint === 'string'
  );
}

/**
 * The snapshot's meta, or null when there is none or it cannot be used by this
 * code on this database. Its chunks are read one at a time (`readChunk`): each
 * is opened (issue 14) as it is read, so no single task opens them all.
 */
export async function readSnapshot(db: Dexie): Promise<StoredSnapshot | null> {
  if (!hasChangeLog(db)) return null;
  const meta: unknown = await caches(db).get(META_KEY);
  if (!isMeta(meta)) return null;
  if (
    meta.format !== SNAPSHOT_FORMAT ||
    meta.verno !== db.verno ||
    meta.rowsFingerprint !== rowsFingerprint()
  ) {
    return null;
  }
  return { meta };
}

/**
 * One chunk of a snapshot (its JSON), or null when it is gone: a newer snapshot
 * replaced this one meanwhile (its chunks are deleted with its meta).
 */
export async function readChunk(db: Dexie, key: string): Promise<string | null> {
  return openedChunkOrNull(sealingKeyFor(db.name), CACHES, key, await caches(db).get(key));
}

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** One row chunk; throws when it is not one (a corrupt snapshot). */
export function parseRowChunk(json: string): RowChunk {
  const chunk = JSON.parse(json) as Partial<RowChunk> | null;
  const rows = chunk?.rows;
  if (
    !chunk ||
    !Array.isArray(rows) ||
    !Array.isArray(chunk.dupes) ||
    !Array.isArray(chunk.contacts) ||
    !Array.isArray(chunk.talks) ||
    chunk.dupes.length !== rows.length ||
    chunk.contacts.length !== rows.length ||
    chunk.talks.length !== rows.length
  ) {
    throw new Error('crm snapshot: bad row chunk');
  }
  const reasons = new Set<string>(DUPLICATE_REASONS);
  rows.forEach((r, i) => {
    const row = r as Partial<BuyerRow> | null;
    if (
      typeof row?.id !== 'string' ||
      typeof row.nameNative !== 'string' ||
      typeof row.nameLatin !== 'string' ||
      typeof row.country !== 'string' ||
      typeof row.contactCount !== 'number' ||
      !Array.isArray(row.industries) ||
      !Array.isArray(row.tags) ||
      typeof row.nameKey?.primary !== 'string' ||
      !isStringList(chunk.contacts![i]) ||
      !isStringList(chunk.talks![i]) ||
      !Array.isArray(chunk.dupes![i]) ||
      !chunk.dupes![i]!.every(
        (e) => Array.isArray(e) && reasons.has(e[0] as string) && typeof e[1] === 'string',
      )
    ) {
      throw new Error('crm snapshot: bad row');
    }
  });
  return chunk as RowChunk;
}

export interface LogSince {
  entries: ChangeLogEntry[];
  /** The last seq read (`after` when none). */
  lastSeq: number;
  /** Entries after `after` were deleted: what changed since cannot be known. */
  pruned: boolean;
}

/** The change-log entries after `after`, and whether some were pruned (one transaction). */
export async function readLogSince(db: Dexie, after: number): Promise<LogSince> {
  return db.transaction('r', [CHANGE_LOG, CACHES], async () => {
    const marker = (await caches(db).get(PRUNED_KEY)) as { seq?: unknown } | undefined;
    const prunedThrough = typeof marker?.seq === 'number' ? marker.seq : 0;
    const entries = await log(db).where(':id').above(after).toArray();
    const last = entries.at(-1)?.seq ?? after;
    return { entries, lastSeq: last, pruned: prunedThrough > after };
  });
}

/**
 * Saves a snapshot as of `seq`: the chunks first, each in its own small
 * transaction under a fresh id, then in one transaction the meta that makes
 * them current, the previous snapshot's chunks deleted and the log entries up
 * to `seq` pruned. Returns false (and removes its chunks) when a snapshot of a
 * later seq was saved meanwhile.
 */
export async function writeSnapshot(
  db: Dexie,
  parts: {
    seq: number;
    total: number;
    rowChunks: readonly string[];
    docChunks: readonly string[];
    docsFingerprint: string;
  },
  yieldToUi: () => Promise<void>,
): Promise<boolean> {
  const id = crypto.randomUUID();
  const rowKeys = parts.rowChunks.map((_, i) => `crm:${id}:rows:${i}`);
  const docKeys = parts.docChunks.map((_, i) => `crm:${id}:docs:${i}`);
  const staged = [...rowKeys, ...docKeys];
  const values = [...parts.rowChunks, ...parts.docChunks];
  // Sealed here with AES-GCM (chunk-cipher.ts), outside the put's transaction.
  const dataKey = sealingKeyFor(db.name);
  for (let i = 0; i < staged.length; i++) {
    await caches(db).put(await chunkRow(dataKey, CACHES, staged[i]!, values[i]!));
    await yieldToUi();
  }
  const meta: SnapshotMeta = {
    key: META_KEY,
    format: SNAPSHOT_FORMAT,
    id,
    seq: parts.seq,
    verno: db.verno,
    total: parts.total,
    rowKeys,
    docKeys,
    rowsFingerprint: rowsFingerprint(),
    docsFingerprint: parts.docsFingerprint,
  };
  return db.transaction('rw', [CACHES, CHANGE_LOG], async () => {
    const before: unknown = await caches(db).get(META_KEY);
    if (isMeta(before) && before.seq > parts.seq) {
      await caches(db).bulkDelete(staged);
      return false;
    }
    await caches(db).put(meta);
    await caches(db).put({ key: PRUNED_KEY, seq: parts.seq });
    if (isMeta(before)) await deleteChunks(db, before.id);
    await log(db).where(':id').belowOrEqual(parts.seq).delete();
    return true;
  });
}

function deleteChunks(db: Dexie, id: string): Promise<number> {
  return caches(db).where(':id').between(`crm:${id}:`, `crm:${id}:\uffff`).delete();
}

/** Removes the snapshot (it could not be used): the next start builds from the data. */
export async function dropSnapshot(db: Dexie): Promise<void> {
  if (!hasChangeLog(db)) return;
  await db.transaction('rw', CACHES, async () => {
    const meta: unknown = await caches(db).get(META_KEY);
    if (!isMeta(meta)) return;
    await caches(db).delete(META_KEY);
    await deleteChunks(db, meta.id);
  });
}
