/**
 * Dexie stores of the conflict inbox (schema version 3). Synced: declared in
 * src-shared/sync/tables.ts. `duplicateDismissals` holds the buyer pairs a person
 * marked "not a duplicate" (id: the pair key, see duplicatePairKey).
 */
export const SYNC_SCREEN_STORES: Readonly<Record<string, string>> = {
  duplicateDismissals: 'id, officeId',
};
