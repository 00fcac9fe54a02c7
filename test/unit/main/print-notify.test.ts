import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MockWebContents } from '../../mocks/electron';
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
import { IPC_CHANNELS, IPC_ERROR_CODES } from '../../../src-main/ipc/contract';
import { registerIpcHandlers } from '../../../src-main/adapters/ipc-handlers';
import { createUpdateController } from '../../../src-main/adapters/updater';
import { createCredentialStore } from '../../../src-main/adapters/credentials';
import { createDataKeyStore } from '../../../src-main/adapters/data-key';
import { createSafeOpenExternal } from '../../../src-main/adapters/external';
import { createAppLogger } from '../../../src-main/adapters/logger';
import { createNotifier } from '../../../src-main/adapters/notifications';
import { createPdfExporter } from '../../../src-main/adapters/print';
import type { PdfExportDeps } from '../../../src-main/adapters/print';
import type { NotifierDeps } from '../../../src-main/adapters/notifications';
import { toSafeFileName, withExtension } from '../../../src-main/core/file-name';

const APP_FRAME = 'app://bridgehead/index.html';
const log = createAppLogger(() => {});
let focused = 0;
let window: BrowserWindow;

beforeEach(() => {
  resetElectronMock();
  focused = 0;
  const userDataDir = app.getPath('userData');
  const credentials = createCredentialStore({ safeStorage, userDataDir, platform: 'linux', log });
  registerIpcHandlers(
    ipcMain,
    {
      app,
      openExternal: createSafeOpenExternal(shell, log),
      setLanguage: () => {},
      credentials,
      dataKey: createDataKeyStore({ safeStorage, userDataDir, platform: 'linux', log }),
      exportPdf: createPdfExporter({
        BrowserWindow: BrowserWindow as unknown as PdfExportDeps['BrowserWindow'],
        dialog,
        defaultDirectory: () => path.join(userDataDir, 'Documents'),
        log,
      }),
      notify: createNotifier({
        Notification: Notification as unknown as NotifierDeps['Notification'],
        focusApp: () => (focused += 1),
      }),
      updates: createUpdateController({
        updater: null,
        credentials,
        appVersion: '0.1.0',
        isOnline: () => true,
        log,
      }),
    },
    { log: () => {} },
  );
  window = new BrowserWindow();
  window.webContents.url = 'app://bridgehead/index.html#/bookings/day-sheet';
});

const print = (payload: unknown, sender = APP_FRAME, contents?: MockWebContents) =>
  ipcMain.invokeFrom(contents ?? window.webContents, sender, IPC_CHANNELS.printToPdf, payload);

const validPrint = {
  pageSize: 'Letter',
  fileName: 'Day sheet 2026-11-28 Van 1',
  dialogTitle: 'Save the day sheet as PDF',
};

describe('print:to-pdf', () => {
  it('asks where to save, prints the sender page with the chosen page size, writes the PDF', async () => {
    const target = path.join(app.getPath('userData'), 'sheet');
    dialog.setSavePath(target);
    await expect(print(validPrint)).resolves.toEqual({ saved: true });
    const [parent, options] = dialog.showSaveDialog.mock.calls[0] as [
      unknown,
      { defaultPath: string; title: string; filters: unknown[] },
    ];
    expect(parent).toBe(window);
    expect(options.title).toBe('Save the day sheet as PDF');
    expect(path.basename(options.defaultPath)).toBe('Day sheet 2026-11-28 Van 1.pdf');
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({
      pageSize: 'Letter',
      landscape: false,
      printBackground: true,
    });
    const pdf = readFileSync(`${target}.pdf`, 'utf8');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf).toContain('day-sheet');
  });

  it('prints nothing when the user cancels', async () => {
    dialog.setSavePath(null);
    await expect(print({ ...validPrint, pageSize: 'A4' })).resolves.toEqual({ saved: false });
    expect(window.webContents.printToPDF).not.toHaveBeenCalled();
  });

  it.each([
    ['unknown page size', { ...validPrint, pageSize: 'A3' }],
    ['missing file name', { pageSize: 'A4', dialogTitle: 'x' }],
    ['empty title', { ...validPrint, dialogTitle: '' }],
    ['control characters', { ...validPrint, fileName: 'a\u0000b' }],
    ['huge name', { ...validPrint, fileName: 'x'.repeat(500) }],
    ['extra key', { ...validPrint, path: '/etc/passwd' }],
    ['landscape as string', { ...validPrint, landscape: 'yes' }],
  ])('rejects %s before any dialog or print', async (_name, payload) => {
    dialog.setSavePath('/tmp/never');
    await expect(print(payload)).rejects.toThrow(IPC_ERROR_CODES.invalidInput);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(window.webContents.printToPDF).not.toHaveBeenCalled();
  });

  it('refuses a foreign frame: no dialog, no print', async () => {
    dialog.setSavePath('/tmp/never');
    await expect(print(validPrint, 'https://evil.example/')).rejects.toThrow(
      IPC_ERROR_CODES.forbiddenSender,
    );
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(window.webContents.printToPDF).not.toHaveBeenCalled();
  });
});

