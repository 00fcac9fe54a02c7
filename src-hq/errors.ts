import type { SyncErrorCode } from '../src-shared/sync/protocol';

/** An error the API returns as `{ error: { code, message } }` with this status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
