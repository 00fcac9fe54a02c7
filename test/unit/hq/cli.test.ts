import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, type RunningServer } from '../../../src-hq/commands';
import { SyncEngine, createHttpTransport, enroll } from '../../../src-renderer/src/sync';
import { CLIENT_REGISTRY, openLaptopDb } from '../sync/laptop';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('[hq cli tests] openssl not found: built-in HTTPS test SKIPPED');
    return false;
  }
}

describe('HQ command line (real listen on 127.0.0.1)', () => {
  let dir: string;
  let lines: string[];
  let errors: string[];
  let env: NodeJS.ProcessEnv;
  const servers: RunningServer[] = [];
  const run = (...argv: string[]) =>
    runCommand(argv, { env, out: (l) => lines.push(l), err: (l) => errors.push(l) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hq-cli-'));
    lines = [];
    errors = [];
    env = { HQ_DATA_DIR: dir, HQ_PORT: '0', HQ_TEST_TABLES: '1' };
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls a laptop with a printed code, syncs over real HTTP, lists and revokes the device', async () => {
    await run('enroll:code', '--office', 'tokyo');
    const code = lines.pop()!;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const server = (await run('serve')) as RunningServer;
    servers.push(server);
    expect(server.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const device = await enroll(server.address, code.toLowerCase(), 'Tokyo laptop 1');
    expect(device.officeId).toBe('tokyo');
    const db = openLaptopDb('cli-laptop');
    const engine = new SyncEngine({
      db,
      registry: CLIENT_REGISTRY,
      transport: createHttpTransport({ baseUrl: server.address, credential: device.credential }),
    });
    await db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'over a real socket' });
    await engine.sync();
    expect(await engine.pendingCount()).toBe(0);

    lines = [];
    await run('devices:list');
    const row = lines.find((l) => l.startsWith(device.deviceId))!;
    expect(row.split('\t').slice(1, 3)).toEqual(['Tokyo laptop 1', 'tokyo']);
    expect(row.split('\t')[3]).not.toBe('-'); // last sync recorded

    await run('devices:revoke', device.deviceId);
    await db.table('test_notes').update('n1', { text: 'after revocation' });
    await expect(engine.sync()).rejects.toMatchObject({ status: 401, code: 'device_revoked' });
    await expect(enroll(server.address, code, 'again')).rejects.toMatchObject({
      code: 'enrollment_code_invalid',
    });
  });

  it('refuses bad arguments with a usage error and creates offices HQ adds', async () => {
    await expect(run('enroll:code', '--office', 'tokyo', '--hq')).rejects.toThrow('exactly one');
    await expect(run('enroll:code', '--office', 'atlantis')).rejects.toThrow('No such office');
    await expect(run('devices:revoke', 'nope')).rejects.toThrow('No such device');
    await expect(run('frobnicate')).rejects.toThrow('Unknown command');
    const office = [
      '--id',
      'busan',
      '--country',
      'KR',
      '--currency',
      'KRW',
      '--language',
      'ko',
      '--name-en',
      'Busan',
    ];
    await expect(run('office:create', ...office, '--time-zone', 'Mars/Olympus')).rejects.toThrow(
      '--time-zone',
    );
    await run('office:create', ...office, '--time-zone', 'Asia/Seoul', '--name-ko', '부산 사무소');
    expect(errors.filter((e) => e.includes('--name-'))).toHaveLength(3); // ja, zh-CN, vi fall back
    await expect(run('office:create', ...office, '--time-zone', 'Asia/Seoul')).rejects.toThrow(
      'exists',
    );
    lines = [];
    await run('offices:list');
    expect(lines.some((l) => l.startsWith('busan\toverseas\tKR\tAsia/Seoul\tKRW'))).toBe(true);
    lines = [];
    await run('enroll:code', '--office', 'busan');
    expect(lines).toHaveLength(1);
  });

  it.skipIf(!hasOpenssl())('serves HTTPS when HQ_TLS_CERT and HQ_TLS_KEY are set', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    env = { ...env, HQ_TLS_CERT: cert, HQ_TLS_KEY: key };
    const server = (await run('serve')) as RunningServer;
    servers.push(server);
    expect(server.address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.address}/v1/health`, { rejectUnauthorized: false }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toMatchObject({ ok: true, protocolVersion: 1 });
    env = { ...env, HQ_TLS_KEY: '' };
    await expect(run('serve')).rejects.toThrow('Set both HQ_TLS_CERT and HQ_TLS_KEY');
  });
});
