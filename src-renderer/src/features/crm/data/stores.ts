/**
 * Dexie stores of the CRM tables (schema version 2). Synced tables use `id`
 * as primary key and are declared in src-shared/sync/tables.ts.
 * Until version 2 ships this spec may change; afterwards append a version.
 * Indexes serve: contacts of a buyer, talks of a buyer / SME firm / office by
 * date, firms by registration number (duplicate check on create).
 */
export const CRM_STORES: Readonly<Record<string, string>> = {
  buyers: 'id, officeId, status, country',
  contacts: 'id, buyerId, officeId',
  smeFirms: 'id, businessRegistrationNumber',
  tradeTalks: 'id, officeId, buyerId, smeFirmId, stage, startsAt',
  fxRates: 'id, month',
};
