/**
 * The update policy (pure) and the controller over a mocked electron-updater: when checks
 * happen, what is sent to HQ, the state machine, and when a restart is allowed.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createAppLogger } from '../../../src-main/adapters/logger';
import { createUpdateController, type UpdaterLike } from '../../../src-main/adapters/updater';
import {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  INITIAL_UPDATE_STATE,
  RENDERER_REPORT_MAX_AGE_MS,
  RETRY_AFTER_ERROR_MS,
  nextUpdateState,
  restartDecision,
  updateErrorCode,
  updateFeedUrl,
  updaterAllowed,
  type UpdateState,
} from '../../../src-main/core/update-policy';

describe('update policy', () => {
  it('runs only in a packaged app, not under e2e, and on Linux only as an AppImage', () => {
    const base = { isPackaged: true, platform: 'win32' as const, appImage: undefined, e2e: false };
    expect(updaterAllowed(base)).toBe(true);
    expect(updaterAllowed({ ...base, platform: 'darwin' })).toBe(true);
    expect(updaterAllowed({ ...base, isPackaged: false })).toBe(false);
    expect(updaterAllowed({ ...base, e2e: true })).toBe(false);
    expect(updaterAllowed({ ...base, platform: 'linux' })).toBe(false);
    expect(
      updaterAllowed({ ...base, platform: 'linux', appImage: '/opt/Bridgehead.AppImage' }),
    ).toBe(true);
  });

  it('points the feed at HQ over HTTPS, plain http only on this machine', () => {
    expect(updateFeedUrl('https://hq.example.kr')).toBe('https://hq.example.kr/v1/updates');
    expect(updateFeedUrl('https://hq.example.kr/bridgehead/')).toBe(
      'https://hq.example.kr/bridgehead/v1/updates',
    );
    expect(updateFeedUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/v1/updates');
    expect(updateFeedUrl('http://hq.example.kr')).toBeNull();
    expect(updateFeedUrl('https://user:pw@hq.example.kr')).toBeNull();
    expect(updateFeedUrl('file:///etc/passwd')).toBeNull();
    expect(updateFeedUrl('not a url')).toBeNull();
  });

  it('keeps a downloaded update ready whatever a later check says', () => {
    let s: UpdateState = INITIAL_UPDATE_STATE;
    s = nextUpdateState(s, { type: 'check-started', at: 1 });
    s = nextUpdateState(s, { type: 'available', version: '1.2.0' });
    s = nextUpdateState(s, { type: 'progress', percent: 42.4 });
    expect(s).toMatchObject({ phase: 'downloading', version: '1.2.0', percent: 42 });
    s = nextUpdateState(s, { type: 'downloaded', version: '1.2.0' });
    s = nextUpdateState(s, { type: 'error', code: 'network' });
    expect(s).toMatchObject({ phase: 'ready', version: '1.2.0', errorCode: 'network' });
    // A failed download is an error with no version: nothing to restart into.
    let f = nextUpdateState(INITIAL_UPDATE_STATE, { type: 'available', version: '1.3.0' });
    f = nextUpdateState(f, { type: 'error', code: 'sha512_mismatch' });
    expect(f).toMatchObject({ phase: 'error', version: null });
  });

  it('allows a restart only when ready, recently told, no sync and no unsaved edit', () => {
    const ready = { ...INITIAL_UPDATE_STATE, phase: 'ready' as const, version: '1.2.0' };
    const idle = { syncing: false, unsavedEdits: false, reportedAt: 1000 };
    expect(restartDecision(ready, idle, 1000)).toEqual({ allowed: true });
    expect(restartDecision(INITIAL_UPDATE_STATE, idle, 1000)).toEqual({
      allowed: false,
      reason: 'not-ready',
    });
    expect(restartDecision(ready, { ...idle, syncing: true }, 1000)).toEqual({
      allowed: false,
      reason: 'syncing',
    });
    expect(restartDecision(ready, { ...idle, unsavedEdits: true }, 1000)).toEqual({
      allowed: false,
      reason: 'unsaved-edits',
    });
    expect(restartDecision(ready, null, 1000)).toEqual({
      allowed: false,
      reason: 'renderer-silent',
    });
    expect(restartDecision(ready, idle, 1000 + RENDERER_REPORT_MAX_AGE_MS + 1)).toEqual({
      allowed: false,
      reason: 'renderer-silent',
    });
  });

  it('reduces electron-updater errors to codes (no message reaches the log)', () => {
    expect(
      updateErrorCode(
        Object.assign(new Error('sha512 checksum mismatch, expected x, got y'), {
          code: 'ERR_CHECKSUM_MISMATCH',
        }),
      ),
    ).toBe('sha512_mismatch');
    expect(updateErrorCode(new Error('HttpError: 401 Unauthorized\n"method: GET'))).toBe(
      'unauthorized',
    );
    expect(updateErrorCode(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe('network');
    expect(updateErrorCode(Object.assign(new Error('x'), { code: 'ERR_UPDATER_X' }))).toBe(
      'err_updater_x',
    );
    expect(updateErrorCode('weird')).toBe('failed');
  });
});

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  requestHeaders: Record<string, string> | null = null;
  setFeedURL = vi.fn();
  quitAndInstall = vi.fn();
  /** What the next check does: emits events like electron-updater. */
  next: 'none' | 'update' | 'offline' = 'none';
  checkForUpdates = vi.fn(async () => {
    this.emit('checking-for-update');
    if (this.next === 'offline') {
      const error = new Error('net::ERR_INTERNET_DISCONNECTED');
      this.emit('error', error);
      throw error;
    }
    if (this.next === 'none') {
      this.emit('update-not-available', { version: '1.1.0' });
      return { downloadPromise: null };
    }
    this.emit('update-available', { version: '1.2.0' });
    const downloadPromise = Promise.resolve().then(() => {
      this.emit('download-progress', { percent: 50 });
      this.emit('update-downloaded', { version: '1.2.0' });
    });
    return { downloadPromise };
  });
}

