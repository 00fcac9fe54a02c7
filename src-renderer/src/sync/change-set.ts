/**
 * Naming the records a pull page wrote in the change set Dexie reports when the page's
 * transaction commits (`storagemutated`: in this thread, and through Dexie's
 * BroadcastChannel in the page when the pull worker wrote). Dexie names the keys of a
 * write request of fewer than 50 rows; a bigger request is reported as "the whole table"
 * (and its indexes), and the CRM index would reload every buyer after each page. So a page
 * is written in big requests and its transaction's change set then names exactly the keys
 * it put or deleted per table: one message, delivered with the commit itself, that every
 * listener already understands (point keys in the table's primary-key and `:dels` parts).
 * Index parts stay as Dexie set them (index-based queries still re-run).
 */
import { RangeSet, type IntervalTree } from 'dexie';

/** Keys a transaction put or deleted, per table. */
export class WrittenKeys {
  readonly byTable = new Map<string, string[]>();

  add(tbl: string, keys: readonly string[]): void {
    if (keys.length === 0) return;
    const list = this.byTable.get(tbl);
    if (list) for (const k of keys) list.push(k);
    else this.byTable.set(tbl, [...keys]);
  }
}

/**
 * Call inside the transaction after its writes to those tables have completed: the
 * primary-key and `:dels` parts of each table in `written` are replaced by its keys.
 * Every write to those tables in the transaction must be in `written`.
 */
export function nameWrittenKeys(idbtrans: object, dbName: string, written: WrittenKeys): void {
  // The object Dexie fires with `storagemutated` at commit (its observability middleware
  // extends it after each write request).
  const parts = (idbtrans as { mutatedParts?: Record<string, IntervalTree> }).mutatedParts;
  if (!parts) return;
  for (const [tbl, keys] of written.byTable) {
    for (const index of ['', ':dels']) {
      const part = `idb://${dbName}/${tbl}/${index}`;
      if (parts[part]) parts[part] = new RangeSet().addKeys(keys);
    }
  }
}
