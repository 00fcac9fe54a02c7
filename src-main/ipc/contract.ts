/**
 * The IPC contract between the renderer (through the preload) and main: every
 * channel, its input schema and its result type, in one place. Imported by the
 * preload and (type-only) by the renderer, so no Node or Electron imports here.
 */
import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import type { Language } from '@shared/i18n/languages';

import type { IpcChannel } from './channels';

export { IPC_CHANNELS } from './channels';
export type { IpcChannel } from './channels';

/** Longest URL accepted from the renderer; real links are far shorter. */
const MAX_URL_LENGTH = 2048;

/** No-argument channels accept only `undefined` (an `invoke(channel)` without payload). */
const noInput = z.undefined();

export const IPC_INPUT_SCHEMAS = {
  'app:get-version': noInput,
  'app:get-os-locale': noInput,
  'app:set-language': z.strictObject({ language: z.enum(SUPPORTED_LANGUAGES) }),
  'shell:open-external': z.strictObject({ url: z.string().min(1).max(MAX_URL_LENGTH) }),
} as const satisfies Record<IpcChannel, z.ZodType>;

export type IpcInput<C extends IpcChannel> = z.infer<(typeof IPC_INPUT_SCHEMAS)[C]>;

export interface IpcResults {
  'app:get-version': { version: string };
  /** The OS preferred languages (BCP 47), most preferred first. */
  'app:get-os-locale': { languages: string[] };
  'app:set-language': { language: Language };
  /** `opened: false` when the URL is not on the external-link allow-list. */
  'shell:open-external': { opened: boolean };
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
} as const;

export type IpcErrorCode = (typeof IPC_ERROR_CODES)[keyof typeof IPC_ERROR_CODES];
