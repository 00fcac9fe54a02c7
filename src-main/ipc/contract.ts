/**
 * The IPC contract between the renderer (through the preload) and main: every
 * channel, its input schema and its result type, in one place. Imported by the
 * preload and (type-only) by the renderer, so no Node or Electron imports here.
 */
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import type { Language } from '@shared/i18n/languages';

import type { IpcChannel } from './channels';
import type { RestartRefusal, UpdatePhase } from '../core/update-policy';

export { IPC_CHANNELS } from './channels';
export type { IpcChannel } from './channels';

/** Longest URL accepted from the renderer; real links are far shorter. */
const MAX_URL_LENGTH = 2048;

/** No-argument channels accept only `undefined` (an `invoke(channel)` without payload). */
const noInput = z.undefined();

/** The device credential is an opaque token from HQ enrollment; real ones are < 1 KB. */
export const MAX_CREDENTIAL_LENGTH = 4096;
/** Page sizes the PDF export offers (A4 everywhere but Los Angeles, which uses Letter). */
export const PDF_PAGE_SIZES = ['A4', 'Letter'] as const;
export type PdfPageSize = (typeof PDF_PAGE_SIZES)[number];
const MAX_TITLE_LENGTH = 200;
const MAX_BODY_LENGTH = 1000;
const MAX_FILE_NAME_LENGTH = 120;

/** What the renderer is doing: main never restarts to update while a sync runs or edits are unsaved. */
const rendererWork = {
  syncing: z.boolean(),
  unsavedEdits: z.boolean(),
};

/** A line of visible text: no control characters (a notification or dialog title). */
const visibleText = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(value));

export const IPC_INPUT_SCHEMAS = {
  'app:get-version': noInput,
  'app:get-os-locale': noInput,
  'app:set-language': z.strictObject({ language: z.enum(SUPPORTED_LANGUAGES) }),
  'shell:open-external': z.strictObject({ url: z.string().min(1).max(MAX_URL_LENGTH) }),
  'credentials:get': noInput,
  'credentials:set': z.strictObject({
    secret: z.string().min(1).max(MAX_CREDENTIAL_LENGTH),
  }),
  'credentials:clear': noInput,
  'data-key:get': noInput,
  'data-key:clear': noInput,
  'print:to-pdf': z.strictObject({
    pageSize: z.enum(PDF_PAGE_SIZES),
    landscape: z.boolean().optional(),
    /** Suggested file name; main strips anything that is not a plain name. */
    fileName: visibleText(MAX_FILE_NAME_LENGTH).pipe(z.string().min(1)),
    /** The save dialog's title, already translated by the renderer. */
    dialogTitle: visibleText(MAX_TITLE_LENGTH).pipe(z.string().min(1)),
  }),
  'notification:show': z.strictObject({
    title: visibleText(MAX_TITLE_LENGTH).pipe(z.string().min(1)),
    body: visibleText(MAX_BODY_LENGTH),
  }),
  'updates:report': z.strictObject({
    /** The HQ this laptop is linked to (null: not linked, no update checks). Main checks it again. */
    hqUrl: z.string().min(1).max(MAX_URL_LENGTH).nullable(),
    ...rendererWork,
  }),
  'updates:install': z.strictObject(rendererWork),
} as const satisfies Record<IpcChannel, z.ZodType>;

export type IpcInput<C extends IpcChannel> = z.infer<(typeof IPC_INPUT_SCHEMAS)[C]>;

export interface IpcResults {
  'app:get-version': { version: string };
  /** The OS preferred languages (BCP 47), most preferred first. */
  'app:get-os-locale': { languages: string[] };
  'app:set-language': { language: Language };
  /** `opened: false` when the URL is not on the external-link allow-list. */
  'shell:open-external': { opened: boolean };
  /** null when no credential is stored (or it can no longer be decrypted). */
  'credentials:get': { secret: string | null };
  'credentials:set': { stored: true };
  'credentials:clear': { cleared: true };
  /** The data key, base64 of 32 bytes (issue 14: personal data is sealed with it). */
  'data-key:get': { key: string };
  'data-key:clear': { cleared: true };
  /** `saved: false` when the user cancelled the save dialog. */
  'print:to-pdf': { saved: boolean };
  /** `shown: false` where the OS offers no notifications. */
  'notification:show': { shown: boolean };
  /** The update's state: 'ready' with a version is when "Restart to update" is offered. */
  'updates:report': { phase: UpdatePhase; version: string | null };
  /** `installing: false` with the reason when a restart is not allowed now. */
  'updates:install': { installing: true } | { installing: false; reason: RestartRefusal };
}

export type IpcResult<C extends IpcChannel> = IpcResults[C];

/**
 * Error codes a rejected call carries (as the Error message, which is all
 * Electron forwards). The renderer can map them to translated messages.
 */
export const IPC_ERROR_CODES = {
  forbiddenSender: 'IPC_FORBIDDEN_SENDER',
  invalidInput: 'IPC_INVALID_INPUT',
  handlerFailed: 'IPC_HANDLER_FAILED',
  /**
   * The OS offers no real encryption for the device credential (no keychain,
   * or Linux's `basic_text` backend, which is plaintext): main refuses to
   * store it rather than write a readable secret to disk.
   */
  credentialsUnavailable: 'IPC_CREDENTIALS_UNAVAILABLE',
  /** No real OS encryption for the data key (as above): the app refuses personal data. */
  dataKeyUnavailable: 'IPC_DATA_KEY_UNAVAILABLE',
  /** The wrapped data key exists but the OS cannot open it (another user, a reset keychain). */
  dataKeyUnreadable: 'IPC_DATA_KEY_UNREADABLE',
} as const;

export type IpcErrorCode = (typeof IPC_ERROR_CODES)[keyof typeof IPC_ERROR_CODES];
