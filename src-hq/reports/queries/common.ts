import type { Kysely } from 'kysely';
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
