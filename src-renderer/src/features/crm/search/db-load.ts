import type Dexie from 'dexie';
import { readBuyerPage } from '../data/index-reads';
import type { SearchEngine } from './engine';

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