function setUp(online = true) {
  const updater = new FakeUpdater();
  let clock = 0;
  const net = { online };
  const lines: string[] = [];
  const controller = createUpdateController({
    updater,
    credentials: { get: async () => 'device-secret' },
    appVersion: '1.1.0',
    isOnline: () => net.online,
    log: createAppLogger((_l, line) => lines.push(line)),
    now: () => clock,
  });
  return {
    updater,
    controller,
    net,
    lines,
    at: (ms: number) => (clock = ms),
  };
}

describe('update controller over a mocked electron-updater', () => {
  it('never installs on quit, downloads by itself, and checks nothing until linked to HQ', async () => {
    const { updater, controller, at } = setUp();
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.autoDownload).toBe(true);
    at(FIRST_CHECK_DELAY_MS * 10);
    await controller.tick();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    // An HQ over plain http on another machine would carry the credential in clear: refused.
    controller.report({ hqUrl: 'http://hq.example.kr', syncing: false, unsavedEdits: false });
    await controller.tick();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('checks after start, then every few hours, only while online, with the credential', async () => {
    const { updater, controller, net, at } = setUp(false);
    controller.report({ hqUrl: 'https://hq.example.kr/', syncing: false, unsavedEdits: false });
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://hq.example.kr/v1/updates',
      channel: 'latest',
    });
    at(FIRST_CHECK_DELAY_MS - 1);
    await controller.tick();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    at(FIRST_CHECK_DELAY_MS);
    await controller.tick(); // offline
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    net.online = true;
    await controller.tick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.requestHeaders).toEqual({
      authorization: 'Bearer device-secret',
      'bridgehead-protocol': '1',
      'bridgehead-app-version': '1.1.0',
    });
    expect(controller.state().phase).toBe('idle');
    at(FIRST_CHECK_DELAY_MS + CHECK_INTERVAL_MS - 1);
    await controller.tick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    // The same report again changes nothing (the feed is set once).
    controller.report({ hqUrl: 'https://hq.example.kr', syncing: false, unsavedEdits: false });
    expect(updater.setFeedURL).toHaveBeenCalledTimes(1);
    at(FIRST_CHECK_DELAY_MS + CHECK_INTERVAL_MS);
    await controller.tick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('retries sooner after a failure, and stops checking once an update is ready', async () => {
    const { updater, controller, at, lines } = setUp();
    controller.report({ hqUrl: 'https://hq.example.kr', syncing: false, unsavedEdits: false });
    updater.next = 'offline';
    at(FIRST_CHECK_DELAY_MS);
    await controller.tick();
    expect(controller.state()).toMatchObject({ phase: 'error', errorCode: 'network' });
    expect(lines.join('\n')).toContain('updates.failed');
    updater.next = 'update';
    at(FIRST_CHECK_DELAY_MS + RETRY_AFTER_ERROR_MS);
    await controller.tick();
    expect(controller.state()).toMatchObject({ phase: 'ready', version: '1.2.0' });
    expect(
      controller.report({ hqUrl: 'https://hq.example.kr', syncing: true, unsavedEdits: false }),
    ).toEqual({ phase: 'ready', version: '1.2.0' });
    at(FIRST_CHECK_DELAY_MS * 1000);
    await controller.tick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('restarts only when the renderer says nothing is busy, and only on request', async () => {
    const { updater, controller, at } = setUp();
    controller.report({ hqUrl: 'https://hq.example.kr', syncing: false, unsavedEdits: false });
    updater.next = 'update';
    at(FIRST_CHECK_DELAY_MS);
    await controller.tick();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(controller.install({ syncing: true, unsavedEdits: false })).toEqual({
      installing: false,
      reason: 'syncing',
    });
    expect(controller.install({ syncing: false, unsavedEdits: true })).toEqual({
      installing: false,
      reason: 'unsaved-edits',
    });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(controller.install({ syncing: false, unsavedEdits: false })).toEqual({
      installing: true,
    });
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
  });
});
