import type Dexie from 'dexie';
import { sealingKeyFor } from '../../../data/encryption/data-key';
import { workersAvailable } from '../search/backend';
import { readChunk } from './index-snapshot';

/** To the reader worker: read these chunks of `dbName`'s snapshot, in order. */
export interface ReaderRequest {
  dbName: string;
  /** The window's data key for this database (issue 14): the worker opens sealed values. */
  dataKey: Uint8Array | null;
  keys: string[];
}

/** Chunk `i` (its JSON; null when gone), or the reader failed. */
export type ReaderReply = { i: number; json: string | null } | { i: -1; error: string };

interface Reader {
  chunk(i: number): Promise<string | null>;
  dispose(): void;
}

function startReader(dbName: string, keys: readonly string[]): Reader | null {
  if (!workersAvailable()) return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./snapshot-reader.worker.ts', import.meta.url), {
      type: 'module',
      name: 'crm-snapshot-reader',
    });
  } catch {
    return null;
  }
  const arrived = new Map<number, string | null>();
  const waiting = new Map<
    number,
    { resolve: (json: string | null) => void; reject: (e: Error) => void }
  >();
  let failed: Error | null = null;
  const fail = (error: Error) => {
    failed = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.onmessage = (event: MessageEvent<ReaderReply>) => {
    const reply = event.data;
    if ('error' in reply) return fail(new Error(reply.error));
    const w = waiting.get(reply.i);
    if (w) {
      waiting.delete(reply.i);
      w.resolve(reply.json);
    } else {
      arrived.set(reply.i, reply.json);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    fail(new Error(`crm snapshot reader failed: ${event.message ?? 'unknown'}`));
  };
  worker.postMessage({
    dbName,
    dataKey: sealingKeyFor(dbName),
    keys: [...keys],
  } satisfies ReaderRequest);
  return {
    chunk(i) {
      if (arrived.has(i)) {
        const json = arrived.get(i)!;
        arrived.delete(i);
        return Promise.resolve(json);
      }
      if (failed) return Promise.reject(failed);
      return new Promise((resolve, reject) => waiting.set(i, { resolve, reject }));
    },
    dispose: () => worker.terminate(),
  };
}

/**
 * The snapshot's chunks `keys` in order (their JSON; null for a chunk that is gone),
 * read and opened in a worker of their own (snapshot-reader.worker.ts), which reads
 * ahead while the page restores the chunks before; in the page where no worker runs
 * (tests) or after the worker failed.
 */
export async function* readChunks(
  db: Dexie,
  keys: readonly string[],
): AsyncGenerator<string | null> {
  let next = 0;
  const reader = startReader(db.name, keys);
  if (reader) {
    try {
      for (; next < keys.length; next++) yield await reader.chunk(next);
    } catch (error) {
      console.warn('[crm] the snapshot reader failed: reading in the page', error);
    } finally {
      reader.dispose();
    }
  }
  for (; next < keys.length; next++) yield await readChunk(db, keys[next]!);
}
