/**
 * Test backends for the HQ server: SQLite always; PostgreSQL when reachable
 * (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). Each opened
 * database is fresh: a temp SQLite file, or a random PostgreSQL schema dropped on close.
 * With CI set, an unreachable configured PostgreSQL fails instead of skipping.
 * TEST_DATABASE_URL=none opts out explicitly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import {
  openMigratedDatabase,
  quoteIdent,
  type DatabaseTarget,
  type HqDatabase,
} from '../../../src-hq/db/connect';
import { buildServer, type ServerOptions } from '../../../src-hq/server';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@shared/sync/protocol';
import { SYNC_TEST_TABLES, createTableRegistry } from '@shared/sync/tables';

export const TEST_REGISTRY = createTableRegistry(SYNC_TEST_TABLES);

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | null> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured === 'none') {
    console.warn('[hq tests] TEST_DATABASE_URL=none: PostgreSQL tests SKIPPED');
    return null;
  }
  const url = configured || DEFAULT_PG_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch (e) {
    const msg = `PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//***@')} unreachable: ${String(e)}`;
    if (process.env.CI) throw new Error(`[hq tests] ${msg} (CI is set: failing, not skipping)`);
    console.warn(`[hq tests] ${msg} -- PostgreSQL tests SKIPPED`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const PG_URL = await probePostgres();

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh database; `again()` opens a second pool on the SAME database (another server process). */
  open(): Promise<{
    hq: HqDatabase;
    /** Where it is (for commands and restores that open their own connection). */
    target: DatabaseTarget;
    again(): Promise<HqDatabase>;
    cleanup(): Promise<void>;
  }>;
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'hq-test-'));
    const file = join(dir, 'hq.sqlite');
    const opened: HqDatabase[] = [];
    const openOne = async () => {
      const hq = await openMigratedDatabase({ kind: 'sqlite', file });
      opened.push(hq);
      return hq;
    };
    const hq = await openOne();
    return {
      hq,
      target: { kind: 'sqlite', file },
      again: openOne,
      async cleanup() {
        for (const h of opened) await h.destroy().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresBackend: Backend = {
  name: 'postgres',
  async open() {
    if (!PG_URL) throw new Error('PostgreSQL not available');
    const schema = `hq_test_${randomBytes(6).toString('hex')}`;
    const opened: HqDatabase[] = [];
    const openOne = async () => {
      const hq = await openMigratedDatabase({
        kind: 'postgres',
        url: PG_URL!,
        schema,
        poolSize: 5,
      });
      opened.push(hq);
      return hq;
    };
    const hq = await openOne();
    return {
      hq,
      target: { kind: 'postgres', url: PG_URL, schema },
      again: openOne,
      async cleanup() {
        for (const h of opened) await h.destroy().catch(() => undefined);
        // A fresh connection: the pools above may already be closed (server restarts).
        const client = new pg.Client({ connectionString: PG_URL! });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
        } finally {
          await client.end();
        }
      },
    };
  },
};

export const BACKENDS: Backend[] = PG_URL ? [sqliteBackend, postgresBackend] : [sqliteBackend];

export const PROTO = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

export interface TestServer {
  app: FastifyInstance;
  hq: HqDatabase;
  /** Enrolls a device and returns its bearer header. */
  enroll(officeId: string | null, name?: string): Promise<{ auth: string; deviceId: string }>;
  post(path: string, auth: string | null, body: unknown): Promise<{ status: number; json: any }>;
}

export async function startServer(
  hq: HqDatabase,
  opts: Partial<ServerOptions> = {},
): Promise<TestServer> {
  const app = await buildServer({
    hq,
    registry: TEST_REGISTRY,
    rateLimitPerMinute: 100_000,
    enrollRateLimitPerMinute: 1000,
    ...opts,
  });
  const post = async (path: string, auth: string | null, body: unknown) => {
    const res = await app.inject({
      method: 'POST',
      url: path,
      headers: {
        ...PROTO,
        'content-type': 'application/json',
        ...(auth ? { authorization: auth } : {}),
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null };
  };
  return {
    app,
    hq,
    post,
    async enroll(officeId, name = 'laptop') {
      const code = await createEnrollmentCode(hq, officeId, (opts.now ?? Date.now)());
      const res = await post('/v1/enroll', null, { code, deviceName: name });
      if (res.status !== 200) throw new Error(`enroll failed: ${JSON.stringify(res.json)}`);
      return { auth: `Bearer ${res.json.credential}`, deviceId: res.json.deviceId };
    },
  };
}

/** Snapshot of everything a push could change, to prove "nothing changed". */
export async function snapshot(hq: HqDatabase) {
  const records = await hq.db
    .selectFrom('records')
    .selectAll()
    .orderBy('office_id')
    .orderBy('tbl')
    .orderBy('id')
    .execute();
  const offices = await hq.db
    .selectFrom('offices')
    .select(['id', 'next_seq', 'epoch'])
    .orderBy('id')
    .execute();
  const clients = await hq.db
    .selectFrom('clients')
    .select(['device_id', 'client_id', 'last_mutation_id'])
    .orderBy('client_id')
    .execute();
  return { records, offices, clients };
}
