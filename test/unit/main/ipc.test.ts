import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserWindow,
  Notification,
  app,
  dialog,
  ipcMain,
  resetElectronMock,
  safeStorage,
  shell,
} from '../../mocks/electron';
import { IPC_CHANNELS, IPC_ERROR_CODES, IPC_INPUT_SCHEMAS } from '../../../src-main/ipc/contract';
import { handle } from '../../../src-main/ipc/register';
import { registerIpcHandlers } from '../../../src-main/adapters/ipc-handlers';
import { createSafeOpenExternal } from '../../../src-main/adapters/external';
import { createAppLogger } from '../../../src-main/adapters/logger';
import { createCredentialStore } from '../../../src-main/adapters/credentials';
import { createDataKeyStore } from '../../../src-main/adapters/data-key';
import { createNotifier } from '../../../src-main/adapters/notifications';
import { createPdfExporter } from '../../../src-main/adapters/print';
import type { PdfExportDeps } from '../../../src-main/adapters/print';
import type { NotifierDeps } from '../../../src-main/adapters/notifications';
import { createUpdateController } from '../../../src-main/adapters/updater';

const APP_FRAME = 'app://bridgehead/index.html';
const rejections: Array<{ event: string; channel: string; reason: string }> = [];
const guard = {
  log: (event: string, fields: { channel: string; reason: string }) =>
    rejections.push({ event, ...fields }),
};

beforeEach(() => {
  resetElectronMock();
  rejections.length = 0;
});

describe('handle(): sender check', () => {
  it.each([
    ['https://evil.example/', 'foreign-sender'],
    ['app://bridgehead.evil/index.html', 'foreign-sender'],
    ['app://user@bridgehead/index.html', 'foreign-sender'],
    ['file:///tmp/index.html', 'foreign-sender'],
    ['http://localhost:5173/', 'foreign-sender'],
    [null, 'no-sender-frame'],
  ])('rejects a call from %s without running the handler', async (sender, reason) => {
    const handler = vi.fn(() => ({ version: '1' }));
    handle(ipcMain, IPC_CHANNELS.getVersion, handler, guard);
    await expect(ipcMain.invokeAs(sender, IPC_CHANNELS.getVersion)).rejects.toThrow(
      IPC_ERROR_CODES.forbiddenSender,
    );
    expect(handler).not.toHaveBeenCalled();
    expect(rejections).toEqual([{ event: 'ipc.rejected', channel: 'app:get-version', reason }]);
  });

  it('accepts the app frame, and the dev server frame only in dev', async () => {
    handle(ipcMain, IPC_CHANNELS.getVersion, () => ({ version: '9' }), {
      ...guard,
      devOrigin: 'http://localhost:5173',
    });
    await expect(ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.getVersion)).resolves.toEqual({
      version: '9',
    });
    await expect(
      ipcMain.invokeAs('http://localhost:5173/x', IPC_CHANNELS.getVersion),
    ).resolves.toEqual({
      version: '9',
    });
  });
});

describe('handle(): input validation before the handler', () => {
  const setLanguage = vi.fn((input: { language: string }) => ({
    language: input.language as 'ko',
  }));
  const openExternal = vi.fn(() => ({ opened: true }));

  beforeEach(() => {
    setLanguage.mockClear();
    openExternal.mockClear();
    handle(ipcMain, IPC_CHANNELS.setLanguage, setLanguage, guard);
    handle(ipcMain, IPC_CHANNELS.openExternal, openExternal, guard);
    handle(ipcMain, IPC_CHANNELS.getVersion, () => ({ version: '1' }), guard);
  });

  it.each([
    ['missing payload', undefined],
    ['wrong type', { language: 42 }],
    ['unknown language', { language: 'fr' }],
    ['extra key', { language: 'ko', admin: true }],
    ['string payload', 'ko'],
    ['array payload', ['ko']],
  ])('app:set-language rejects %s', async (_name, payload) => {
    await expect(ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.setLanguage, payload)).rejects.toThrow(
      IPC_ERROR_CODES.invalidInput,
    );
    expect(setLanguage).not.toHaveBeenCalled();
  });

  it.each([
    ['wrong type', { url: 123 }],
    ['huge string', { url: `https://example.com/${'x'.repeat(100_000)}` }],
    ['empty string', { url: '' }],
    ['extra huge key', { url: 'https://example.com', junk: 'x'.repeat(1_000_000) }],
  ])('shell:open-external rejects %s', async (_name, payload) => {
    await expect(ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.openExternal, payload)).rejects.toThrow(
      IPC_ERROR_CODES.invalidInput,
    );
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('rejects extra arguments and input on no-input channels', async () => {
    await expect(ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.getVersion, { evil: 1 })).rejects.toThrow(
      IPC_ERROR_CODES.invalidInput,
    );
    await expect(
      ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.setLanguage, { language: 'ko' }, 'second'),
    ).rejects.toThrow(IPC_ERROR_CODES.invalidInput);
  });

  it('logs channel and reason, never the payload', async () => {
    const secret = 'Yamada Taro +81-90-1234-5678';
    await expect(
      ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.setLanguage, { language: secret }),
    ).rejects.toThrow();
    expect(JSON.stringify(rejections)).not.toContain('Yamada');
    expect(rejections).toEqual([
      { event: 'ipc.rejected', channel: 'app:set-language', reason: 'invalid-input' },
    ]);
  });

  it('passes valid input through', async () => {
    await expect(
      ipcMain.invokeAs(APP_FRAME, IPC_CHANNELS.setLanguage, { language: 'zh-CN' }),
    ).resolves.toEqual({
      language: 'zh-CN',
    });
    expect(setLanguage).toHaveBeenCalledWith({ language: 'zh-CN' }, expect.anything());
  });
});

