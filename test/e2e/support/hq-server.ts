// A real HQ server (`npm run hq`) as a child process for end-to-end tests:
// SQLite in a fresh temp data folder, loopback only, on a free port that a
// restart keeps (so a laptop enrolled with the URL can reach it again).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const checkout = resolve(import.meta.dirname, '../../..');

/**
 * E2E_HQ_SOURCE=head runs the server from the last commit (exported to a temp folder, sharing
 * node_modules) instead of the working tree: for a checkout shared with people whose
 * half-written server changes would otherwise stop the test. Default: the working tree.
 */
function serverRoot(): string {
  if (process.env.E2E_HQ_SOURCE !== 'head') return checkout;
  const dir = mkdtempSync(join(tmpdir(), 'bridgehead-hq-src-'));
  execFileSync(
    'sh',
    ['-c', `git archive HEAD src-hq src-shared package.json | tar -x -C "${dir}"`],
    {
      cwd: checkout,
    },
  );
  symlinkSync(join(checkout, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
const root = serverRoot();
// The tsx loader in this very process (not tsx's CLI, which runs the script in a
// grandchild that a SIGKILL of the CLI would orphan, keeping the port).
const tsxLoader = pathToFileURL(resolve(root, 'node_modules/tsx/dist/loader.mjs')).href;
const hqCli = resolve(root, 'src-hq/cli.ts');
const LISTENING = /Bridgehead HQ listening on (https?:\/\/\S+)/;

export interface HqServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server wrote to stdout/stderr (for failure messages). */
  log(): string;
  /** SIGTERM (graceful close), waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no graceful close (a crash), waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same data folder and the same port (stopping it first if running). */
  restart(): Promise<void>;
  /**
   * One-time enrollment code for an office id, or 'hq' for an HQ device (CLI `enroll:code`),
   * for a new staff member named `person` (none: an unnamed code, as older HQ tooling made).
   */
  createEnrollmentCode(officeId: string, person?: string): Promise<string>;
  /** Any HQ CLI command on the same data folder (e.g. ['devices:revoke', id]); returns stdout. */
  cli(args: string[]): Promise<string>;
  /** stop() and delete the data folder. */
  dispose(): Promise<void>;
}

export interface HqServerOptions {
  /** Sync the test_* tables too (HQ_TEST_TABLES=1). */
  testTables?: boolean;
  /** Extra environment (e.g. HQ_RATE_LIMIT). */
  env?: Record<string, string>;
}

function baseEnv(dataDir: string, options: HqServerOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HQ_DATA_DIR: dataDir, HQ_HOST: '127.0.0.1' };
  delete env.DATABASE_URL; // always the embedded SQLite in the temp folder
  delete env.HQ_TLS_CERT;
  delete env.HQ_TLS_KEY;
  env.NODE_ENV = 'production';
  // e2e tests make many requests from one IP; keep the limits out of the way.
  env.HQ_RATE_LIMIT = '100000';
  env.HQ_ENROLL_RATE_LIMIT = '1000';
  if (options.testTables) env.HQ_TEST_TABLES = '1';
  return { ...env, ...options.env };
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => child.once('exit', () => res()));
}

export async function startHqServer(options: HqServerOptions = {}): Promise<HqServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bridgehead-hq-e2e-'));
  let output = '';
  let child: ChildProcess | null = null;
  let port = 0;
  let url = '';

  const launch = (wantedPort: number) =>
    new Promise<string>((res, rej) => {
      const proc = spawn(process.execPath, ['--import', tsxLoader, hqCli, 'serve'], {
        cwd: root,
        env: { ...baseEnv(dataDir, options), HQ_PORT: String(wantedPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      // Never leave a server behind if the test process ends without dispose().
      const reap = () => proc.kill('SIGKILL');
      process.once('exit', reap);
      proc.once('exit', () => process.off('exit', reap));
      let buffer = '';
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        proc.kill('SIGKILL');
        rej(new Error(`HQ server did not start within 30 s:\n${output}`));
      }, 30_000);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output += text;
        if (done) return;
        buffer += text;
        const m = LISTENING.exec(buffer);
        if (m) {
          done = true;
          clearTimeout(timer);
          res(m[1]!.replace(/\/$/, ''));
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
      proc.once('exit', (code, signal) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        rej(new Error(`HQ server exited (${code ?? signal}) before listening:\n${output}`));
      });
    });

  const start = async (wantedPort: number) => {
    // The port of a killed server is free at once (SO_REUSEADDR), but retry briefly anyway.
    let lastError: unknown;
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        url = await launch(wantedPort);
        const u = new URL(url);
        if (u.hostname !== '127.0.0.1') throw new Error(`HQ server not on loopback: ${url}`);
        port = Number(u.port);
        return;
      } catch (e) {
        lastError = e;
        if (!/EADDRINUSE/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    throw lastError;
  };

  const signal = async (sig: NodeJS.Signals) => {
    const proc = child as ChildProcess | null;
    if (!proc) return;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
    await waitForExit(proc);
    child = null;
  };

  const cli = (args: string[]) =>
    new Promise<string>((res, rej) => {
      execFile(
        process.execPath,
        ['--import', tsxLoader, hqCli, ...args],
        { cwd: root, env: baseEnv(dataDir, options), timeout: 60_000 },
        (error, stdout, stderr) => {
          if (error) rej(new Error(`hq ${args.join(' ')} failed: ${stderr || error.message}`));
          else res(stdout);
        },
      );
    });

  await start(0);

  const server: HqServer = {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    dataDir,
    log: () => output,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async restart() {
      await signal('SIGTERM');
      await start(port);
    },
    async createEnrollmentCode(officeId: string, person?: string) {
      const args =
        officeId === 'hq' ? ['enroll:code', '--hq'] : ['enroll:code', '--office', officeId];
      if (person !== undefined) args.push('--person', person);
      const out = await cli(args);
      const code = /\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b/.exec(out)?.[0];
      if (!code) throw new Error(`enroll:code printed no code for ${officeId}:\n${out}`);
      return code;
    },
    cli,
    async dispose() {
      await signal('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
