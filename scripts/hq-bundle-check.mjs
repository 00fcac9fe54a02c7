// CI check of the deployable HQ (run by .ci/run): build the bundle, install it with
// `npm ci --omit=dev` in an empty temp folder (no project node_modules above it), start it
// with plain `node` on SQLite and on PostgreSQL, link two laptops with codes from its own
// CLI, push from one and pull on the other over HTTP, check /readyz and /metrics, stop it
// with SIGTERM (exit 0), and verify the systemd unit with systemd-analyze when present.
//
// better-sqlite3 has no prebuilt binary offline, and compiling it takes ~2 min on the build
// machines: by default the check hands npm's install script the binary this checkout already
// compiled for the same version and Node ABI, through prebuild-install's documented local
// prebuilds folder (the install script still runs and unpacks it). HQ_BUNDLE_COMPILE=1 makes
// the install compile from source instead.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'hq-bundle-'));
const bundle = join(work, 'hq');
const step = (s) => console.log(`[hq-bundle] ${s}`);
const PROTO = { 'bridgehead-protocol': '1', 'content-type': 'application/json' };
const children = new Set();

function fail(message) {
  throw new Error(`[hq-bundle] FAILED: ${message}`);
}

async function main() {
  step('build');
  execFileSync(process.execPath, [join(root, 'scripts/build-hq.mjs'), bundle], {
    stdio: 'inherit',
  });

  step('npm ci --omit=dev in an empty folder');
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' };
  if (process.env.HQ_BUNDLE_COMPILE !== '1') {
    const version = JSON.parse(
      readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
    ).version;
    const prebuilds = join(work, 'prebuilds');
    mkdirSync(prebuilds);
    const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    execFileSync('tar', [
      '-czf',
      join(prebuilds, name),
      '-C',
      join(root, 'node_modules/better-sqlite3'),
      'build/Release/better_sqlite3.node',
    ]);
    env.npm_config_better_sqlite3_local_prebuilds = prebuilds;
  }
  const t0 = Date.now();
  execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: bundle,
    env,
    stdio: 'inherit',
  });
  step(`installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const devOnly of ['electron', 'tsx', 'vitest', 'typescript', 'esbuild']) {
    if (existsSync(join(bundle, 'node_modules', devOnly))) fail(`${devOnly} was installed`);
  }

  await exercise('sqlite', { HQ_DATA_DIR: join(work, 'data') });
  const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (pgUrl === 'none') {
    if (process.env.CI) fail('TEST_DATABASE_URL=none under CI');
    step('PostgreSQL SKIPPED (TEST_DATABASE_URL=none)');
  } else {
    const schema = `hq_bundle_${randomBytes(6).toString('hex')}`;
    try {
      await exercise('postgres', {
        HQ_DATA_DIR: join(work, 'data-pg'),
        DATABASE_URL: pgUrl,
        HQ_PG_SCHEMA: schema,
      });
    } finally {
      // The bundle's own pg client drops the test schema.
      const pg = createRequire(join(bundle, 'package.json'))('pg');
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }

  try {
    const out = execFileSync('systemd-analyze', ['verify', join(bundle, 'bridgehead-hq.service')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (out.trim()) fail(`systemd-analyze verify:\n${out}`);
    step('systemd unit verified');
  } catch (e) {
    if (e.code === 'ENOENT') step('systemd-analyze not installed: unit NOT verified');
    else if (e.stderr?.includes('bridgehead-hq.service')) fail(`systemd unit:\n${e.stderr}`);
    else if (e.status !== 0 && e.stderr) fail(`systemd-analyze verify:\n${e.stderr}`);
    else step('systemd unit verified');
  }
  step('OK');
}

/** Starts `node hq.mjs serve` from the installed bundle and syncs two laptops through it. */
async function exercise(kind, extraEnv) {
  step(`${kind}: start`);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HQ_HOST: '127.0.0.1',
    HQ_PORT: '0',
    HQ_PUBLIC_URL: 'https://hq.example.org',
    HQ_TEST_TABLES: '1',
    HQ_LOG_FILE: join(work, `${kind}-requests.log`),
    NODE_ENV: 'production',
    ...extraEnv,
  };
  const hq = (args) =>
    execFileSync(process.execPath, ['hq.mjs', ...args], { cwd: bundle, env, encoding: 'utf8' });
  const child = spawn(process.execPath, ['hq.mjs', 'serve'], {
    cwd: bundle,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const exited = new Promise((res) => child.once('exit', (code) => res(code)));
  const address = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no start within 60 s:\n${output}`)), 60_000);
    const onData = (c) => {
      output += c;
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rej(new Error(`exited ${code} before listening:\n${output}`)));
  });
  const call = async (method, path, body, credential) => {
    const res = await fetch(`${address}${path}`, {
      method,
      headers: { ...PROTO, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = await res.json();
    if (!res.ok) fail(`${kind}: ${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const ready = await fetch(`${address}/readyz`);
  if (ready.status !== 200) fail(`${kind}: /readyz ${ready.status}`);

  const link = async (name) => {
    const printed = hq(['enroll:code', '--office', 'tokyo', '--person', name]);
    const code = /Code:\s+(\S+)/.exec(printed)?.[1];
    if (!code || !printed.includes('https://hq.example.org'))
      fail(`enroll:code printed:\n${printed}`);
    return call('POST', '/v1/enroll', { code, deviceName: name });
  };
  const a = await link('Laptop A');
  const b = await link('Laptop B');
  const hlc = `${String(Date.now()).padStart(15, '0')}-0000-00000000000000aa`;
  const notes = Array.from({ length: 25 }, (_, i) => ({
    mid: i + 1,
    tbl: 'test_notes',
    id: randomUUID(),
    fields: { officeId: ['tokyo', hlc], text: [`note ${i} 東京 Đà Nẵng`, hlc] },
  }));
  const pushed = await call(
    'POST',
    '/v1/push',
    { clientId: randomUUID(), mutations: notes },
    a.credential,
  );
  if (pushed.applied !== notes.length) fail(`${kind}: push applied ${pushed.applied}`);
  const pulled = await call(
    'POST',
    '/v1/pull',
    { clientId: randomUUID(), cursors: {} },
    b.credential,
  );
  const rows = pulled.partitions.flatMap((p) => p.rows);
  const got = new Map(rows.map((r) => [r.id, r.data.text]));
  for (const n of notes) {
    if (got.get(n.id) !== n.fields.text[0]) fail(`${kind}: laptop B did not receive ${n.id}`);
  }
  const devices = hq(['devices:list']);
  if (!devices.includes('Laptop A') || !devices.includes('Laptop B')) {
    fail(`${kind}: devices:list:\n${devices}`);
  }
  const metrics = await (await fetch(`${address}/metrics`)).text();
  if (!metrics.includes('bridgehead_push_records_applied_total 25')) {
    fail(`${kind}: /metrics lacks the push`);
  }
  child.kill('SIGTERM');
  const code = await exited;
  children.delete(child);
  if (code !== 0) fail(`${kind}: exit ${code} after SIGTERM:\n${output}`);
  step(`${kind}: enrolled 2 laptops, pushed and pulled ${notes.length} records, stopped cleanly`);
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
