import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import { isUsageError, runCommand, type RunningServer } from '../../../src-hq/commands';
import { openMigratedDatabase } from '../../../src-hq/db/connect';
import { ensureSeedOffices } from '../../../src-hq/repositories/offices';
import { revokeOwnLink } from '../../../src-renderer/src/features/sync-ui/revoke-self';
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

/** The one-time code in enroll:code's output. */
function codeIn(lines: string[]): string {
  const m = /Code:\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})$/m.exec(lines.join('\n'));
  if (!m) throw new Error(`no code in:\n${lines.join('\n')}`);
  return m[1]!;
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
    env = { HQ_DATA_DIR: dir, HQ_PORT: '0', HQ_TEST_TABLES: '1', HQ_LOG_LEVEL: 'silent' };
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls a laptop with a printed code, syncs over real HTTP, lists and revokes the device', async () => {
    await run('enroll:code', '--office', 'tokyo');
    const code = codeIn(lines);
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
    expect(row.split('\t').slice(4, 6)).toEqual(['-', '-']); // not revoked, by nobody

    await run('devices:revoke', device.deviceId);
    await db.table('test_notes').update('n1', { text: 'after revocation' });
    await expect(engine.sync()).rejects.toMatchObject({ status: 401, code: 'device_revoked' });

    // A second laptop unlinks itself: the list says who revoked each.
    lines = [];
    await run('enroll:code', '--office', 'tokyo');
    const second = await enroll(server.address, codeIn(lines), 'Tokyo laptop 2');
    expect(await revokeOwnLink({ hqUrl: server.address, credential: second.credential })).toBe(
      true,
    );
    lines = [];
    await run('devices:list');
    expect(lines[0]!.split('\t').slice(4, 6)).toEqual(['revoked', 'revoked by']);
    const revoked = (id: string) =>
      lines
        .find((l) => l.startsWith(id))!
        .split('\t')
        .slice(4, 6);
    expect(revoked(device.deviceId)).toEqual([expect.stringMatching(/^\d{4}-/), 'hq']);
    expect(revoked(second.deviceId)).toEqual([expect.stringMatching(/^\d{4}-/), 'device']);
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
    expect(lines.join('\n')).toContain('Busan (busan)');
  });

  it('lists its commands with help and --help, and explains one command', async () => {
    await run('help');
    const all = lines.join('\n');
    for (const c of ['serve', 'enroll:code', 'devices:revoke', 'backup', 'restore']) {
      expect(all).toContain(`  ${c}`);
    }
    lines = [];
    await run('--help');
    expect(lines.join('\n')).toBe(all);
    lines = [];
    await run('enroll:code', '--help');
    expect(lines.join('\n')).toMatch(/^Usage: npm run hq -- enroll:code --office <id> \| --hq/);
    await expect(run('frobnicate')).rejects.toThrow(
      /Unknown command: frobnicate\. Commands: serve, help/,
    );
  });

  it('records:clashes lists the rows migration 0006 moved aside: table, id, office, when, kept by', async () => {
    // An HQ from before 0006 that already holds ids in two offices.
    const old = await openMigratedDatabase(
      { kind: 'sqlite', file: join(dir, 'hq.sqlite') },
      '0005_operations',
    );
    await ensureSeedOffices(old.db);
    const row = (office_id: string, tbl: string, id: string, firstMs: number, seq: number) => ({
      office_id,
      tbl,
      id,
      data: JSON.stringify({ text: `${office_id} ${id}` }),
      field_hlc: JSON.stringify({
        text: formatHlc({ millis: 1_800_000_000_000 + firstMs, counter: 0, node: 'a'.repeat(16) }),
      }),
      deleted: 0,
      deleted_hlc: null,
      seq,
      updated_at: 1_800_000_000_000,
    });
    await old.db
      .insertInto('records')
      .values([
        row('shanghai', 'buyers', 'b-1', 0, 1),
        row('tokyo', 'buyers', 'b-1', 100, 1),
        row('tokyo', 'tradeTalks', 't-1', 0, 2),
        row('chengdu', 'tradeTalks', 't-1', 50, 1),
        row('tokyo', 'buyers', 'b-2', 0, 3),
      ])
      .execute();
    await old.destroy();

    const before = Date.now();
    await run('records:clashes'); // migrates first, as every command does
    const [header, ...rows] = lines;
    expect(header).toBe('table\tid\toffice\tmoved at\tkept by');
    expect(rows.slice(0, 2).map((l) => l.split('\t'))).toEqual([
      ['buyers', 'b-1', 'tokyo', expect.any(String), 'shanghai'],
      ['tradeTalks', 't-1', 'chengdu', expect.any(String), 'tokyo'],
    ]);
    const movedAt = Date.parse(rows[0]!.split('\t')[3]!);
    expect(movedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(movedAt).toBeLessThanOrEqual(Date.now());
    expect(rows[2]).toMatch(/^2 rows moved aside \(record_id_clashes\)/);
    expect(rows).toHaveLength(3);

    // An HQ without clashes says so, and help lists the command.
    rmSync(dir, { recursive: true, force: true });
    lines = [];
    await run('records:clashes');
    expect(lines).toEqual(['no record id clashes: nothing was moved aside']);
    lines = [];
    await run('help');
    expect(lines.join('\n')).toContain('  records:clashes\n      rows migration 0006 moved');
  });

  it('prints the office, the person, the expiry and the address to type with a code', async () => {
    env = { ...env, HQ_PUBLIC_URL: 'https://hq.gyeongnam.example/' };
    const before = Date.now();
    await run(
      'enroll:code',
      '--office',
      'hochiminh',
      '--person',
      'Nguyễn Thị Lan',
      '--ttl-hours',
      '48',
    );
    const out = lines.join('\n');
    expect(out).toContain('Enrollment code for a laptop of Ho Chi Minh City Office (hochiminh)');
    expect(out).toMatch(/For:\s+Nguyễn Thị Lan/);
    expect(out).toMatch(/HQ address:\s+https:\/\/hq\.gyeongnam\.example$/m);
    expect(out).toMatch(/Valid until:\s+.*\(48 h, one use\)/);
    const until = /Valid until:\s+(.*) \(48 h/.exec(out)![1]!;
    expect(until).toMatch(new RegExp(new Date(before + 48 * 3600_000).getFullYear().toString()));
    expect(errors).toEqual([]); // a public address: no loopback warning

    // The person shows in devices:list once a laptop enrolls with that code.
    const server = (await run('serve')) as RunningServer;
    servers.push(server);
    const device = await enroll(server.address, codeIn(lines), 'Lan laptop');
    lines = [];
    await run('devices:list');
    const row = lines.find((l) => l.startsWith(device.deviceId))!.split('\t');
    expect(row.at(-2)).toBe('Nguyễn Thị Lan');
    const staffId = row.at(-1)!;
    expect(staffId).toMatch(/^[0-9a-f-]{36}$/);

    // Her next link (a new laptop, or a new PIN): --staff reuses the id; an unknown id is refused.
    lines = [];
    await run('enroll:code', '--office', 'hochiminh', '--staff', staffId);
    expect(lines.join('\n')).toContain(`Nguyễn Thị Lan (staff id ${staffId})`);
    await expect(run('enroll:code', '--office', 'hochiminh', '--staff', 'nobody')).rejects.toThrow(
      '--staff: no staff member nobody',
    );
    await expect(
      run('enroll:code', '--office', 'hochiminh', '--staff', staffId, '--person', 'X'),
    ).rejects.toThrow('not both');

    lines = [];
    env = { ...env, HQ_PUBLIC_URL: '' };
    await run('enroll:code', '--hq');
    expect(lines.join('\n')).toContain('HQ device (reads every office)');
    expect(lines.join('\n')).toMatch(/For:\s+\(nobody named/);
    expect(errors.join('\n')).toContain('set HQ_PUBLIC_URL');
  });

  it('names the variable to set when the port is taken, and every bad setting at once', async () => {
    const first = (await run('serve')) as RunningServer;
    servers.push(first);
    env = { ...env, HQ_PORT: new URL(first.address).port };
    const err = (await run('serve').catch((e: unknown) => e)) as Error;
    expect(isUsageError(err)).toBe(true);
    expect(err.message).toMatch(/port \d+ on 127\.0\.0\.1 is already in use.*set HQ_PORT/);
    expect(err.stack ?? '').not.toContain('node:net'); // the CLI prints the message, not a trace

    env = { HQ_DATA_DIR: dir, HQ_PORT: 'eighty', HQ_LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' };
    const bad = (await run('serve').catch((e: unknown) => e)) as Error;
    expect(bad.message).toContain('HQ_PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(bad.message).toContain('HQ_LOG_LEVEL must be one of');
    expect(bad.message).toContain('DATABASE_URL must start with postgres://');
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
    await expect(run('serve')).rejects.toThrow('set both HQ_TLS_CERT and HQ_TLS_KEY');
  });
});
