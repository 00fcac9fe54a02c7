/**
 * What the pull worker does with a request, apart from the worker plumbing (so Node
 * tests run it over fake-indexeddb): open the database without a declared schema
 * (Dexie reads it) and without the outbox middleware, and run the engine's pull there.
 */
import type { Dexie } from 'dexie';
import { createTableRegistry } from '@shared/sync/tables';
import { SyncEngine } from './engine';
import { createChangeLogMiddleware } from '../data/change-log';
import { createEncryptionMiddleware } from '../data/encryption/middleware';
import { emptySyncStats } from './stats';
import { SyncRequestError, createHttpTransport, type FetchLike } from './transport';
import type { PullWorkerError, PullWorkerReply, PullWorkerRequest } from './pull-worker-protocol';

export interface PullHandlerDeps {
  /** A Dexie handle on an existing database, no version declared, no middleware (added here). */
  openDb(name: string): Dexie;
  /** Tests inject fetch; the worker uses its own. */
  fetch?: FetchLike;
}

interface Opened {
  key: string;
  db: Dexie;
  engine: SyncEngine;
}

function describe(e: unknown): PullWorkerError {
  if (e instanceof SyncRequestError) {
    return { kind: 'request', status: e.status, code: e.code, message: e.message };
  }
  if (e instanceof Error) return { kind: 'local', name: e.name, message: e.message };
  return { kind: 'local', name: 'Error', message: String(e) };
}

export function createPullHandler(
  deps: PullHandlerDeps,
): (req: PullWorkerRequest) => Promise<PullWorkerReply> {
  /** One open handle per database (a new credential or HQ address replaces it). */
  const opened = new Map<string, Opened>();

  async function engineFor(req: PullWorkerRequest): Promise<SyncEngine> {
    const key = JSON.stringify([
      req.baseUrl,
      req.credential,
      req.tables,
      req.pullLimit ?? null,
      req.pullPutRows ?? null,
    ]);
    const have = opened.get(req.dbName);
    // Dexie closes the handle when the page upgrades or deletes the database: open again.
    if (have && have.key === key && have.db.isOpen()) return have.engine;
    have?.db.close();
    opened.delete(req.dbName);
    const db = deps.openDb(req.dbName);
    // Sealed like the page's handle (issue 14): the pulled records are stored encrypted.
    if (req.dataKey) db.use(createEncryptionMiddleware({ key: req.dataKey }));
    // The pull's writes are logged like the page's (the CRM index snapshot's validation).
    db.use(createChangeLogMiddleware());
    await db.open();
    const engine = new SyncEngine({
      db,
      registry: createTableRegistry(req.tables),
      transport: createHttpTransport({
        baseUrl: req.baseUrl,
        credential: req.credential,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      }),
      pullIn: 'thread',
      ...(req.pullLimit !== undefined ? { pullLimit: req.pullLimit } : {}),
      ...(req.pullPutRows !== undefined ? { pullPutRows: req.pullPutRows } : {}),
    });
    opened.set(req.dbName, { key, db, engine });
    return engine;
  }

  return async (req) => {
    const stats = emptySyncStats();
    let engine: SyncEngine | null = null;
    try {
      engine = await engineFor(req);
      await engine.pullAll(stats);
      return {
        type: 'done',
        id: req.id,
        stats,
        serverClockOffsetMs: engine.serverClockOffsetMs,
        clockDriftDetected: engine.clockDriftDetected,
      };
    } catch (e) {
      return {
        type: 'error',
        id: req.id,
        error: describe(e),
        stats,
        serverClockOffsetMs: engine?.serverClockOffsetMs ?? null,
        clockDriftDetected: engine?.clockDriftDetected ?? false,
      };
    }
  };
}
