/**
 * The laptop's update flow against a real HQ serving a published release over HTTP, through
 * electron-updater's own code: its generic provider reads HQ's latest.yml with the device
 * credential as request headers, downloads the installer and verifies its sha512. Only the
 * platform part is mocked (no NSIS installer runs: "install" records the verified file).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor';
import {
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
} from 'builder-util-runtime';
import { BaseUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import type { DownloadUpdateOptions } from 'electron-updater/out/AppUpdater';
import type { InstallOptions } from 'electron-updater/out/BaseUpdater';
import { findFile } from 'electron-updater/out/providers/Provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRelease, rolloutBucket } from '../../../src-hq/releases/releases';
import { createAppLogger } from '../../../src-main/adapters/logger';
import { createUpdateController, type UpdaterLike } from '../../../src-main/adapters/updater';
import { FIRST_CHECK_DELAY_MS } from '../../../src-main/core/update-policy';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { fakeBuild } from '../hq/release-build';

/**
 * electron-updater's ElectronHttpExecutor.download over Node's http instead of Electron's net:
 * the same doDownload of builder-util-runtime, which checks the sha512 while writing the file.
 */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers || undefined, redirect: 'manual' };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/** electron-updater with the platform installer mocked: everything else is the real code. */
class TestUpdater extends BaseUpdater {
  readonly installs: Array<InstallOptions & { file: string | null }> = [];
  quits = 0;

  constructor(app: AppAdapter) {
    super(null, app);
    (this as unknown as { httpExecutor: NodeDownloadExecutor }).httpExecutor =
      new NodeDownloadExecutor();
    this.logger = null;
    this.disableDifferentialDownload = true;
    this.disableWebInstaller = true;
  }

  protected doDownloadUpdate(options: DownloadUpdateOptions) {
    const provider = options.updateInfoAndProvider.provider;
    const fileInfo = findFile(provider.resolveFiles(options.updateInfoAndProvider.info), 'exe')!;
    const executor = (this as unknown as { httpExecutor: NodeDownloadExecutor }).httpExecutor;
    return this.executeDownload({
      fileExtension: 'exe',
      fileInfo,
      downloadUpdateOptions: options,
      task: async (destination, downloadOptions) => {
        await executor.download(fileInfo.url, destination, downloadOptions);
      },
    });
  }

  /** The verified installer electron-updater kept, or null. */
  get downloadedFile(): string | null {
    return this.installerPath;
  }

  protected doInstall(options: InstallOptions): boolean {
    this.installs.push({ ...options, file: this.installerPath });
    return true;
  }

  // The real one also emits Electron's own autoUpdater event and quits the app.
  override quitAndInstall(isSilent = false, isForceRunAfter = false): void {
    if (this.install(isSilent, isForceRunAfter)) this.quits += 1;
  }
}

