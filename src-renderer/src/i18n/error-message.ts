/**
 * The errors-namespace key for anything thrown: coded errors (settings,
 * format, money, IPC…) map to their code, everything else to "unexpected".
 */
export function errorMessageKey(error: unknown): `errors:${string}` {
  const code =
    error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
      ? error.code
      : 'unexpected';
  return `errors:${code}`;
}
