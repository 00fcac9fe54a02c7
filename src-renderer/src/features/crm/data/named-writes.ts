/**
 * Bulk writes that name the rows they changed. Dexie reports a request of 50
 * rows or more to `storagemutated` as a change of the whole table, which would
 * make the CRM index reload every buyer (tens of seconds at 100,000, the list
 * back in stored order meanwhile) after an import of 5,000. A writer that knows
 * its ids names them for its transaction; the index then applies just those.
 *
 * Keyed by the transaction's own change set (`idbtrans.mutatedParts`, the very
 * object Dexie hands to `storagemutated` listeners when it commits): a change
 * from anywhere else (another transaction, another window, the pull worker)
 * never matches, and still reloads as before.
 */
export interface NamedKeys {
  buyers: readonly string[];
  contacts: readonly string[];
}

const named = new WeakMap<object, NamedKeys>();

/**
 * Call inside the transaction, after its writes (the change set exists from the
 * first write on), with every key the transaction wrote to those tables.
 */
export function nameWrittenKeys(idbtrans: IDBTransaction, keys: NamedKeys): void {
  const parts = (idbtrans as unknown as { mutatedParts?: object }).mutatedParts;
  if (parts) named.set(parts, keys);
}

/** The keys a committed transaction named, given the change set `storagemutated` reported. */
export function namedKeysOf(parts: object): NamedKeys | undefined {
  return named.get(parts);
}
