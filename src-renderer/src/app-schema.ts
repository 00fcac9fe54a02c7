import type { SchemaVersion } from './data/schema';
import { SYNC_ERASURE_STORES, SYNC_META_STORES_V2, SYNC_RESEND_STORES } from './sync/schema';
import { CHANGE_LOG_STORES } from './data/change-log';
// Each feature owns its Dexie store specs (plain data in its data/stores.ts); this
// composition root is the one place that puts them in order, so no lower layer imports a
// feature. bootstrap.tsx hands the list to the data layer (setAppSchema) before any database
// opens; the unit tests' setup does the same.
import { CRM_STORES } from './features/crm/data/stores';
import { BOOKING_STORES } from './features/bookings/data/stores';
import { SYNC_SCREEN_STORES } from './features/sync-screen/data/stores';
import { MISSION_STORES } from './features/missions/data/stores';
import { AUDIT_STORES } from './features/audit/data/stores';
import { LOCK_STORES } from './features/lock/data/stores';

/**
 * The local database schema as an ordered list of versions.
 *
 * How to change the schema (e.g. a later issue adding domain tables):
 * - Never edit a version that has shipped: laptops in the field already hold
 *   databases at that version, and Dexie would not re-run it.
 * - Append a new entry with the next version number. `stores` lists only the
 *   tables that are new or whose primary key / indexes change (Dexie carries
 *   the rest forward); `null` deletes a table.
 * - Put data transformations in `upgrade`; it runs once, inside the upgrade
 *   transaction, when a laptop opens the new code over an older database.
 * - Add a case to test/unit/renderer/migrations.test.ts that opens the
 *   previous version with data and checks it survives the upgrade.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    // Device-local preferences, one row per key (never synced).
    stores: { settings: 'key' },
  },
  {
    version: 2,
    // The domain tables, all synced, and the sync engine's own stores.
    stores: { ...SYNC_META_STORES_V2, ...CRM_STORES, ...BOOKING_STORES },
  },
  {
    version: 3,
    // The conflict inbox's "not a duplicate" decisions (synced within the office).
    stores: { ...SYNC_SCREEN_STORES },
  },
  {
    version: 4,
    // Records to send back to HQ after it restored an older backup (sync/resend.ts).
    stores: { ...SYNC_RESEND_STORES },
  },
  {
    version: 5,
    // Trade missions: missions, participants, meeting requests, planned meetings,
    // places and travel-time overrides (all synced within the office).
    stores: { ...MISSION_STORES },
  },
  {
    version: 6,
    // Access records (issue 14): the hash-chained log and its send cursor per HQ link
    // (never synced by last-writer-wins; pushed in their own stream).
    stores: { ...AUDIT_STORES },
  },
  {
    version: 7,
    // HQ's security policies (the app lock's idle time; synced, shared, written by HQ only).
    stores: { ...LOCK_STORES },
  },
  {
    version: 8,
    // The change log of buyers, contacts and talks, and the persisted caches derived
    // from them (the CRM index snapshot), wiped with them (data/change-log.ts).
    stores: { ...CHANGE_LOG_STORES },
  },
  {
    version: 9,
    // HQ's erasures of data subjects (issue 14; synced, written by HQ only; sync/erasures.ts).
    stores: { ...SYNC_ERASURE_STORES },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 0;
