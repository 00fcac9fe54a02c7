import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { HqSchema } from '../../db/schema';

export type DB = Kysely<HqSchema>;

export interface Period {
  from: string;
  to: string;
}

/** Offices a report covers; `all` lets queries use the province-wide tables. */
export interface Scope {
  officeIds: string[];
  all: boolean;
}

/**
 * The talks (table or alias `talks`) that are outcomes of one mission's meetings: the
 * filter behind every report narrowed to a mission (issue 13).
 */
export function ofMission(missionId: string, talks: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from report_mission_meetings as mm where mm.office_id = ${sql.ref(`${talks}.office_id`)} and mm.talk_id = ${sql.ref(`${talks}.id`)} and mm.mission_id = ${missionId})`;
}
