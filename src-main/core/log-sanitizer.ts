/**
 * Log records carry event names and error codes only. Staff enter personal
 * data (buyers' names, phones, messenger IDs), so anything that could hold it
 * is dropped before it reaches the log file, not masked.
 */
export type LogValue = string | number | boolean | null;
export type LogFields = Readonly<Record<string, unknown>>;

/** Field names that may be logged, with short values. */
const ALLOWED_FIELDS: ReadonlySet<string> = new Set([
  'channel',
  'code',
  'reason',
  'permission',
  'scheme',
  'status',
  'platform',
  'version',
  'language',
  'durationMs',
  'count',
  'errorName',
]);

const MAX_VALUE_LENGTH = 80;
/** Event names and codes look like `ipc.rejected`, `IPC_INVALID_INPUT`, `shell:open-external`. */
const SAFE_TOKEN = /^[A-Za-z0-9_.:-]+$/;

function sanitizeValue(value: unknown): LogValue | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    if (value.length > MAX_VALUE_LENGTH || !SAFE_TOKEN.test(value)) return '[dropped]';
    return value;
  }
  return undefined; // objects, arrays, errors: may carry payloads
}

export function sanitizeLogFields(fields: LogFields | undefined): Record<string, LogValue> {
  const out: Record<string, LogValue> = {};
  if (!fields) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (!ALLOWED_FIELDS.has(key)) continue;
    const clean = sanitizeValue(value);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

export function sanitizeEventName(name: string): string {
  return name.length <= MAX_VALUE_LENGTH && SAFE_TOKEN.test(name) ? name : 'invalid-event-name';
}
