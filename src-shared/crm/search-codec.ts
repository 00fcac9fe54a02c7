import { SEARCH_FIELDS, type SearchDocument, type SearchKey } from './search-keys';

/**
 * A compact, JSON-safe form of search documents for the persisted CRM index
 * snapshot: per document `[buyerId, contactIds, field, slot, text, index, ...]`
 * (field and index kind as small numbers). About a quarter of the size of the
 * documents as objects, and parsed as arrays of primitives (fast).
 */
const INDEX_KINDS: readonly SearchKey['index'][] = ['words', 'start', 'none'];
const FIELD_NUMBER = new Map(SEARCH_FIELDS.map((f, i) => [f, i]));
const INDEX_NUMBER = new Map(INDEX_KINDS.map((k, i) => [k, i]));

type Encoded = [string, string[], ...(string | number)[]];

export function encodeSearchDocuments(docs: Iterable<SearchDocument>): string {
  const out: Encoded[] = [];
  for (const d of docs) {
    const row: Encoded = [d.buyerId, d.contactIds];
    for (const k of d.keys) {
      row.push(FIELD_NUMBER.get(k.field)!, k.slot, k.text, INDEX_NUMBER.get(k.index)!);
    }
    out.push(row);
  }
  return JSON.stringify(out);
}

/** The documents of `encodeSearchDocuments`; throws on anything else (a corrupt snapshot). */
export function decodeSearchDocuments(json: string): SearchDocument[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('search documents: not an array');
  return parsed.map((row: unknown): SearchDocument => {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || !Array.isArray(row[1])) {
      throw new Error('search documents: bad document');
    }
    if ((row.length - 2) % 4 !== 0) throw new Error('search documents: bad keys');
    const keys: SearchKey[] = [];
    for (let i = 2; i < row.length; i += 4) {
      const field = SEARCH_FIELDS[row[i] as number];
      const index = INDEX_KINDS[row[i + 3] as number];
      const slot = row[i + 1] as unknown;
      const text = row[i + 2] as unknown;
      if (!field || !index || typeof slot !== 'number' || typeof text !== 'string') {
        throw new Error('search documents: bad key');
      }
      keys.push({ field, slot, text, index });
    }
    return { buyerId: row[0], contactIds: row[1] as string[], keys };
  });
}
