/**
 * The registry of synced tables: every table that syncs is declared here ONCE,
 * and the HQ server, the client outbox middleware and the pull apply all read
 * this declaration. Nothing else is needed for a table to join sync.
 *
 * HOW TO ADD A TABLE (domain modules: CRM, bookings):
 *   1. Add one entry to SYNC_TABLES below:
 *        { name: 'buyers', scope: 'office' }
 *      - `name` is the Dexie table name (and the name on the wire). Primary key must be
 *        `id: string` (crypto.randomUUID()); the Dexie schema string starts with `id`.
 *      - scope 'office': every row carries `officeId: string`; only that office's laptops and
 *        HQ see it. scope 'shared': province-wide (e.g. smeFirms), every device sees it.
 *      - fields: zod schemas of field values HQ checks on every push: derive them from the
 *        domain's record schema (record-schemas.ts), e.g. `fields: recordFields('buyers')`.
 *      - fieldGroups: fields that must move together as ONE last-writer-wins register, e.g.
 *        a booking's time range: { when: ['date', 'start', 'end', 'timeZone'] }. Without a
 *        group, two laptops editing `start` and `end` offline could mix into an invalid range.
 *   2. Add the table to the app's Dexie schema together with SYNC_META_STORES
 *      (src-renderer/src/sync/schema.ts). Field names starting with `_` are reserved
 *      for sync metadata (`_v`, `_dv`) and are never synced.
 *   3. Write through Dexie as usual (add/put/update/modify/delete/bulk*): the middleware
 *      records every change in the same transaction. Never write synced tables inside
 *      `version().upgrade()` (upgrade transactions bypass the middleware).
 *
 * Tables to be declared by their owners (planned, not yet here):
 *   CRM:      buyers (office), contacts (office), smeFirms (shared), tradeTalks (office),
 *             fxRates (shared)
 *   bookings: interpreters (office), vehicles (office), drivers (office),
 *             interpreterBookings (office, group the time range), vehicleTrips (office, group the
 *             time range)
 *   conflict inbox: duplicateDismissals (office; buyer pairs marked "not a duplicate")
 * Never rename a table or change a field's meaning in place: add a new field instead
 * (old clients keep sending the old one; the server preserves unknown fields).
 */

import { z } from 'zod';
import { MISSION_SYNC_TABLES } from '../missions/sync';
import { recordFields } from './record-schemas';
import { SECURITY_POLICIES_TABLE, idleMinutesSchema } from '../security/app-lock';
import { ERASURES_TABLE, SUBJECT_TABLE } from '../privacy/subject';

export type SyncScope = 'office' | 'shared';

export interface SyncTableSpec {
  readonly name: string;
  readonly scope: SyncScope;
  /** Register name -> fields that move together. A field is in at most one group. */
  readonly fieldGroups?: Readonly<Record<string, readonly string[]>>;
  /**
   * Optional zod schema per field: HQ refuses a pushed value that does not match
   * (`validation_failed`). `null` (a cleared field) is always accepted; fields not listed
   * are accepted as any JSON, so newer apps can add fields before HQ learns them.
   */
  readonly fields?: Readonly<Record<string, z.ZodType>>;
  /**
   * Fields whose `null` is a value the app stores (e.g. a trip with no driver:
   * `driverId: null`). On the wire null also means "absent" (a cleared field, or a missing
   * member of a field group, which is sent whole), so a laptop stores every other pulled
   * null as an absent field: the app's schemas see the same shape that was written.
   */
  readonly nullable?: readonly string[];
}

