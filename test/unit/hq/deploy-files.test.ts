/**
 * The deployment files shipped in the HQ bundle (deploy/hq). Docker cannot run on the build
 * machines, so the compose file and Dockerfile are checked for what can be checked here;
 * scripts/hq-bundle-check.mjs (CI) installs and runs the bundle itself and verifies the unit.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KNOWN_VARIABLES } from '../../../src-hq/config';

const deploy = resolve(import.meta.dirname, '../../../deploy/hq');
const read = (f: string) => readFileSync(join(deploy, f), 'utf8');

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('HQ deployment files', () => {
  it('compose runs HQ against the PostgreSQL service once it is healthy, with the secrets required', () => {
    const compose = load(read('compose.yaml')) as any;
    expect(Object.keys(compose.services).sort()).toEqual(['hq', 'postgres']);
    const hq = compose.services.hq;
    expect(hq.depends_on.postgres.condition).toBe('service_healthy');
    expect(compose.services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(hq.environment.DATABASE_URL).toMatch(/^postgres:\/\/bridgehead:.*@postgres:5432\//);
    expect(hq.environment.HQ_PUBLIC_URL).toContain(':?'); // compose refuses to start without it
    expect(hq.ports).toEqual(['127.0.0.1:8787:8787']); // never exposed beyond the proxy host
    expect(hq.stop_grace_period).toBe('30s');
    for (const name of Object.keys(hq.environment)) {
      expect([...KNOWN_VARIABLES, 'DATABASE_URL']).toContain(name);
    }
  });

  it('the Dockerfile installs runtime dependencies only, runs as a user and checks readiness', () => {
    const file = read('Dockerfile');
    expect(file).toContain('npm ci --omit=dev');
    expect(file).toMatch(/^USER node$/m);
    expect(file).toContain('/readyz');
    expect(file).toMatch(/^CMD \["node", "--enable-source-maps", "hq.mjs", "serve"\]$/m);
    const copied = /^COPY (?!--from)(.*) \.\/$/gm;
    const built = ['package.json', 'package-lock.json', 'hq.mjs', 'hq.mjs.map', 'README.md'];
    for (const m of file.matchAll(copied)) {
      for (const f of m[1]!.split(' ')) expect(built).toContain(f);
    }
  });

  it('the example settings name only variables HQ knows', () => {
    const names = [...read('hq.env.example').matchAll(/^#? ?([A-Z_]+)=/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(8);
    for (const n of names) expect(KNOWN_VARIABLES as readonly string[]).toContain(n);
  });

  it.skipIf(!hasSystemdAnalyze())('systemd accepts the unit without a warning', () => {
    // systemd-analyze exits 0 on unknown keys and bad values: its words are the verdict.
    const res = spawnSync('systemd-analyze', ['verify', join(deploy, 'bridgehead-hq.service')], {
      encoding: 'utf8',
    });
    expect(`${res.stdout}${res.stderr}`).not.toContain('bridgehead-hq.service');
    expect(res.status).toBe(0);
  });
});
