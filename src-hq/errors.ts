import type { SyncErrorCode } from '@shared/sync/protocol';

/**
 * An error the API returns as `{ error: { code, message, details? } }` with this status.
 * `details` names what was refused (e.g. table, id and field) for programs; `message`
 * says the same to a person reading a log.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