describe('notification:show', () => {
  const notify = (payload: unknown, sender = APP_FRAME) =>
    ipcMain.invokeAs(sender, IPC_CHANNELS.notify, payload);

  it('shows a native notification; a click brings the app forward', async () => {
    await expect(notify({ title: 'Van 1 in 1 hour', body: '09:00 Airport' })).resolves.toEqual({
      shown: true,
    });
    expect(Notification.instances).toHaveLength(1);
    const [shown] = Notification.instances;
    expect(shown?.options).toEqual({ title: 'Van 1 in 1 hour', body: '09:00 Airport' });
    expect(shown?.show).toHaveBeenCalled();
    shown?.emit('click');
    expect(focused).toBe(1);
  });

  it('answers shown:false where the OS has no notifications', async () => {
    Notification.supported = false;
    await expect(notify({ title: 't', body: '' })).resolves.toEqual({ shown: false });
    expect(Notification.instances).toHaveLength(0);
  });

  it.each([
    ['no title', { body: 'x' }],
    ['empty title', { title: '', body: 'x' }],
    ['long body', { title: 't', body: 'x'.repeat(1001) }],
    ['control chars', { title: 't\u001b[31m', body: '' }],
    ['extra key', { title: 't', body: '', icon: 'file:///etc/passwd' }],
  ])('rejects %s', async (_name, payload) => {
    await expect(notify(payload)).rejects.toThrow(IPC_ERROR_CODES.invalidInput);
    expect(Notification.instances).toHaveLength(0);
  });

  it('refuses a foreign frame', async () => {
    await expect(notify({ title: 't', body: 'b' }, 'https://evil.example/')).rejects.toThrow(
      IPC_ERROR_CODES.forbiddenSender,
    );
    expect(Notification.instances).toHaveLength(0);
  });
});

describe('toSafeFileName', () => {
  it.each([
    ['Day sheet 2026-11-28', 'Day sheet 2026-11-28.pdf'],
    ['../../etc/passwd', '_.._etc_passwd.pdf'],
    ['C:\\Windows\\x', 'C__Windows_x.pdf'],
    ['山田商事 配車', '山田商事 配車.pdf'],
    ['Nguyễn Văn An.PDF', 'Nguyễn Văn An.pdf'],
    ['CON', '_CON.pdf'],
    ['...', 'day-sheet.pdf'],
    ['', 'day-sheet.pdf'],
    ['a?*<>|"b', 'a______b.pdf'],
  ])('%s → %s', (input, expected) => {
    expect(toSafeFileName(input, 'pdf', 'day-sheet')).toBe(expected);
  });

  it('bounds the length by characters, not bytes', () => {
    expect(toSafeFileName('가'.repeat(300), 'pdf', 'x')).toBe(`${'가'.repeat(100)}.pdf`);
  });

  it('adds the extension only when missing', () => {
    expect(withExtension('/tmp/a', 'pdf')).toBe('/tmp/a.pdf');
    expect(withExtension('/tmp/a.PDF', 'pdf')).toBe('/tmp/a.PDF');
  });
});
