/**
 * A PouchDB server on loopback for sync.vs_pouchdb.ratio: express-pouchdb over
 * the in-memory adapter (pure JS), with CORS for the bench page's origin.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

interface PouchDbInstance {
  bulkDocs(docs: object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
}
type PouchCtor = (new (name: string) => PouchDbInstance) & {
  plugin(p: unknown): PouchCtor;
  defaults(o: object): PouchCtor;
};

export interface PouchServer {
  url: string;
  seed(db: string, docs: object[]): Promise<void>;
  close(): Promise<void>;
}

export async function startPouchServer(): Promise<PouchServer> {
  const PouchDB = (require('pouchdb-core') as PouchCtor)
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-replication'))
    .plugin(require('pouchdb-mapreduce'));
  const MemPouch = PouchDB.defaults({ adapter: 'memory' });
  const express = require('express') as () => {
    use(...args: unknown[]): void;
    listen(port: number, host: string, cb: () => void): Server;
  };
  const expressPouch = require('express-pouchdb') as (db: unknown, opts: object) => unknown;
  const app = express();
  app.use(
    (
      req: { method: string; headers: Record<string, string | undefined> },
      res: { setHeader(k: string, v: string): void; statusCode: number; end(): void },
      next: () => void,
    ) => {
      res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('access-control-allow-methods', 'GET, PUT, POST, HEAD, DELETE');
      res.setHeader(
        'access-control-allow-headers',
        req.headers['access-control-request-headers'] ?? 'accept, content-type, authorization',
      );
      res.setHeader('access-control-max-age', '600');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
      next();
    },
  );
  app.use(
    '/',
    expressPouch(MemPouch, {
      mode: 'minimumForPouchDB',
      inMemoryConfig: true,
      // Never a log.txt in the repository.
      logPath: join(tmpdir(), 'bridgehead-bench-pouchdb.log'),
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    async seed(name, docs) {
      const db = new MemPouch(name);
      for (let i = 0; i < docs.length; i += 1_000) await db.bulkDocs(docs.slice(i, i + 1_000));
      const info = await db.info();
      if (info.doc_count !== docs.length)
        throw new Error(`PouchDB seed: ${info.doc_count} of ${docs.length} docs`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
