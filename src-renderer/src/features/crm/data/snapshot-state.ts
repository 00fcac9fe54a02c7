import type Dexie from 'dexie';
import type { DuplicateIndex } from '@shared/crm/duplicates';
import type { BuyerRow } from './buyer-rows';
import { readChunks } from './snapshot-reader';
import { parseRowChunk, ROW_CHUNK, type RowChunk, type SnapshotMeta } from './index-snapshot';

/** The parts of the CRM index's state a snapshot holds (crm-index.ts owns them). */
export interface SnapshotState {
  rows: Map<string, BuyerRow>;
  dupes: DuplicateIndex;
  contactBuyer: Map<string, string>;
  talkBuyer: Map<string, string>;
}

/** Rows handled between two checks of the time slice. */
const STEP = 50;

/**
 * Puts the snapshot's row chunks into `state`, a chunk at a time (read and opened
 * off the main thread where a worker runs: snapshot-reader.ts) with the duplicate
 * keys and contact/talk links that came with it, giving the UI the thread back
 * whenever `breathe` says so (never a long task). `onChunk` after each. Returns
 * the ids in name order. Throws on a missing or corrupt chunk, or fewer rows
 * than `meta.total`.
 */
export async function restoreRows(
  db: Dexie,
  meta: Pick<SnapshotMeta, 'rowKeys' | 'total'>,
  /** `dupes`: where each buyer's duplicate keys go (the index, or a DupesRestore). */
  state: Omit<SnapshotState, 'dupes'> & { dupes: Pick<DuplicateIndex, 'importBuyer'> },
  breathe: () => Promise<void>,
  onChunk: (added: number) => void,
): Promise<string[]> {
  const order: string[] = [];
  for await (const json of readChunks(db, meta.rowKeys)) {
    if (json === null) throw new Error('crm snapshot: a row chunk is missing');
    const chunk = parseRowChunk(json);
    await breathe();
    const { rows, dupes, contacts, talks } = chunk;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      state.rows.set(row.id, row);
      order.push(row.id);
      state.dupes.importBuyer(row, dupes[i]!);
      for (const c of contacts[i]!) state.contactBuyer.set(c, row.id);
      for (const t of talks[i]!) state.talkBuyer.set(t, row.id);
      if (i % STEP === STEP - 1) await breathe();
    }
    onChunk(rows.length);
  }
  if (order.length !== meta.total || state.rows.size < order.length) {
    throw new Error('crm snapshot: rows missing');
  }
  return order;
}

function byBuyer(links: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, buyerId] of links) {
    const list = out.get(buyerId);
    if (list) list.push(id);
    else out.set(buyerId, [id]);
  }
  return out;
}

/**
 * The row chunks of a snapshot of `state` (ids in name order), serialized a
 * chunk at a time; null as soon as `current()` turns false (the state changed
 * meanwhile: the snapshot would mix two states).
 */
export async function serializeRows(
  ids: readonly string[],
  state: SnapshotState,
  yieldToUi: () => Promise<void>,
  current: () => boolean,
): Promise<string[] | null> {
  const contactsOf = byBuyer(state.contactBuyer);
  await yieldToUi();
  const talksOf = byBuyer(state.talkBuyer);
  await yieldToUi();
  const out: string[] = [];
  for (let at = 0; at < ids.length; at += ROW_CHUNK) {
    if (!current()) return null;
    const chunk: RowChunk = { rows: [], dupes: [], contacts: [], talks: [] };
    for (const id of ids.slice(at, at + ROW_CHUNK)) {
      const row = state.rows.get(id);
      if (!row) return null;
      chunk.rows.push(row);
      chunk.dupes.push(state.dupes.exportBuyer(id));
      chunk.contacts.push(contactsOf.get(id) ?? []);
      chunk.talks.push(talksOf.get(id) ?? []);
    }
    out.push(JSON.stringify(chunk));
    await yieldToUi();
  }
  return current() ? out : null;
}