describe('handle(): errors', () => {
  it('turns a handler crash into a bare code: no message, no stack', async () => {
    handle(
      ipcMain,
      IPC_CHANNELS.getVersion,
      () => {
        throw new Error('/home/kim/secret/path exploded');
      },
      guard,
    );
    const error = (await ipcMain
      .invokeAs(APP_FRAME, IPC_CHANNELS.getVersion)
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(IPC_ERROR_CODES.handlerFailed);
    expect(error.stack ?? '').not.toContain('secret');
    expect(rejections).toEqual([
      { event: 'ipc.failed', channel: 'app:get-version', reason: 'Error' },
    ]);
  });
});

describe('registered app handlers', () => {
  const setLanguage = vi.fn();

  beforeEach(() => {
    setLanguage.mockClear();
    app.setPreferredLanguages(['vi-VN', 'en-US']);
    registerIpcHandlers(
      ipcMain,
      {
        app,
        openExternal: createSafeOpenExternal(
          shell,
          createAppLogger(() => {}),
        ),
        setLanguage,
        credentials: createCredentialStore({
          safeStorage,
          userDataDir: app.getPath('userData'),
          platform: 'linux',
          log: createAppLogger(() => {}),
        }),
        dataKey: createDataKeyStore({
          safeStorage,
          userDataDir: app.getPath('userData'),
          platform: 'linux',
          log: createAppLogger(() => {}),
        }),
        exportPdf: createPdfExporter({
          BrowserWindow: BrowserWindow as unknown as PdfExportDeps['BrowserWindow'],
          dialog,
          defaultDirectory: () => app.getPath('userData'),
          log: createAppLogger(() => {}),
        }),
        notify: createNotifier({
          Notification: Notification as unknown as NotifierDeps['Notification'],
          focusApp: () => {},
        }),
        updates: createUpdateController({
          updater: null,
          credentials: { get: async () => null },
          appVersion: '0.1.0',
          isOnline: () => true,
          log: createAppLogger(() => {}),
        }),
      },
      guard,
    );
  });

  it('update channels: the report answers the state; an install with nothing ready is refused', async () => {
    await expect(
      ipcMain.invokeAs(APP_FRAME, 'updates:report', {
        hqUrl: 'https://hq.example',
        syncing: false,
        unsavedEdits: false,
      }),
    ).resolves.toEqual({ phase: 'disabled', version: null });
    await expect(
      ipcMain.invokeAs(APP_FRAME, 'updates:install', { syncing: false, unsavedEdits: false }),
    ).resolves.toEqual({ installing: false, reason: 'not-ready' });
    // A report missing a field, or carrying an extra one, never reaches the controller.
    await expect(
      ipcMain.invokeAs(APP_FRAME, 'updates:report', { hqUrl: null, syncing: false }),
    ).rejects.toThrow(IPC_ERROR_CODES.invalidInput);
    await expect(
      ipcMain.invokeAs(APP_FRAME, 'updates:install', {
        syncing: false,
        unsavedEdits: false,
        force: true,
      }),
    ).rejects.toThrow(IPC_ERROR_CODES.invalidInput);
  });

  it('registers every contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(IPC_INPUT_SCHEMAS).sort());
  });

  it('guards every registered channel: a foreign frame is refused on each one', async () => {
    for (const channel of Object.keys(IPC_INPUT_SCHEMAS)) {
      await expect(ipcMain.invokeAs('https://evil.example/', channel)).rejects.toThrow(
        IPC_ERROR_CODES.forbiddenSender,
      );
    }
    expect(rejections.every((r) => r.reason === 'foreign-sender')).toBe(true);
    expect(rejections).toHaveLength(Object.keys(IPC_INPUT_SCHEMAS).length);
  });

  it('validates every registered channel: a junk payload is refused on each one', async () => {
    for (const channel of Object.keys(IPC_INPUT_SCHEMAS)) {
      await expect(ipcMain.invokeAs(APP_FRAME, channel, { junk: 'x'.repeat(10) })).rejects.toThrow(
        IPC_ERROR_CODES.invalidInput,
      );
    }
    expect(rejections.every((r) => r.reason === 'invalid-input')).toBe(true);
  });

  it('stores and reads the device credential through the registered channels', async () => {
    await ipcMain.invokeAs(APP_FRAME, 'credentials:set', { secret: 's3cret' });
    await expect(ipcMain.invokeAs(APP_FRAME, 'credentials:get')).resolves.toEqual({
      secret: 's3cret',
    });
    await ipcMain.invokeAs(APP_FRAME, 'credentials:clear');
    await expect(ipcMain.invokeAs(APP_FRAME, 'credentials:get')).resolves.toEqual({
      secret: null,
    });
  });

  it('answers version and OS languages', async () => {
    await expect(ipcMain.invokeAs(APP_FRAME, 'app:get-version')).resolves.toEqual({
      version: '0.1.0',
    });
    await expect(ipcMain.invokeAs(APP_FRAME, 'app:get-os-locale')).resolves.toEqual({
      languages: ['vi-VN', 'en-US'],
    });
  });

  it('relocalizes on app:set-language', async () => {
    await ipcMain.invokeAs(APP_FRAME, 'app:set-language', { language: 'ja' });
    expect(setLanguage).toHaveBeenCalledWith('ja');
  });

  it('opens allow-listed URLs only, even with a schema-valid payload', async () => {
    await expect(
      ipcMain.invokeAs(APP_FRAME, 'shell:open-external', { url: 'https://example.com/' }),
    ).resolves.toEqual({
      opened: true,
    });
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://example.com/',
      'smb://x/y',
    ]) {
      await expect(ipcMain.invokeAs(APP_FRAME, 'shell:open-external', { url })).resolves.toEqual({
        opened: false,
      });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
