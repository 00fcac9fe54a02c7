/**
 * Laptop releases served by a real HQ: publish checks every file's sha512, the feed answers
 * linked laptops only, the rollout share is honoured per laptop and deterministically, per
 * office, paused, withdrawn (the previous release is offered), and a file changed on HQ's
 * disk after publishing is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  publishRelease,
  rolloutBucket,
  setPaused,
  setRollout,
  withdrawRelease,
} from '../../../src-hq/releases/releases';
import { PROTO, sqliteBackend, startServer, type TestServer } from './harness';
import { fakeBuild } from './release-build';

describe('laptop releases from HQ', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  let dir: string;
  let releasesDir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hq-releases-'));
    releasesDir = join(dir, 'releases');
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { releasesDir });
  });
  afterEach(async () => {
    await server.app.close();
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, auth?: string) =>
    server.app.inject({
      method: 'GET',
      url,
      headers: { ...PROTO, ...(auth ? { authorization: auth } : {}) },
    });
  const offered = async (auth: string) => {
    const res = await get('/v1/updates/latest.yml', auth);
    if (res.statusCode === 404) return null;
    expect(res.statusCode).toBe(200);
    return load(res.body) as {
      version: string;
      files: { url: string; sha512: string }[];
      stagingPercentage?: number;
    };
  };
  const publish = (build: { dir: string }, percent = 100) =>
    publishRelease(env.hq.db, releasesDir, build.dir, { percent, notes: null, now: Date.now() });

  it('refuses a build whose file does not match its sha512, and a version published twice', async () => {
    await expect(publish(fakeBuild(dir, '1.2.0', { tamper: true }))).rejects.toThrow(
      'does not match its sha512 or size in the channel file: tampered or incomplete, refused',
    );
    expect(await env.hq.db.selectFrom('releases').selectAll().execute()).toEqual([]);
    await publish(fakeBuild(dir, '1.2.1'));
    await expect(publish(fakeBuild(join(dir, 'again'), '1.2.1'))).rejects.toThrow(
      'already published',
    );
  });

  it('serves linked laptops only, the rollout share per laptop, the same answer every time', async () => {
    const build = fakeBuild(dir, '1.2.0');
    await publish(build, 30);
    expect((await get('/v1/updates/latest.yml')).statusCode).toBe(401);
    expect(
      (await get('/v1/updates/latest.yml', 'Bearer forged-forged-forged-forged')).statusCode,
    ).toBe(401);
    const laptops = await Promise.all(
      Array.from({ length: 40 }, (_, i) => server.enroll(i % 2 ? 'tokyo' : 'shanghai', `l${i}`)),
    );
    let yes = 0;
    for (const l of laptops) {
      const info = await offered(l.auth);
      expect(info !== null).toBe(rolloutBucket('1.2.0', l.deviceId) < 30);
      expect((await offered(l.auth)) !== null).toBe(info !== null); // deterministic
      if (info) {
        yes++;
        // HQ decides the rollout: no client-side staging; files under the version's folder.
        expect(info.stagingPercentage).toBeUndefined();
        expect(info.files[0]!.url).toBe(`1.2.0/${build.exe}`);
      }
    }
    expect(yes).toBeGreaterThan(2);
    expect(yes).toBeLessThan(25);

    // The file itself: the bytes published, only to a linked laptop.
    const lucky = laptops.find((l) => rolloutBucket('1.2.0', l.deviceId) < 30)!;
    const file = await get(`/v1/updates/1.2.0/${build.exe}`, lucky.auth);
    expect(file.statusCode).toBe(200);
    expect(createHash('sha512').update(file.rawPayload).digest('base64')).toBe(build.sha512);
    expect((await get(`/v1/updates/1.2.0/${build.exe}`)).statusCode).toBe(401);
    expect((await get(`/v1/updates/1.2.0/..%2Fhq.sqlite`, lucky.auth)).statusCode).toBe(404);

    // Per office: every Tokyo laptop, still 30% elsewhere.
    await setRollout(env.hq.db, '1.2.0', 100, 'tokyo');
    for (const [i, l] of laptops.entries()) {
      const want = i % 2 === 1 || rolloutBucket('1.2.0', l.deviceId) < 30;
      expect((await offered(l.auth)) !== null).toBe(want);
    }
  });

  it('pause offers nothing; rollback offers the previous release; nothing is ever offered twice lower', async () => {
    const l = await server.enroll('hochiminh', 'vn-1');
    await publish(fakeBuild(dir, '1.1.0'));
    await publish(fakeBuild(dir, '1.2.0'));
    expect((await offered(l.auth))?.version).toBe('1.2.0');
    await setPaused(env.hq.db, '1.2.0', true);
    expect((await offered(l.auth))?.version).toBe('1.1.0');
    await setPaused(env.hq.db, '1.1.0', true);
    expect(await offered(l.auth)).toBeNull();
    await setPaused(env.hq.db, '1.1.0', false);
    await setPaused(env.hq.db, '1.2.0', false);
    await withdrawRelease(env.hq.db, '1.2.0', Date.now());
    expect((await offered(l.auth))?.version).toBe('1.1.0');
    expect((await get('/v1/updates/1.2.0/Bridgehead-Setup-1.2.0.exe', l.auth)).statusCode).toBe(
      404,
    );
  });

  it('refuses to serve a file changed on HQ after it was published', async () => {
    const l = await server.enroll('tokyo', 't-1');
    const build = fakeBuild(dir, '1.3.0');
    await publish(build);
    const url = `/v1/updates/1.3.0/${build.exe}`;
    expect((await get(url, l.auth)).statusCode).toBe(200);
    writeFileSync(join(releasesDir, '1.3.0', build.exe), randomBytes(build.bytes.length));
    const res = await get(url, l.auth);
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('server_error');
  });

  it('the Laptops screen data: each laptop reports its version with a sync, and the newest release', async () => {
    const hqDevice = await server.enroll(null, 'hq-desk');
    const l = await server.enroll('tokyo', 'tokyo-1');
    await publish(fakeBuild(dir, '1.2.0'));
    const pull = (auth: string, version: string) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: {
          ...PROTO,
          'content-type': 'application/json',
          authorization: auth,
          'bridgehead-app-version': version,
        },
        payload: JSON.stringify({ clientId: 'client-12345678', cursors: {} }),
      });
    expect((await pull(l.auth, '1.1.0')).statusCode).toBe(200);
    expect((await pull(hqDevice.auth, 'not a version')).statusCode).toBe(200);
    const res = await get('/v1/admin/devices', hqDevice.auth);
    const body = res.json();
    expect(body.newestRelease).toBe('1.2.0');
    expect(body.devices.find((d: { id: string }) => d.id === l.deviceId).appVersion).toBe('1.1.0');
    expect(
      body.devices.find((d: { id: string }) => d.id === hqDevice.deviceId).appVersion,
    ).toBeNull();
  });
});
