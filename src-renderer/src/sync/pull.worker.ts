/// <reference lib="webworker" />
// Pulls from HQ in their own thread: fetching, parsing, merging and writing the pages of a
// 100,000-record first download never block the window. The worker has its own Dexie
// handle on the app's database, opened without a declared schema (Dexie reads it from the
// database) and WITHOUT the outbox middleware: pulled data is not a local change. Dexie
// broadcasts every commit to the page (BroadcastChannel), so liveQuery and the CRM index
// there see the pulled rows.
import Dexie from 'dexie';
import { z } from 'zod';
import { createTableRegistry } from '@shared/sync/tables';
import { SyncEngine, type SyncStats } from './engine';
import { SyncRequestError, createHttpTransport } from './transport';
import type { PullWorkerError, PullWorkerReply, PullWorkerRequest } from './pull-worker-protocol';

// As in the page (src-renderer/src/main.tsx): zod without eval, like under the CSP.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;

interface Opened {
  key: string;
  db: Dexie;
  engine: SyncEngine;
}

/** One open handle per database (a new credential or HQ address replaces it). */
const opened = new Map<string, Opened>();

async function engineFor(req: PullWorkerRequest): Promise<SyncEngine> {
  const key = JSON.stringify([req.baseUrl, req.credential, req.tables, req.pullLimit ?? null]);
  const have = opened.get(req.dbName);
  // Dexie closes the handle when the page upgrades or deletes the database: open again.
  if (have && have.key === key && have.db.isOpen()) return have.engine;
  have?.db.close();
  opened.delete(req.dbName);
  const db = new Dexie(req.dbName);
  await db.open();
  const engine = new SyncEngine({
    db,
    registry: createTableRegistry(req.tables),
    transport: createHttpTransport({ baseUrl: req.baseUrl, credential: req.credential }),
    pullIn: 'thread',
    ...(req.pullLimit !== undefined ? { pullLimit: req.pullLimit } : {}),
  });
  opened.set(req.dbName, { key, db, engine });
  return engine;
}

function describe(e: unknown): PullWorkerError {
  if (e instanceof SyncRequestError) {
    return { kind: 'request', status: e.status, code: e.code, message: e.message };
  }
  if (e instanceof Error) return { kind: 'local', name: e.name, message: e.message };
  return { kind: 'local', name: 'Error', message: String(e) };
}

async function pullAll(req: PullWorkerRequest): Promise<PullWorkerReply> {
  const stats: SyncStats = {
    pushed: 0,
    pushRequests: 0,
    pulledRows: 0,
    pullRequests: 0,
    rejected: 0,
  };
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
}

scope.onmessage = (event: MessageEvent<PullWorkerRequest>) => {
  if (event.data.type === 'pullAll') {
    void pullAll(event.data).then((reply) => scope.postMessage(reply));
  }
};
