/// <reference lib="webworker" />
// Pulls from HQ in their own thread: fetching, parsing, merging and writing the pages of a
// 100,000-record first download never block the window. The worker has its own Dexie
// handle on the app's database, opened without a declared schema (Dexie reads it from the
// database) and WITHOUT the outbox middleware: pulled data is not a local change. Dexie
// broadcasts every commit to the page (BroadcastChannel), so liveQuery and the CRM index
// there see the pulled rows.
import Dexie from 'dexie';
import { z } from 'zod';
import { createPullHandler } from './pull-worker-handler';
import type { PullWorkerRequest } from './pull-worker-protocol';

// As in the page (src-renderer/src/main.tsx): zod without eval, like under the CSP.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createPullHandler({ openDb: (name) => new Dexie(name) });

scope.onmessage = (event: MessageEvent<PullWorkerRequest>) => {
  if (event.data.type === 'pullAll') {
    void handle(event.data).then((reply) => scope.postMessage(reply));
  }
};