/** Production tables. See the instructions above. */
export const SYNC_TABLES: readonly SyncTableSpec[] = [
  // CRM (src-shared/crm/schemas.ts)
  { name: 'buyers', scope: 'office', fields: recordFields('buyers') },
  { name: 'contacts', scope: 'office', fields: recordFields('contacts') },
  { name: 'smeFirms', scope: 'shared', fields: recordFields('smeFirms') },
  { name: 'tradeTalks', scope: 'office', fields: recordFields('tradeTalks') },
  { name: 'fxRates', scope: 'shared', fields: recordFields('fxRates') },
  // Scheduling (src-shared/bookings/schemas.ts): a booking's time range and
  // its repeat rule move together, or two offline edits could mix into an
  // invalid range.
  { name: 'interpreters', scope: 'office', fields: recordFields('interpreters') },
  { name: 'vehicles', scope: 'office', fields: recordFields('vehicles') },
  { name: 'drivers', scope: 'office', fields: recordFields('drivers') },
  {
    name: 'interpreterBookings',
    scope: 'office',
    fields: recordFields('interpreterBookings'),
    fieldGroups: { when: ['start', 'end', 'timeZone', 'recurrence'] },
  },
  {
    name: 'vehicleTrips',
    scope: 'office',
    fields: recordFields('vehicleTrips'),
    fieldGroups: { when: ['start', 'end', 'timeZone', 'recurrence'] },
    nullable: ['driverId'],
  },
  // No table for double bookings found after sync: the conflict inbox derives
  // them from the synced bookings themselves (every laptop and HQ compute the
  // same list), and every resolution (reschedule, reassign, cancel) is an edit
  // of a booking, which syncs. See docs/sync-protocol.md.
  // Likely duplicate buyers are derived the same way (findDuplicatePairs in
  // src-shared/crm/duplicate-pairs.ts); what cannot be derived is a person's
  // decision that two buyers are NOT one: stored here so no laptop of the office
  // asks again. The id is the pair's key (duplicatePairKey: both buyer ids,
  // sorted), so two laptops dismissing the same pair write one record.
  {
    name: 'duplicateDismissals',
    scope: 'office',
    fields: recordFields('duplicateDismissals'),
  },
  // HQ's security policies (src-shared/security/app-lock.ts): the app lock's idle time.
  // Province-wide, written only by HQ (src-hq/sync/policy.ts, `hq policy:app-lock`).
  {
    name: SECURITY_POLICIES_TABLE,
    scope: 'shared',
    fields: { idleMinutes: idleMinutesSchema },
  },
  // Erasures of data subjects (issue 14; src-shared/privacy, src-hq/privacy): one record per
  // erased contact (id = the contact's id), written only by HQ's erase endpoint in the
  // transaction that scrubbed HQ's copy; a laptop that pulls one removes every value of the
  // person it holds. Holds no personal data.
  {
    name: ERASURES_TABLE,
    scope: 'office',
    fields: { tbl: z.literal(SUBJECT_TABLE), erasedAt: z.number().int().nonnegative() },
  },
  // Trade missions (src-shared/missions/sync.ts): missions, participants,
  // meeting requests, planned meetings, places and travel-time overrides.
  ...MISSION_SYNC_TABLES,
];

/**
 * Tables used by the sync tests and, when HQ_TEST_TABLES=1, by the end-to-end tests.
 * The prefix `test_` keeps them apart from real data.
 */
export const SYNC_TEST_TABLES: readonly SyncTableSpec[] = [
  { name: 'test_notes', scope: 'office' },
  {
    name: 'test_bookings',
    scope: 'office',
    fieldGroups: { when: ['date', 'start', 'end'] },
    fields: { seats: z.number().int().nonnegative() },
  },
  { name: 'test_firms', scope: 'shared' },
];

/** The partition that holds shared (province-wide) tables; no office may use this id. */
export const SHARED_PARTITION = '_shared';

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RESERVED_FIELDS = new Set(['id']);

export interface SyncTable extends SyncTableSpec {
  /** Register key for a field: its group name, or the field itself. */
  registerOf(field: string): string;
  /** Fields of a register (the group's fields, or just the field). */
  fieldsOf(register: string): readonly string[];
}

export interface TableRegistry {
  readonly tables: readonly SyncTable[];
  get(name: string): SyncTable | undefined;
  has(name: string): boolean;
}

export class TableRegistryError extends Error {}

export function isSyncMetaField(field: string): boolean {
  return field.startsWith('_');
}

export function createTableRegistry(specs: readonly SyncTableSpec[]): TableRegistry {
  const byName = new Map<string, SyncTable>();
  for (const spec of specs) {
    if (!TABLE_NAME.test(spec.name)) throw new TableRegistryError(`Bad table name: ${spec.name}`);
    if (byName.has(spec.name)) throw new TableRegistryError(`Table declared twice: ${spec.name}`);
    const fieldToGroup = new Map<string, string>();
    const groups = spec.fieldGroups ?? {};
    for (const [group, fields] of Object.entries(groups)) {
      if (fields.length === 0) throw new TableRegistryError(`${spec.name}.${group}: empty group`);
      for (const f of fields) {
        if (RESERVED_FIELDS.has(f) || isSyncMetaField(f) || f === 'officeId') {
          throw new TableRegistryError(`${spec.name}.${group}: field ${f} cannot be grouped`);
        }
        if (fieldToGroup.has(f)) throw new TableRegistryError(`${spec.name}: ${f} in two groups`);
        fieldToGroup.set(f, group);
      }
    }
    // A group name must not shadow a plain field, or its register would be ambiguous.
    const groupKeys = new Set(Object.keys(groups).map((g) => `@${g}`));
    const table: SyncTable = {
      ...spec,
      registerOf: (field) => {
        const g = fieldToGroup.get(field);
        return g === undefined ? field : `@${g}`;
      },
      fieldsOf: (register) =>
        groupKeys.has(register) ? (groups[register.slice(1)] ?? []) : [register],
    };
    byName.set(spec.name, table);
  }
  return {
    tables: [...byName.values()],
    get: (name) => byName.get(name),
    has: (name) => byName.has(name),
  };
}

/** The registry the app and HQ use by default. */
export const DEFAULT_TABLE_REGISTRY: TableRegistry = createTableRegistry(SYNC_TABLES);
