/**
 * The buyer list's head: the ids of the first rows of its default order (by
 * name) and the number of buyers, as the CRM index last knew them. Opening
 * the list reads just these rows from IndexedDB and shows them in their final
 * place while the index loads and sorts every buyer (seconds at 100,000): the
 * sorted list then takes over without a jump.
 *
 * Ids and a count only (no names): a derived cache, not data. Kept in
 * localStorage (read synchronously, before the database answers anything),
 * one entry per database. Any committed write to the buyers table drops it
 * (see `dropListHeadOnBuyerWrites`); the CRM index writes it again once its
 * order reflects the write.
 */
export interface ListHead {
  /** First buyer ids in the list's default order ('name'). */
  ids: string[];
  /** Number of buyers when the head was written. */
  total: number;
}

export interface ListHeadStore {
  load(dbName: string): ListHead | null;
  save(dbName: string, head: ListHead | null): void;
}

const KEY_PREFIX = 'bridgehead.crm.listHead.v1:';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled (privacy settings): the list opens without a head.
    return null;
  }
}

function isListHead(value: unknown): value is ListHead {
  if (typeof value !== 'object' || value === null) return false;
  const { ids, total } = value as Partial<ListHead>;
  return (
    Array.isArray(ids) &&
    ids.every((id) => typeof id === 'string') &&
    typeof total === 'number' &&
    Number.isInteger(total) &&
    total >= ids.length
  );
}

export const localListHeadStore: ListHeadStore = {
  load(dbName) {
    const raw = storage()?.getItem(KEY_PREFIX + dbName);
    if (!raw) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      return isListHead(parsed) ? parsed : null;
    } catch {
      return null;
    }
  },
  save(dbName, head) {
    const s = storage();
    if (!s) return;
    try {
      if (head) s.setItem(KEY_PREFIX + dbName, JSON.stringify(head));
      else s.removeItem(KEY_PREFIX + dbName);
    } catch {
      // Quota or storage errors: the head is only a shortcut.
    }
  },
};

/**
 * The database name of a Dexie storagemutated part (`idb://<db>/<table>/<index>`)
 * when it names the buyers table, else null.
 */
export function buyersPartDb(part: string, buyersTable: string): string | null {
  if (!part.startsWith('idb://')) return null;
  const rest = part.slice('idb://'.length);
  const suffix = `/${buyersTable}/`;
  const at = rest.lastIndexOf(suffix);
  if (at <= 0) return null;
  const tail = rest.slice(at + suffix.length);
  return tail.includes('/') ? null : rest.slice(0, at);
}
