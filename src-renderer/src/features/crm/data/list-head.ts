import type { BuyerRow } from './buyer-rows';
import { dataCipher } from '../../../data/encryption/data-key';

/**
 * The buyer list's head: the first rows of its default order (by name) and
 * the number of buyers, as the CRM index last knew them. Opening the list
 * shows these rows in their final place, read in one go before the database
 * answers anything, while the index loads and sorts every buyer (seconds at
 * 100,000): the sorted list then takes over without a jump.
 *
 * A derived cache. Kept in localStorage (read synchronously), one entry per
 * database, sealed with the data key (issue 14: the rows hold names and notes
 * like the database it mirrors; a v1 head, stored in clear, is removed unread).
 * With `rows` it holds the list rows themselves; a head of ids only (older
 * sessions) is read from IndexedDB instead. Any committed write to the buyers, contacts
 * or trade talks tables drops it (the rows show contact counts and the last
 * talk), in every window and from every writer (crm-index.ts); the CRM index
 * writes it again once its order reflects the write. A wipe clears those
 * tables: the head goes with them.
 */
export interface ListHead {
  /** First buyer ids in the list's default order ('name'). */
  ids: string[];
  /** Number of buyers when the head was written. */
  total: number;
  /** The rows of `ids`, in that order, as the list shows them. */
  rows?: BuyerRow[];
}

export interface ListHeadStore {
  load(dbName: string): ListHead | null;
  save(dbName: string, head: ListHead | null): void;
}

const KEY_PREFIX = 'bridgehead.crm.listHead.v2:';
/** Heads stored in clear before issue 14: removed, never read. */
const CLEAR_KEY_PREFIX = 'bridgehead.crm.listHead.v1:';
const SEAL_CONTEXT = 'localStorage:listHead';

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
  const { ids, total, rows } = value as Partial<ListHead>;
  return (
    Array.isArray(ids) &&
    ids.every((id) => typeof id === 'string') &&
    typeof total === 'number' &&
    Number.isInteger(total) &&
    total >= ids.length &&
    (rows === undefined ||
      (Array.isArray(rows) &&
        rows.length === ids.length &&
        rows.every((r, i) => isRow(r, ids[i]!))))
  );
}

/** Enough of a BuyerRow to draw it and sort it (a head written by another version is dropped). */
function isRow(value: unknown, id: string): value is BuyerRow {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<BuyerRow>;
  return (
    r.id === id &&
    typeof r.nameNative === 'string' &&
    typeof r.nameLatin === 'string' &&
    typeof r.country === 'string' &&
    typeof r.contactCount === 'number' &&
    Array.isArray(r.industries) &&
    Array.isArray(r.tags) &&
    typeof r.nameKey?.primary === 'string'
  );
}

export const localListHeadStore: ListHeadStore = {
  load(dbName) {
    const s = storage();
    if (!s) return null;
    try {
      s.removeItem(CLEAR_KEY_PREFIX + dbName);
    } catch {
      // Storage errors: nothing to remove then.
    }
    const raw = s.getItem(KEY_PREFIX + dbName);
    if (!raw) return null;
    try {
      const parsed: unknown = JSON.parse(dataCipher().openText(SEAL_CONTEXT, raw));
      return isListHead(parsed) ? parsed : null;
    } catch {
      return null;
    }
  },
  save(dbName, head) {
    const s = storage();
    if (!s) return;
    try {
      if (head) {
        s.setItem(KEY_PREFIX + dbName, dataCipher().sealText(SEAL_CONTEXT, JSON.stringify(head)));
      } else s.removeItem(KEY_PREFIX + dbName);
    } catch {
      // Quota or storage errors: the head is only a shortcut.
    }
  },
};

/**
 * The database name of a Dexie storagemutated part (`idb://<db>/<table>/<index>`)
 * when it names the table `buyersTable`, else null.
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
