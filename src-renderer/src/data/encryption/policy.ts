/**
 * Which stores hold what sealed (issue 14): the ONE list of the local database's stores and
 * how each is kept at rest. Every store of the app's schema is in exactly one of the three
 * groups (test/unit/renderer/encryption-policy.test.ts), so a new table must be classified.
 *
 * - Synced tables with personal fields (src-shared/sync/personal-fields.ts): those fields
 *   are sealed, the rest (ids, office, status, dates: what the indexes and the merge read)
 *   stays readable.
 * - Local stores that copy personal values (the outbox, tombstones and refused changes hold
 *   whole records; the change log, the CRM snapshot, the access records, the settings with
 *   the linked person): every field but the primary key and the indexes is sealed.
 * - Stores with no personal value stay plain.
 */
import type { DBCoreTableSchema } from 'dexie';
import { PERSONAL_FIELDS } from '@shared/sync/personal-fields';
import { OUTBOX, REJECTED, RESEND, SYNC_STATE, TOMBSTONES } from '../../sync/schema';
import { CACHES, CHANGE_LOG } from '../change-log';
import { PRESEALED_FIELD } from './chunk-cipher';

/** Local stores sealed whole (but their keys and indexes). '_accessLog': features/audit. */
export const SEALED_LOCAL_STORES: readonly string[] = [
  'settings',
  OUTBOX,
  TOMBSTONES,
  REJECTED,
  CHANGE_LOG,
  CACHES,
  '_accessLog',
];

/** Stores with no personal value, and why. */
export const PLAIN_STORES: Readonly<Record<string, string>> = {
  [SYNC_STATE]: 'client id, clock, cursors',
  [RESEND]: 'table and id pairs',
  _accessLogCursors: 'device id and a number',
  securityPolicies: 'the idle time HQ sets',
  fxRates: 'exchange rates',
  vehicles: 'plates and seats of office vans',
  duplicateDismissals: 'pairs of buyer ids',
  missionMeetings: 'times, places and vans by id',
  erasures: "an erased contact's id and when (HQ writes them without personal data)",
};

export type StorePolicy =
  | { readonly seal: 'fields'; readonly fields: readonly string[] }
  | { readonly seal: 'row'; readonly keep: ReadonlySet<string> };

function topLevel(keyPath: string | string[] | null | undefined): string[] {
  if (keyPath == null) return [];
  return (Array.isArray(keyPath) ? keyPath : [keyPath]).map((p) => p.split('.')[0]!);
}

/** How `name` is kept at rest, or null when it stays plain. */
export function storePolicy(name: string, schema: DBCoreTableSchema): StorePolicy | null {
  const fields = PERSONAL_FIELDS[name];
  if (fields) return { seal: 'fields', fields };
  if (!SEALED_LOCAL_STORES.includes(name)) return null;
  const keep = new Set(topLevel(schema.primaryKey.keyPath));
  for (const index of schema.indexes) for (const f of topLevel(index.keyPath)) keep.add(f);
  // The CRM snapshot's chunks come sealed already (AES-GCM, chunk-cipher.ts): not sealed twice.
  if (name === CACHES) keep.add(PRESEALED_FIELD);
  return { seal: 'row', keep };
}
