/// <reference lib="webworker" />
// The CRM search index in its own thread: building the documents and shards
// for 100,000 buyers and answering queries never block the window.
import Dexie from 'dexie';
import { SearchEngine } from './engine';
import { SearchHost } from './host';
import type { SearchRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Shards are sorted once the load is done (warmSoon), not as they are built: the load
// (search covering every buyer) ends ~a quarter sooner, and a query meanwhile sorts only
// the buckets it reads (a few hundred entries per shard).
const engine = new SearchEngine();
// Its own Dexie handle, the schema read from the database (no middleware: it only reads).
const host = new SearchHost(engine, (name) => new Dexie(name));
let warming: ReturnType<typeof setTimeout> | null = null;

/** Sorts one shard's buckets at a time, so a query arriving meanwhile waits at most one shard. */
function warmSoon(): void {
  if (warming !== null) clearTimeout(warming);
  warming = setTimeout(function step() {
    warming = engine.warmUpNext() ? setTimeout(step, 0) : null;
  }, 20);
}

scope.onmessage = (event: MessageEvent<SearchRequest>) => {
  host.handle(event.data, (reply) => {
    scope.postMessage(reply);
    // Loaded (sent, or by the worker itself): warm the rest of the buckets when idle.
    if (reply.type === 'loadProgress' && reply.done) warmSoon();
  });
  if (event.data.type === 'endLoad') warmSoon();
};
