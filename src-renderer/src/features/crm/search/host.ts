import type Dexie from 'dexie';
import type { SearchEngine } from './engine';
import { handleSearchRequest } from './handler';
import { loadEngineFromDb, loadEngineFromSnapshot } from './db-load';
import type { SearchReply, SearchRequest } from './protocol';
import { createEncryptionMiddleware } from '../../../data/encryption/middleware';

/**
 * The search worker's side of the protocol (search.worker.ts; tests drive it
 * directly): the engine's messages, plus loading from the database itself.
 * A ping, or a search that asks for a complete answer, waits for a load in progress.
 */
export class SearchHost {
  private load: Promise<void> = Promise.resolve();
  private generation = 0;
  private db: Dexie | null = null;

  constructor(
    readonly engine: SearchEngine,
    /** A Dexie handle on an existing database (no schema declared, no middleware). */
    private readonly openDb: (name: string) => Dexie,
  ) {}

  handle(msg: SearchRequest, reply: (r: SearchReply) => void): void {
    switch (msg.type) {
      case 'loadFrom': {
        const generation = ++this.generation;
        if (this.db?.name !== msg.dbName) {
          this.db?.close();
          this.db = this.openDb(msg.dbName);
          if (msg.dataKey) this.db.use(createEncryptionMiddleware({ key: msg.dataKey }));
        }
        const current = () => generation === this.generation;
        this.load = loadEngineFromDb(this.engine, this.db, current, (loaded) =>
          reply({ type: 'loadProgress', loaded, done: false }),
        ).then(
          () => {
            if (current()) reply({ type: 'loadProgress', loaded: this.engine.size, done: true });
          },
          (error: unknown) => {
            if (current()) reply({ type: 'loadFailed', message: String(error) });
          },
        );
        return;
      }
      case 'loadSnapshot': {
        const generation = ++this.generation;
        if (this.db?.name !== msg.dbName) {
          this.db?.close();
          this.db = this.openDb(msg.dbName);
          if (msg.dataKey) this.db.use(createEncryptionMiddleware({ key: msg.dataKey }));
        }
        const current = () => generation === this.generation;
        // Begun now: upserts that follow this message land in the new load.
        this.engine.beginLoad();
        this.load = loadEngineFromSnapshot(this.engine, this.db, msg, current, (loaded) =>
          reply({ type: 'loadProgress', loaded, done: false }),
        ).then(
          () => {
            if (current()) reply({ type: 'loadProgress', loaded: this.engine.size, done: true });
          },
          (error: unknown) => {
            // The page then asks for a load from the data (loadFrom): a new generation.
            if (current()) reply({ type: 'snapshotRejected', message: String(error) });
          },
        );
        return;
      }
      case 'ping':
        void this.load.then(() => reply({ type: 'pong', id: msg.id }));
        return;
      case 'search':
        if (msg.complete && this.engine.isLoading) {
          void this.load.then(() => handleSearchRequest(this.engine, msg, reply));
          return;
        }
        handleSearchRequest(this.engine, msg, reply);
        return;
      default:
        handleSearchRequest(this.engine, msg, reply);
    }
  }

  dispose(): void {
    this.generation++;
    this.db?.close();
  }
}
