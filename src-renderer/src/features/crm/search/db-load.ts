import type Dexie from 'dexie';
import { readBuyerPage } from '../data/index-reads';
import { decodeSearchDocuments } from '@shared/crm/search-codec';
import { CACHES } from '../../../data/change-log';
import { openedChunkOrNull } from '../../../data/encryption/chunk-cipher';
import { documentsFingerprint, type SearchEngine } from './engine';

/** Buyers read from IndexedDB per request. */
const PAGE = 2_000;
/** Documents built between two yields: a search arriving meanwhile waits for one batch. */
const BATCH = 250;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Loads every buyer of `db` into `engine`, page by page, in the thread that
 * runs the engine (the search worker: the page neither reads the buyers for it
 * nor sends them). Searches arriving meanwhile answer from what is loaded.
 * Stops quietly when `current()` turns false (a newer load, disposal).
 * `onPage` is told how many buyers are loaded so far.
 */
export async function loadEngineFromDb(
  engine: SearchEngine,
  db: Dexie,
  current: () => boolean,
  onPage: (loaded: number) => void,
): Promise<void> {
  // A handle without a declared schema learns the tables when it opens.
  if (!db.isOpen()) await db.open();
  if (!current()) return;
  engine.beginLoad();
  let after: string | null = null;
  let loaded = 0;
  for (;;) {
    const { page, byBuyer } = await readBuyerPage(db, after, PAGE);
    if (!current()) return;
    if (!page.length) break;
    for (let i = 0; i < page.length; i += BATCH) {
      engine.addPage(
        page.slice(i, i + BATCH).map((buyer) => ({
          buyer,
          contacts: byBuyer.get(buyer.id) ?? [],
        })),
      );
      await nextTask();
      if (!current()) return;
    }
    loaded += page.length;
    onPage(loaded);
    after = page[page.length - 1]!.id;
  }
  engine.endLoad();
}

/** The snapshot's documents cannot be used: the caller builds them from the data. */
export class SnapshotRejected extends Error {
  override name = 'SnapshotRejected';
}

/**
 * Loads the search documents of a persisted CRM index snapshot (index-snapshot.ts)
 * into a load the caller began (engine.beginLoad() when the request arrived, so a
 * write sent right after it is not lost to a load that had not begun yet):
 * the cache rows `keys`, each an encoded chunk (search-codec.ts). Nothing is built
 * from the buyers (the costly part). Throws SnapshotRejected before touching the
 * engine when the code builds other documents than the snapshot's, and while
 * loading when a chunk is missing (a newer snapshot replaced it) or corrupt.
 */
export async function loadEngineFromSnapshot(
  engine: SearchEngine,
  db: Dexie,
  /** `dataKey`: what the database seals with (its chunks are AES-GCM: chunk-cipher.ts). */
  snapshot: { keys: readonly string[]; fingerprint: string; dataKey?: Uint8Array | null },
  current: () => boolean,
  onPage: (loaded: number) => void,
): Promise<void> {
  if (snapshot.fingerprint !== documentsFingerprint()) {
    throw new SnapshotRejected('the search documents changed since the snapshot');
  }
  if (!db.isOpen()) await db.open();
  if (!current()) return;
  let loaded = 0;
  const keys = snapshot.keys;
  // The next chunk is read and opened (WebCrypto, off this thread) while this one decodes.
  const fetchChunk = (key: string) =>
    db
      .table(CACHES)
      .get(key)
      .then((row) => openedChunkOrNull(snapshot.dataKey ?? null, CACHES, key, row));
  let next = keys.length > 0 ? fetchChunk(keys[0]!) : null;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const json = await next!;
    next = k + 1 < keys.length ? fetchChunk(keys[k + 1]!) : null;
    // Handled if it fails after this load stopped or rejected (an unhandled rejection otherwise).
    next?.catch(() => undefined);
    if (!current()) return;
    if (json === null) throw new SnapshotRejected(`snapshot chunk ${key} missing`);
    let docs;
    try {
      docs = decodeSearchDocuments(json);
    } catch (error) {
      throw new SnapshotRejected(`snapshot chunk ${key}: ${String(error)}`);
    }
    engine.addDocuments(docs);
    loaded += docs.length;
    onPage(loaded);
    await nextTask();
    if (!current()) return;
  }
  engine.endLoad();
}
