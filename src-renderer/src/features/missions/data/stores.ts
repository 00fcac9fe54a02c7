import { MISSION_TABLES } from '@shared/missions/sync';

/**
 * Dexie stores of the trade-mission tables (schema version 4). Synced tables
 * use `id` as primary key and are declared in src-shared/missions/sync.ts.
 */
export const MISSION_STORES: Readonly<Record<string, string>> = {
  [MISSION_TABLES.missions]: 'id, officeId',
  [MISSION_TABLES.participants]: 'id, officeId, missionId',
  [MISSION_TABLES.requests]: 'id, officeId, missionId',
  [MISSION_TABLES.meetings]: 'id, officeId, missionId, requestId',
  [MISSION_TABLES.places]: 'id, officeId, buyerId',
  [MISSION_TABLES.travelOverrides]: 'id, officeId',
};
