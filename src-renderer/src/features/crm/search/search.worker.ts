/// <reference lib="webworker" />
// The CRM search index in its own thread: building the documents and shards
// for 100,000 buyers and answering queries never block the window.
import { SearchEngine } from './engine';
import { handleSearchRequest } from './handler';
import type { SearchRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Shards are sorted as they are built: the index is warm once loaded.
const engine = new SearchEngine({ warmOnBuild: true });
let warming: ReturnType<typeof setTimeout> | null = null;

/** Sorts one shard's buckets at a time, so a query arriving meanwhile waits at most one shard. */
function warmSoon(): void {
  if (warming !== null) clearTimeout(warming);
  warming = setTimeout(function step() {
    warming = engine.warmUpNext() ? setTimeout(step, 0) : null;
  }, 20);
}

scope.onmessage = (event: MessageEvent<SearchRequest>) => {
  handleSearchRequest(engine, event.data, (reply) => scope.postMessage(reply));
  if (event.data.type === 'endLoad') warmSoon();
};