function appAdapter(root: string, version: string): AppAdapter {
  const userData = join(root, 'userData');
  // electron-builder writes this beside the app; the updater reads its cache folder name.
  writeFileSync(
    join(root, 'app-update.yml'),
    'provider: generic\nurl: https://unused.example\nupdaterCacheDirName: bridgehead-updater\n',
  );
  return {
    version,
    name: 'Bridgehead',
    isPackaged: true,
    appUpdateConfigPath: join(root, 'app-update.yml'),
    userDataPath: userData,
    baseCachePath: join(root, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
}

describe('laptop updates from a real HQ through electron-updater', () => {
  let env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  let server: TestServer;
  let dir: string;
  let hqUrl: string;
  let build: ReturnType<typeof fakeBuild>;
  let proxy: http.Server;
  let proxyUrl: string;
  let laptopNo = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bh-updater-'));
    env = await sqliteBackend.open();
    server = await startServer(env.hq, { releasesDir: join(dir, 'releases') });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    hqUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    // The channel file electron-updater's generic provider asks for on this platform.
    const channelFile =
      process.platform === 'win32'
        ? 'latest.yml'
        : process.platform === 'darwin'
          ? 'latest-mac.yml'
          : 'latest-linux.yml';
    build = fakeBuild(dir, '1.2.0', { channelFile });
    await publishRelease(env.hq.db, join(dir, 'releases'), build.dir, {
      percent: 30,
      notes: null,
      now: Date.now(),
    });
    // A tampering network in between: flips one byte of every installer it passes on.
    proxy = http.createServer((req, res) => {
      const upstream = http.request(
        `${hqUrl}${req.url}`,
        { method: req.method, headers: req.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            const body = Buffer.concat(chunks);
            if (req.url?.endsWith('.exe') && body.length > 0) body[100] = body[100]! ^ 0xff;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
          });
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await server.app.close();
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One laptop: its own app folders, updater, credential and controller, clock at first check. */
  function laptop(credential: string | null, feedHq = hqUrl) {
    const root = join(dir, `laptop-${++laptopNo}`);
    const updater = new TestUpdater(appAdapter(mkdtempSync(`${root}-`), '1.1.0'));
    let clock = 1_000_000;
    const logged: string[] = [];
    const controller = createUpdateController({
      updater: updater as unknown as UpdaterLike,
      credentials: { get: async () => credential },
      appVersion: '1.1.0',
      isOnline: () => true,
      log: createAppLogger((_level, line) => logged.push(line)),
      now: () => clock,
    });
    const work = { syncing: false, unsavedEdits: false };
    controller.report({ hqUrl: feedHq, ...work });
    return {
      updater,
      controller,
      logged,
      advance: (ms: number) => (clock += ms),
      async check() {
        clock += FIRST_CHECK_DELAY_MS;
        await controller.tick();
        return controller.state();
      },
    };
  }

  it('honours the rollout share per laptop, the same answer at every check', async () => {
    const inside: string[] = [];
    const outside: string[] = [];
    while (inside.length < 2 || outside.length < 2) {
      const l = await server.enroll('tokyo', `t-${inside.length + outside.length}`);
      const credential = l.auth.slice('Bearer '.length);
      const covered = rolloutBucket('1.2.0', l.deviceId) < 30;
      if ((covered ? inside : outside).length >= 2) continue;
      (covered ? inside : outside).push(credential);

      const one = laptop(credential);
      const state = await one.check();
      expect(state.phase).toBe(covered ? 'ready' : 'idle');
      expect(state.version).toBe(covered ? '1.2.0' : null);
      if (covered) {
        // The installer electron-updater kept is byte for byte the published one.
        const file = one.updater.downloadedFile!;
        expect(createHash('sha512').update(readFileSync(file)).digest('base64')).toBe(build.sha512);
      } else {
        // Four hours later: still outside this release's share.
        one.advance(4 * 60 * 60_000);
        await one.controller.tick();
        expect(one.controller.state().phase).toBe('idle');
        expect(one.controller.state().lastCheckAt).toBeGreaterThan(
          1_000_000 + FIRST_CHECK_DELAY_MS,
        );
      }
    }
  });

  it('sends the device credential: a forged one gets nothing, and no credential asks nothing', async () => {
    const forged = laptop('forged-credential-forged-credential');
    const state = await forged.check();
    expect(state.phase).toBe('error');
    expect(state.errorCode).toBe('unauthorized');
    expect(forged.updater.downloadedFile).toBeNull();
    expect(forged.controller.install({ syncing: false, unsavedEdits: false })).toEqual({
      installing: false,
      reason: 'not-ready',
    });

    const unlinked = laptop(null);
    expect((await unlinked.check()).errorCode).toBe('no_credential');
    expect(unlinked.logged.join('\n')).toContain('updates.skipped');
  });

  /** A credential whose laptop is inside the 30 % share of 1.2.0. */
  async function coveredCredential(): Promise<string> {
    for (let i = 0; ; i++) {
      const l = await server.enroll('shanghai', `s-${i}`);
      if (rolloutBucket('1.2.0', l.deviceId) < 30) return l.auth.slice('Bearer '.length);
    }
  }

  it('refuses an installer changed on the way (sha512): an error, no restart offered', async () => {
    const tampered = laptop(await coveredCredential(), proxyUrl);
    const state = await tampered.check();
    expect(state.phase).toBe('error');
    expect(state.errorCode).toBe('sha512_mismatch');
    expect(state.version).toBeNull();
    expect(tampered.updater.downloadedFile).toBeNull();
    expect(tampered.controller.install({ syncing: false, unsavedEdits: false })).toEqual({
      installing: false,
      reason: 'not-ready',
    });
    expect(tampered.updater.installs).toEqual([]);
    // Nothing half-verified is left in the update cache.
    const cacheRoot = join(
      (tampered.updater as unknown as { app: AppAdapter }).app.baseCachePath,
      'bridgehead-updater',
      'pending',
    );
    const left = (() => {
      try {
        return readdirSync(cacheRoot);
      } catch {
        return [];
      }
    })();
    expect(left.filter((f) => f.endsWith('.exe'))).toEqual([]);
  });

  it('never restarts while a sync runs or edits are unsaved; restarts when the user clicks and nothing is busy', async () => {
    const one = laptop(await coveredCredential());
    expect((await one.check()).phase).toBe('ready');
    expect(one.controller.install({ syncing: true, unsavedEdits: false })).toEqual({
      installing: false,
      reason: 'syncing',
    });
    expect(one.controller.install({ syncing: false, unsavedEdits: true })).toEqual({
      installing: false,
      reason: 'unsaved-edits',
    });
    expect(one.updater.installs).toEqual([]);
    expect(one.updater.quits).toBe(0);

    expect(one.controller.install({ syncing: false, unsavedEdits: false })).toEqual({
      installing: true,
    });
    expect(one.updater.quits).toBe(1);
    expect(one.updater.installs).toHaveLength(1);
    const installed = one.updater.installs[0]!;
    expect(installed.isSilent).toBe(false);
    expect(createHash('sha512').update(readFileSync(installed.file!)).digest('base64')).toBe(
      build.sha512,
    );
  });
});
