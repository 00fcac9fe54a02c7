/// <reference lib="webworker" />
// Reads the CRM snapshot's row chunks (index-snapshot.ts) for the page: opening them
// (issue 14's XChaCha20-Poly1305, in JavaScript) is most of a snapshot start's
// main-thread work at 100,000 buyers, so it happens here (snapshot-reader.ts).
import Dexie from 'dexie';
import { createEncryptionMiddleware } from '../../../data/encryption/middleware';
import { CACHES } from '../../../data/change-log';
import type { ReaderReply, ReaderRequest } from './snapshot-reader';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Chunks per IndexedDB request. */
const GROUP = 4;

scope.onmessage = async (event: MessageEvent<ReaderRequest>) => {
  const { dbName, dataKey, keys } = event.data;
  // Its own handle, the schema read from the database; it opens values as the page's does.
  const db = new Dexie(dbName);
  if (dataKey) db.use(createEncryptionMiddleware({ key: dataKey }));
  try {
    await db.open();
    for (let at = 0; at < keys.length; at += GROUP) {
      const rows = (await db.table(CACHES).bulkGet(keys.slice(at, at + GROUP))) as (
        { json?: unknown } | undefined
      )[];
      rows.forEach((row, i) => {
        const json = typeof row?.json === 'string' ? row.json : null;
        scope.postMessage({ i: at + i, json } satisfies ReaderReply);
      });
    }
  } catch (error) {
    scope.postMessage({ i: -1, error: String(error) } satisfies ReaderReply);
  } finally {
    db.close();
  }
};
