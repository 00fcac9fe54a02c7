/**
 * Client sync engine (plain TS over Dexie). Typical wiring in the app's database module:
 *
 *   const db = new Dexie('bridgehead');
 *   db.version(1).stores({ buyers: 'id, officeId', ...SYNC_META_STORES });
 *   let runner: SyncRunner | undefined;
 *   db.use(createSyncMiddleware({ registry: DEFAULT_TABLE_REGISTRY,
 *                                 onOutboxCommitted: () => runner?.notifyLocalChange() }));
 *   const engine = new SyncEngine({ db, registry: DEFAULT_TABLE_REGISTRY,
 *                                   transport: createHttpTransport({ baseUrl, credential }) });
 *   runner = new SyncRunner({ engine, locks: platformLocks(), onStatus: store.set });
 *   runner.start();
 */
export * from './schema';
export { createSyncMiddleware, markRemoteTransaction, SyncWriteError } from './middleware';
export { ackOutbox, eachPendingMutation, pendingMutationCount, rowMutations } from './outbox';
export { SyncEngine, emptySyncStats, type SyncEngineOptions, type SyncStats } from './engine';
export {
  createHttpTransport,
  enroll,
  postToHq,
  SyncRequestError,
  type FetchLike,
  type SyncTransport,
} from './transport';
export {
  SyncRunner,
  backoffDelay,
  platformIsOnline,
  platformLocks,
  SYNC_LOCK_NAME,
  type SyncStatus,
} from './runner';
