/**
 * Error codes of the format module. Each code is a key path in
 * locales/<lang>/errors.json, so the UI can translate it.
 */
export type FormatErrorCode =
  | 'format.invalid_instant'
  | 'format.invalid_time_zone'
  | 'format.invalid_amount'
  | 'format.unknown_currency';

export class FormatError extends Error {
  override readonly name = 'FormatError';

  constructor(
    readonly code: FormatErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
