/**
 * HQ servers for the Chromium sync benchmarks: the real server (buildServer) on
 * 127.0.0.1 over a fresh SQLite file or a fresh PostgreSQL schema, devices
 * enrolled through the real enrollment path, records seeded straight into the
 * records table (as HQ stores them after pushes), and a byte counter on the
 * server's sockets (bytes on the wire, HTTP headers included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { buildServer } from '../../src-hq/server';
import { openMigratedDatabase, quoteIdent, type HqDatabase } from '../../src-hq/db/connect';
import { createEnrollmentCode, enrollDevice } from '../../src-hq/auth';
import { withWriteTransaction } from '../../src-hq/db/transaction';
import { upsertRecords, type RecordWrite } from '../../src-hq/repositories/records';
import { formatHlc } from '@shared/sync/hlc';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_PATHS } from '@shared/sync/protocol';

export interface BenchHq {
  url: string;
  hq: HqDatabase;
  /** Bytes read + written on every socket of the server so far. */
  wireBytes(): number;
  enroll(officeId: string, name: string): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL URL when reachable, else null with the reason. */
export async function probePostgres(): Promise<{ url: string | null; reason?: string }> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_PG_URL;
  if (url === 'none') return { url: null, reason: 'TEST_DATABASE_URL=none' };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url };
  } catch (e) {
    return {
      url: null,
      reason: `${url.replace(/\/\/[^@]*@/, '//***@')} unreachable: ${String(e)}`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startBenchHq(
  backend: { kind: 'sqlite' } | { kind: 'postgres'; url: string },
): Promise<BenchHq> {
  let hq: HqDatabase;
  let cleanup: () => Promise<void>;
  if (backend.kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-hq-'));
    hq = await openMigratedDatabase({ kind: 'sqlite', file: join(dir, 'hq.sqlite') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    hq = await openMigratedDatabase({ kind: 'postgres', url: backend.url, schema, poolSize: 5 });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: backend.url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
      } finally {
        await client.end();
      }
    };
  }
  const app = await buildServer({ hq, rateLimitPerMinute: 1_000_000, logger: false });
  let closedBytes = 0;
  const open = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesRead + socket.bytesWritten;
      open.delete(socket);
    });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    hq,
    wireBytes: () => {
      let n = closedBytes;
      for (const s of open) n += s.bytesRead + s.bytesWritten;
      return n;
    },
    async enroll(officeId, name) {
      const code = await createEnrollmentCode(hq, officeId);
      return (await enrollDevice(hq, code, name)).credential;
    },
    async close() {
      await app.close();
      await hq.destroy();
      await cleanup();
    },
  };
}

export interface SeedRecord {
  id: string;
  data: Record<string, unknown>;
}

/** Writes records into one office partition as if pushed: one HLC per field, gap-free seqs. */
export async function seedRecords(
  hq: HqDatabase,
  officeId: string,
  tbl: string,
  records: readonly SeedRecord[],
): Promise<void> {
  const stamp = formatHlc({ millis: Date.now() - 60_000, counter: 0, node: 'be0c0000000000aa' });
  const now = Date.now();
  const CHUNK = 5_000;
  for (let i = 0; i < records.length; i += CHUNK) {
    await withWriteTransaction(hq, async (trx) => {
      const office = await trx
        .selectFrom('offices')
        .select('next_seq')
        .where('id', '=', officeId)
        .executeTakeFirstOrThrow();
      let seq = Number(office.next_seq);
      const writes: RecordWrite[] = records.slice(i, i + CHUNK).map((r) => ({
        officeId,
        tbl,
        id: r.id,
        state: {
          data: r.data,
          hlc: Object.fromEntries(Object.keys(r.data).map((k) => [k, stamp])),
          deleted: false,
          deletedHlc: null,
        },
        seq: seq++,
        now,
      }));
      await upsertRecords(trx, writes);
      await trx.updateTable('offices').set({ next_seq: seq }).where('id', '=', officeId).execute();
    });
  }
  // Statistics for the planner after a bulk load (what a running HQ would have).
  if (hq.dialect === 'postgres') await sql`analyze records`.execute(hq.db);
}

/** A second laptop of the office changes `fields` fields through the real push endpoint. */
export class RemoteEditor {
  private mid = 0;
  private readonly clientId = randomUUID();
  private readonly node = randomBytes(8).toString('hex');
  private counter = 0;

  constructor(
    private readonly url: string,
    private readonly credential: string,
  ) {}

  async changeFields(tbl: string, ids: readonly string[], field: string): Promise<void> {
    const millis = Date.now();
    const mutations = ids.map((id, i) => ({
      mid: ++this.mid,
      tbl,
      id,
      fields: {
        [field]: [
          `edited ${this.mid} ${i}`,
          formatHlc({ millis, counter: this.counter++ % 0xffff, node: this.node }),
        ],
      },
    }));
    const res = await fetch(this.url + SYNC_PATHS.push, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.credential}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({ clientId: this.clientId, mutations }),
    });
    if (!res.ok) throw new Error(`push failed: ${res.status} ${await res.text()}`);
  }
}
