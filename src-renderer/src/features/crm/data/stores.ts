/**
 * Dexie stores of the CRM tables (schema version 2). Synced tables use `id`
 * as primary key and are declared in src-shared/sync/tables.ts.
 * Until version 2 ships this spec may change; afterwards append a version.
 */
export const CRM_STORES: Readonly<Record<string, string>> = {
  buyers: 'id, officeId, status, country, updatedAt',
  contacts: 'id, buyerId, officeId',
  smeFirms: 'id, businessNumber',
  tradeTalks: 'id, officeId, buyerId, smeFirmId, stage, startsAt',
  fxRates: 'id, month',
};
