import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog, WebContents } from 'electron';
import { toSafeFileName, withExtension } from '../core/file-name';
import type { IpcInput, IpcResult } from '../ipc/contract';
import type { AppLogger } from './logger';

export interface PdfExportDeps {
  BrowserWindow: Pick<typeof BrowserWindow, 'fromWebContents'>;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** Folder the save dialog starts in (the user's Documents). */
  defaultDirectory: () => string;
  writeFile?: (file: string, data: Buffer) => Promise<void>;
  log: AppLogger;
}

export type PdfExporter = (
  input: IpcInput<'print:to-pdf'>,
  sender: Pick<WebContents, 'printToPDF'>,
) => Promise<IpcResult<'print:to-pdf'>>;

/**
 * Prints the calling page (its print CSS: the day sheet without the app's
 * chrome) to a PDF and saves it where the user chooses. Only the sender's own
 * page can be printed; the dialog comes first, so a cancel costs nothing.
 */
export function createPdfExporter(deps: PdfExportDeps): PdfExporter {
  const save = deps.writeFile ?? ((file: string, data: Buffer) => writeFile(file, data));
  return async (input, sender) => {
    const window = deps.BrowserWindow.fromWebContents(sender as WebContents);
    const fileName = toSafeFileName(input.fileName, 'pdf', 'day-sheet');
    const options = {
      title: input.dialogTitle,
      defaultPath: path.join(deps.defaultDirectory(), fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
        'createDirectory' | 'showOverwriteConfirmation'
      >,
    };
    const choice = window
      ? await deps.dialog.showSaveDialog(window, options)
      : await deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };

    const pdf = await sender.printToPDF({
      pageSize: input.pageSize,
      landscape: input.landscape ?? false,
      printBackground: true,
    });
    await save(withExtension(choice.filePath, 'pdf'), pdf);
    deps.log.info('print.pdf-saved', { status: input.pageSize });
    return { saved: true };
  };
}
