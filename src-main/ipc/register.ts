import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from '../core/origin';
import { IPC_ERROR_CODES, IPC_INPUT_SCHEMAS } from './contract';
import type { IpcChannel, IpcErrorCode, IpcInput, IpcResult } from './contract';

/** A rejected IPC call. Only the code crosses to the renderer: no stack, no details. */
export class IpcRejection extends Error {
  readonly code: IpcErrorCode;
  constructor(code: IpcErrorCode) {
    super(code);
    this.name = 'IpcRejection';
    this.code = code;
    this.stack = undefined;
  }
}

export type IpcLog = (event: string, fields: { channel: string; reason: string }) => void;

export interface IpcGuardOptions {
  /** Development only: the dev server origin, trusted like the app origin. */
  devOrigin?: string | null;
  /** Receives rejections: channel and reason, never the payload. */
  log?: IpcLog;
}

export type IpcHandler<C extends IpcChannel> = (
  input: IpcInput<C>,
  event: IpcMainInvokeEvent,
) => IpcResult<C> | Promise<IpcResult<C>>;

function senderRejection(event: IpcMainInvokeEvent, devOrigin?: string | null): string | null {
  // senderFrame is null when the frame navigated away or was destroyed.
  const frame = event.senderFrame;
  if (!frame) return 'no-sender-frame';
  if (typeof frame.url !== 'string' || !isAppUrl(frame.url, devOrigin)) return 'foreign-sender';
  return null;
}

/**
 * Registers an IPC handler behind the two checks every channel needs: the
 * calling frame belongs to the app, and the input matches the channel's
 * schema. The handler runs only when both pass.
 */
export function handle<C extends IpcChannel>(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: C,
  handler: IpcHandler<C>,
  options: IpcGuardOptions = {},
): void {
  const schema = IPC_INPUT_SCHEMAS[channel];
  const log: IpcLog = options.log ?? (() => {});

  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const senderProblem = senderRejection(event, options.devOrigin);
    if (senderProblem) {
      log('ipc.rejected', { channel, reason: senderProblem });
      throw new IpcRejection(IPC_ERROR_CODES.forbiddenSender);
    }
    if (args.length > 1) {
      log('ipc.rejected', { channel, reason: 'too-many-arguments' });
      throw new IpcRejection(IPC_ERROR_CODES.invalidInput);
    }
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      log('ipc.rejected', { channel, reason: 'invalid-input' });
      throw new IpcRejection(IPC_ERROR_CODES.invalidInput);
    }
    try {
      return await handler(parsed.data as IpcInput<C>, event);
    } catch (error) {
      if (error instanceof IpcRejection) throw error;
      log('ipc.failed', {
        channel,
        reason: error instanceof Error ? error.name : 'unknown',
      });
      throw new IpcRejection(IPC_ERROR_CODES.handlerFailed);
    }
  });
}
