/**
 * Records that came out of the shared schemas' parse in this session. A bulk
 * write of such records (an import committing its dry run) need not parse them
 * again: zod runs without JIT under the app's CSP, tens of microseconds a
 * record. Only parse OUTPUT is marked, and marked records must not be mutated.
 */
const parsed = new WeakSet<object>();

export function markParsed<T extends object>(record: T): T {
  parsed.add(record);
  return record;
}

export function wasParsed(record: object): boolean {
  return parsed.has(record);
}
