/**
 * Schema migrations, one list for both dialects (kysely's schema builder hides the
 * differences). Never edit a shipped migration: append a new one.
 */
import { randomUUID } from 'node:crypto';
import {
  Migrator,
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Dialect } from './connect';
import type { HqSchema } from './schema';
import { rebuildReports } from '../reports/projection';
import { accessLogMigration } from '../audit/migration';

function migrations(dialect: Dialect): Record<string, Migration> {
  const autoId = (col: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement();
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('offices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('country', 'text', (c) => c.notNull())
          .addColumn('time_zone', 'text', (c) => c.notNull())
          .addColumn('currency', 'text', (c) => c.notNull())
          .addColumn('local_language', 'text', (c) => c.notNull())
          .addColumn('names', 'text', (c) => c.notNull())
          .addColumn('next_seq', 'bigint', (c) => c.notNull().defaultTo(1))
          .addColumn('epoch', 'text', (c) => c.notNull())
          .addColumn('horizon_seq', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('office_id', 'text', (c) => c.references('offices.id'))
          .addColumn('credential_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_sync_at', 'bigint')
          .addColumn('revoked_at', 'bigint')
          .execute();
        await db.schema
          .createTable('clients')
          .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('last_mutation_id', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('clients_pk', ['device_id', 'client_id'])
          .execute();
        await db.schema
          .createTable('enrollment_codes')
          .addColumn('code_hash', 'text', (c) => c.primaryKey())
          .addColumn('office_id', 'text', (c) => c.references('offices.id'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('used_at', 'bigint')
          .addColumn('device_id', 'text')
          .execute();
        await db.schema
          .createTable('records')
          .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
          .addColumn('tbl', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('field_hlc', 'text', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('deleted_hlc', 'text')
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('records_pk', ['office_id', 'tbl', 'id'])
          .execute();
        // The pull cursor walks this index; unique proves seq is never reused in a partition.
        await db.schema
          .createIndex('records_office_seq')
          .on('records')
          .columns(['office_id', 'seq'])
          .unique()
          .execute();
        await db.schema
          .createTable('conflicts')
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', autoId)
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('tbl', 'text', (c) => c.notNull())
          .addColumn('record_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('resolved_at', 'bigint')
          .execute();
        await db.schema
          .createIndex('conflicts_office')
          .on('conflicts')
          .columns(['office_id', 'created_at'])
          .execute();
      },
    },
    '0002_reports': {
      // HQ reports (issue 6): typed read models of the synced JSON rows, plus the FX
      // rate history. `npm run hq -- reports:rebuild` rebuilds them at any time.
      async up(db: Kysely<unknown>) {
        const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;
        await db.schema
          .createTable('report_keys')
          .addColumn('kid', dialect === 'postgres' ? 'bigserial' : 'integer', autoId)
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addUniqueConstraint('report_keys_kind_key', ['kind', 'key'])
          .execute();
        await db.schema
          .createTable('report_buyers')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('buyer_key', 'text', (c) => c.notNull())
          .addColumn('buyer_kid', 'bigint', (c) => c.notNull())
          .addColumn('country', 'text', (c) => c.notNull())
          .addColumn('name_native', 'text', (c) => c.notNull())
          .addColumn('name_latin', 'text', (c) => c.notNull())
          .addColumn('industries', 'text', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_buyers_pk', ['office_id', 'id'])
          .execute();
        await db.schema
          .createTable('report_sme_firms')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name_ko', 'text', (c) => c.notNull())
          .addColumn('name_en', 'text', (c) => c.notNull())
          .addColumn('industry', 'text', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('report_talks')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('starts_at', 'text', (c) => c.notNull())
          .addColumn('buyer_id', 'text', (c) => c.notNull())
          .addColumn('buyer_kid', 'bigint', (c) => c.notNull())
          .addColumn('buyer_key', 'text', (c) => c.notNull())
          .addColumn('buyer_country', 'text', (c) => c.notNull())
          .addColumn('sme_firm_id', 'text', (c) => c.notNull())
          .addColumn('firm_kid', 'bigint', (c) => c.notNull())
          .addColumn('stage', 'text', (c) => c.notNull())
          .addColumn('neg_currency', 'text')
          .addColumn('neg_minor', 'bigint')
          .addColumn('con_currency', 'text')
          .addColumn('con_minor', 'bigint')
          .addColumn('exp_currency', 'text')
          .addColumn('exp_minor', 'bigint')
          .addColumn('deleted', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_talks_pk', ['office_id', 'id'])
          .execute();
        await db.schema
          .createIndex('report_talks_office_month')
          .on('report_talks')
          .columns(['office_id', 'month'])
          .execute();
        await db.schema
          .createIndex('report_talks_month')
          .on('report_talks')
          .columns(['month', 'starts_at'])
          .execute();
        await db.schema
          .createIndex('report_talks_buyer')
          .on('report_talks')
          .columns(['office_id', 'buyer_id'])
          .execute();
        await db.schema
          .createTable('report_talk_industries')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('talk_id', 'text', (c) => c.notNull())
          .addColumn('industry', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_talk_industries_pk', [
            'office_id',
            'talk_id',
            'industry',
          ])
          .execute();
        await db.schema
          .createIndex('report_talk_industries_month')
          .on('report_talk_industries')
          .columns(['month', 'industry'])
          .execute();
        await db.schema
          .createTable('report_money_cells')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('currency', 'text', (c) => c.notNull())
          .addColumn('talks', 'bigint', (c) => c.notNull())
          .addColumn('minor', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_money_cells_pk', [
            'office_id',
            'month',
            'kind',
            'currency',
          ])
          .modifyEnd(withoutRowid)
          .execute();
        await db.schema
          .createIndex('report_money_cells_month')
          .on('report_money_cells')
          .columns(['month'])
          .execute();
        for (const [table, col] of [
          ['report_buyer_months', 'buyer_kid'],
          ['report_firm_months', 'firm_kid'],
        ] as const) {
          await db.schema
            .createTable(table)
            .addColumn('office_id', 'text', (c) => c.notNull())
            .addColumn('month', 'text', (c) => c.notNull())
            .addColumn(col, 'bigint', (c) => c.notNull())
            .addColumn('talks', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint(`${table}_pk`, ['office_id', 'month', col])
            .modifyEnd(withoutRowid)
            .execute();
        }
        for (const [table, col] of [
          ['report_province_buyer_months', 'buyer_kid'],
          ['report_province_firm_months', 'firm_kid'],
        ] as const) {
          await db.schema
            .createTable(table)
            .addColumn('month', 'text', (c) => c.notNull())
            .addColumn(col, 'bigint', (c) => c.notNull())
            .addColumn('talks', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint(`${table}_pk`, ['month', col])
            .modifyEnd(withoutRowid)
            .execute();
        }
        await db.schema
          .createTable('report_booking_hours')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('booking_id', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('ms', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_booking_hours_pk', [
            'office_id',
            'kind',
            'booking_id',
            'month',
          ])
          .execute();
        await db.schema
          .createIndex('report_booking_hours_month')
          .on('report_booking_hours')
          .columns(['month', 'office_id'])
          .execute();
        await db.schema
          .createTable('report_delegations')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('booking_id', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('delegation_key', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_delegations_pk', ['office_id', 'kind', 'booking_id'])
          .execute();
        await db.schema
          .createIndex('report_delegations_month')
          .on('report_delegations')
          .columns(['month', 'office_id'])
          .execute();
        await db.schema
          .createTable('report_resources')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_resources_pk', ['office_id', 'kind', 'id'])
          .execute();
        await db.schema
          .createTable('report_office_status')
          .addColumn('office_id', 'text', (c) => c.primaryKey())
          .addColumn('last_change_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('fx_rate_history')
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', autoId)
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('changed_at', 'bigint', (c) => c.notNull())
          .addColumn('old_data', 'text')
          .addColumn('new_data', 'text')
          .execute();
        await db.schema
          .createIndex('fx_rate_history_month')
          .on('fx_rate_history')
          .columns(['month', 'id'])
          .execute();
        // Backfilled from `records` once every migration has run (REBUILDS_REPORTS).
      },
    },
    '0003_report_booking_hours_cover': {
      // The utilization figures sum booked ms per office over a month range: a covering index.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('report_booking_hours_cover')
          .on('report_booking_hours')
          .columns(['month', 'office_id', 'kind', 'ms'])
          .execute();
        await db.schema.dropIndex('report_booking_hours_month').execute();
      },
    },
    '0004_report_province_years': {
      // Province-wide talk refcounts per calendar year: "buyers met in 2025" is a count of
      // rows, no DISTINCT over twelve months of rows.
      async up(db: Kysely<unknown>) {
        const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;
        for (const [table, col] of [
          ['report_province_buyer_years', 'buyer_kid'],
          ['report_province_firm_years', 'firm_kid'],
        ] as const) {
          await db.schema
            .createTable(table)
            .addColumn('year', 'text', (c) => c.notNull())
            .addColumn(col, 'bigint', (c) => c.notNull())
            .addColumn('talks', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint(`${table}_pk`, ['year', col])
            .modifyEnd(withoutRowid)
            .execute();
        }
      },
    },
    '0005_operations': {
      // Issue 15: who a code is for, each laptop's app version, and laptop releases
      // served from HQ with a rollout per release and per office.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('enrollment_codes').addColumn('person', 'text').execute();
        await db.schema.alterTable('devices').addColumn('app_version', 'text').execute();
        await db.schema
          .createTable('releases')
          .addColumn('version', 'text', (c) => c.primaryKey())
          .addColumn('published_at', 'bigint', (c) => c.notNull())
          .addColumn('rollout_percent', 'integer', (c) => c.notNull())
          .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('withdrawn_at', 'bigint')
          .addColumn('notes', 'text')
          .addColumn('files', 'text', (c) => c.notNull())
          .addColumn('channel_files', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('release_office_rollouts')
          .addColumn('version', 'text', (c) => c.notNull().references('releases.version'))
          .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
          .addColumn('rollout_percent', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('release_office_rollouts_pk', ['version', 'office_id'])
          .execute();
      },
    },
    '0006_record_ids_unique': {
      // Issue 16: a record id belongs to ONE office per table (HQ laptops key rows by id
      // alone). Rows that already share an id keep the earliest-stamped one in `records`;
      // the others move, untouched, to `record_id_clashes` for a person to look at.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('record_id_clashes')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('tbl', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('field_hlc', 'text', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull())
          .addColumn('deleted_hlc', 'text')
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('moved_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('record_id_clashes_pk', ['office_id', 'tbl', 'id'])
          .execute();
        await moveIdClashes(db as unknown as Kysely<HqSchema>, Date.now());
        await db.schema
          .createIndex('records_tbl_id')
          .on('records')
          .columns(['tbl', 'id'])
          .unique()
          .execute();
      },
    },
    '0007_report_missions': {
      // Issue 13: the per-mission report. Missions (names and dates for the dashboard's
      // filter) and their meetings (which trade talk each outcome became); the bookings a
      // plan writes are already in report_delegations (`id:<mission id>`).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('report_missions')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('arrival', 'text', (c) => c.notNull())
          .addColumn('departure', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_missions_pk', ['office_id', 'id'])
          .execute();
        await db.schema
          .createIndex('report_missions_dates')
          .on('report_missions')
          .columns(['arrival', 'departure'])
          .execute();
        await db.schema
          .createTable('report_mission_meetings')
          .addColumn('office_id', 'text', (c) => c.notNull())
          .addColumn('meeting_id', 'text', (c) => c.notNull())
          .addColumn('mission_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('talk_id', 'text')
          .addPrimaryKeyConstraint('report_mission_meetings_pk', ['office_id', 'meeting_id'])
          .execute();
        await db.schema
          .createIndex('report_mission_meetings_mission')
          .on('report_mission_meetings')
          .columns(['office_id', 'mission_id'])
          .execute();
        await db.schema
          .createIndex('report_delegations_key')
          .on('report_delegations')
          .columns(['delegation_key'])
          .execute();
      },
    },
    '0008_staff': {
      // Issue 14: every laptop is linked for a named staff member (a stable id HQ gives the
      // person, reused when the person gets another laptop), and every record version
      // remembers the device and the person whose push wrote it (taken from the device's
      // credential, never from the laptop's body).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('staff')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.alterTable('enrollment_codes').addColumn('staff_id', 'text').execute();
        await db.schema.alterTable('devices').addColumn('staff_id', 'text').execute();
        await db.schema.alterTable('records').addColumn('changed_by_device', 'text').execute();
        await db.schema.alterTable('records').addColumn('changed_by_staff', 'text').execute();
        await db.schema
          .alterTable('record_id_clashes')
          .addColumn('changed_by_device', 'text')
          .execute();
        await db.schema
          .alterTable('record_id_clashes')
          .addColumn('changed_by_staff', 'text')
          .execute();
        await nameEarlierDevices(db as unknown as Kysely<HqSchema>, Date.now());
      },
    },
    // Issue 14: the access-record stream (see src-hq/audit).
    '0009_access_log': accessLogMigration(dialect),
    // Issue 14: who revoked a device (HQ, the laptop unlinking itself, a relink).
    '0010_device_revoked_by': {
      async up(db) {
        await db.schema.alterTable('devices').addColumn('revoked_by', 'text').execute();
      },
    },
  };
}

/** The earliest stamp a stored record carries: when it was first written. */
function firstStamp(row: { field_hlc: string; deleted_hlc: string | null }): string {
  const stamps = Object.values(JSON.parse(row.field_hlc) as Record<string, string>);
  if (row.deleted_hlc) stamps.push(row.deleted_hlc);
  return stamps.sort()[0] ?? '';
}

async function moveIdClashes(db: Kysely<HqSchema>, now: number): Promise<void> {
  const clashes = await db
    .selectFrom('records')
    .select(['tbl', 'id'])
    .groupBy(['tbl', 'id'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  for (const { tbl, id } of clashes) {
    const rows = await db
      .selectFrom('records')
      .selectAll()
      .where('tbl', '=', tbl)
      .where('id', '=', id)
      .execute();
    rows.sort(
      (a, b) =>
        firstStamp(a).localeCompare(firstStamp(b)) || a.office_id.localeCompare(b.office_id),
    );
    for (const row of rows.slice(1)) {
      await db
        .insertInto('record_id_clashes')
        .values({ ...row, moved_at: now })
        .execute();
      await db
        .deleteFrom('records')
        .where('office_id', '=', row.office_id)
        .where('tbl', '=', tbl)
        .where('id', '=', id)
        .execute();
    }
  }
}

/**
 * Codes issued with `enroll:code --person` before 0007 named a person in free text: each
 * becomes a staff member of its own (two codes with one name may be two people), and the
 * laptop it linked is named for them.
 */
async function nameEarlierDevices(db: Kysely<HqSchema>, now: number): Promise<void> {
  const named = await db
    .selectFrom('enrollment_codes')
    .select(['code_hash', 'person', 'device_id'])
    .where('person', 'is not', null)
    .execute();
  for (const row of named) {
    const name = row.person!.trim();
    if (!name) continue;
    const id = randomUUID();
    await db.insertInto('staff').values({ id, name, created_at: now }).execute();
    await db
      .updateTable('enrollment_codes')
      .set({ staff_id: id })
      .where('code_hash', '=', row.code_hash)
      .execute();
    if (row.device_id !== null) {
      await db
        .updateTable('devices')
        .set({ staff_id: id })
        .where('id', '=', row.device_id)
        .execute();
    }
  }
}

/**
 * Migrations that change the report read models: when any of them runs, the read models are
 * rebuilt from `records` AFTER the last migration (the projection code always matches the
 * latest schema, so it must not run between migrations).
 */
const REBUILDS_REPORTS = new Set([
  '0002_reports',
  '0004_report_province_years',
  // Moved id clashes out of `records`: the read models must not count them.
  '0006_record_ids_unique',
  '0007_report_missions',
]);

/** Every migration name this HQ knows, oldest first (a backup records the ones it has). */
export function knownMigrations(): string[] {
  return Object.keys(migrations('sqlite')).sort();
}

/**
 * `schema` (PostgreSQL): where the migration bookkeeping lives. Without it kysely looks
 * for its tables in EVERY schema, and another schema's copy (e.g. a parallel test run)
 * makes it skip creating its own. `upTo`: stop after that migration (restoring an older
 * backup: its rows go into the schema they were written for, then the rest runs).
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
  upTo?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } =
    upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `HQ migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
    );
  }
  // Read models are rebuilt once the schema is the latest (the projection code matches it).
  if (upTo !== undefined) return;
  if (results?.some((r) => r.status === 'Success' && REBUILDS_REPORTS.has(r.migrationName))) {
    await (db as unknown as Kysely<HqSchema>)
      .transaction()
      .execute((trx) => rebuildReports(trx, dialect));
  }
}
