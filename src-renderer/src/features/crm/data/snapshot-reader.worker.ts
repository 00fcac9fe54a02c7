/// <reference lib="webworker" />
// Reads the CRM snapshot's row chunks (index-snapshot.ts) for the page and opens them
// (issue 14: AES-GCM, chunk-cipher.ts; chunks of an older build in the middleware's XChaCha)
// off the page's thread (snapshot-reader.ts).
import Dexie from 'dexie';
import { createEncryptionMiddleware } from '../../../data/encryption/middleware';
import { CACHES } from '../../../data/change-log';
import { openedChunkOrNull } from '../../../data/encryption/chunk-cipher';
import type { ReaderReply, ReaderRequest } from './snapshot-reader';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Chunks per IndexedDB request (opened together: WebCrypto works off this thread). */
const GROUP = 4;

scope.onmessage = async (event: MessageEvent<ReaderRequest>) => {
  const { dbName, dataKey, keys } = event.data;
  // Its own handle, the schema read from the database; it opens values as the page's does.
  const db = new Dexie(dbName);
  if (dataKey) db.use(createEncryptionMiddleware({ key: dataKey }));
  try {
    await db.open();
    for (let at = 0; at < keys.length; at += GROUP) {
      const group = keys.slice(at, at + GROUP);
      const rows = await db.table(CACHES).bulkGet(group);
      const texts = await Promise.all(
        rows.map((row, i) => openedChunkOrNull(dataKey, CACHES, group[i]!, row)),
      );
      texts.forEach((json, i) => scope.postMessage({ i: at + i, json } satisfies ReaderReply));
    }
  } catch (error) {
    scope.postMessage({ i: -1, error: String(error) } satisfies ReaderReply);
  } finally {
    db.close();
  }
};
