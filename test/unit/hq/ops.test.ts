/**
 * Operations: Prometheus metrics, readiness and liveness, request ids in answers and in the
 * JSON request log, and a graceful stop of a real HQ process (requests in flight finish).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTO, sqliteBackend, startServer, type TestServer } from './harness';
import type { Lifecycle } from '../../../src-hq/ops/routes';

const T0 = 1_800_000_000_000;
const HLC = (n: number) => `${String(T0 + n).padStart(15, '0')}-0000-00000000000000aa`;

describe('HQ operations endpoints', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  let dir: string;
  const lifecycle: Lifecycle = { closing: false };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hq-ops-'));
    lifecycle.closing = false;
    env = await sqliteBackend.open();
    server = await startServer(env.hq, {
      now: () => T0,
      lifecycle,
      logger: { level: 'info', file: join(dir, 'requests.log') },
    });
  });
  afterEach(async () => {
    await server.app.close();
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    server.app.inject({ method: 'GET', url, headers, remoteAddress });

  it('counts requests, push and pull sizes, errors and each office last sync in /metrics', async () => {
    const tokyo = await server.enroll('tokyo', 'tokyo-1');
    const mutations = [1, 2, 3].map((mid) => ({
      mid,
      tbl: 'test_notes',
      id: `n${mid}`,
      fields: { officeId: ['tokyo', HLC(mid)], text: [`note ${mid}`, HLC(mid)] },
    }));
    expect(
      (await server.post('/v1/push', tokyo.auth, { clientId: 'client-1234', mutations })).status,
    ).toBe(200);
    expect(
      (await server.post('/v1/pull', tokyo.auth, { clientId: 'client-1234', cursors: {} })).status,
    ).toBe(200);
    expect((await server.post('/v1/pull', 'Bearer nope-nope-nope-nope-nope', {})).status).toBe(401);

    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain(
      'bridgehead_http_requests_total{method="POST",route="/v1/push",status="200"} 1',
    );
    expect(text).toMatch(/bridgehead_http_request_duration_seconds_count\{route="\/v1\/pull"\} 2/);
    expect(text).toContain('bridgehead_push_mutations_sum 3');
    expect(text).toContain('bridgehead_push_records_applied_total 3');
    expect(text).toContain('bridgehead_pull_rows_sum 3');
    expect(text).toMatch(/bridgehead_pull_response_bytes_sum \d{3,}/);
    expect(text).toContain('bridgehead_errors_total{code="unauthorized"} 1');
    expect(text).toContain(
      `bridgehead_office_last_sync_timestamp_seconds{office="tokyo"} ${T0 / 1000}`,
    );
    expect(text).toContain('bridgehead_db_pool_connections{state="total"} 1');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('serves /metrics only to this machine, or to a scraper with the token', async () => {
    expect((await get('/metrics', {}, '10.0.0.7')).statusCode).toBe(401);
    // Through a reverse proxy on this machine: not "this machine".
    expect((await get('/metrics', { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(401);
    const withToken = await startServer(env.hq, { metricsToken: 'a-long-scrape-token-123' });
    try {
      const ask = (auth?: string) =>
        withToken.app.inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress: '10.0.0.7',
          headers: auth ? { authorization: auth } : {},
        });
      expect((await ask()).statusCode).toBe(401);
      expect((await ask('Bearer a-long-scrape-token-124')).statusCode).toBe(401);
      expect((await ask('Bearer a-long-scrape-token-123')).statusCode).toBe(200);
    } finally {
      await withToken.app.close();
    }
  });

  it('answers liveness always, readiness only with a database and while not shutting down', async () => {
    // No protocol header needed: these are for load balancers, not laptops.
    expect((await get('/livez')).json()).toEqual({ ok: true });
    expect((await get('/readyz')).statusCode).toBe(200);
    lifecycle.closing = true;
    const closing = await get('/readyz');
    expect(closing.statusCode).toBe(503);
    expect(closing.json()).toEqual({ ok: false, reason: 'shutting_down' });
    lifecycle.closing = false;
    await env.hq.destroy();
    const noDb = await get('/readyz');
    expect(noDb.statusCode).toBe(503);
    expect(noDb.json()).toEqual({ ok: false, reason: 'database_unavailable' });
    expect((await get('/livez')).statusCode).toBe(200);
  });

  it('gives every answer a request id, keeps a proxy one, and logs JSON lines with it', async () => {
    const own = await get('/v1/health');
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const fromProxy = await get('/v1/health', { 'x-request-id': 'nginx-42.abc' });
    expect(fromProxy.headers['x-request-id']).toBe('nginx-42.abc');
    const forged = await get('/v1/health', { 'x-request-id': 'evil\nline injected' });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await server.app.inject({ method: 'POST', url: '/v1/push', headers: PROTO });
    await server.app.close();
    type Line = { reqId?: string; msg: string; res?: { statusCode: number } };
    // pino writes the file asynchronously: wait for the last answer's line.
    const lines = await vi.waitFor(() => {
      const text = readFileSync(join(dir, 'requests.log'), 'utf8');
      const parsed = text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line);
      if (!parsed.some((l) => l.reqId === refused.headers['x-request-id'] && l.res)) {
        throw new Error('not yet written');
      }
      return parsed;
    });
    const ids = new Set(lines.map((l) => l.reqId));
    expect(ids).toContain('nginx-42.abc');
    expect(ids).toContain(refused.headers['x-request-id']);
    expect(lines.find((l) => l.reqId === refused.headers['x-request-id'] && l.res)?.res).toEqual({
      statusCode: 401,
    });
    server = await startServer(env.hq); // for afterEach
  });
});

describe('a real HQ process stops gracefully', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const tsx = pathToFileURL(resolve(root, 'node_modules/tsx/dist/loader.mjs')).href;

  it('on SIGTERM finishes the request in flight, closes the database and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hq-stop-'));
    const child = spawn(process.execPath, ['--import', tsx, 'src-hq/cli.ts', 'serve'], {
      cwd: root,
      env: { ...process.env, HQ_DATA_DIR: dir, HQ_PORT: '0', HQ_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
    try {
      const address = await new Promise<string>((res, rej) => {
        child.stdout.on('data', (c: Buffer) => {
          output += c.toString();
          const m = /listening on (http:\/\/\S+)/.exec(output);
          if (m) res(m[1]!);
        });
        child.once('exit', () => rej(new Error(`HQ exited early:\n${output}`)));
      });
      // A request whose body is still on its way when the signal arrives.
      const body = JSON.stringify({ code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'slow laptop' });
      const answer = new Promise<{ status: number; text: string }>((res, rej) => {
        const req = request(
          `${address}/v1/enroll`,
          {
            method: 'POST',
            headers: {
              ...PROTO,
              'content-type': 'application/json',
              'content-length': body.length,
            },
          },
          (r) => {
            let text = '';
            r.on('data', (c) => (text += c));
            r.on('end', () => res({ status: r.statusCode!, text }));
          },
        );
        req.on('error', rej);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(10)), 300);
        }, 200);
      });
      const { status, text } = await answer;
      // The request was answered by the application (not cut off): an unknown code.
      expect(status).toBe(401);
      expect(JSON.parse(text).error.code).toBe('enrollment_code_invalid');
      expect(await exited).toBe(0);
      expect(output).toContain('SIGTERM: finishing requests in flight');
      expect(output).toContain('HQ stopped');
      // The database was closed: SQLite folded its write-ahead log back into the file.
      expect(existsSync(join(dir, 'hq.sqlite-wal'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000); // a real process: slow to start on a loaded machine
});
