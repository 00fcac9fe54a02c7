/**
 * Schema migrations, one list for both dialects (kysely's schema builder hides the
 * differences). Never edit a shipped migration: append a new one.
 */
import {
  Migrator,
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Dialect } from './connect';

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
  };
}

/**
 * `schema` (PostgreSQL): where the migration bookkeeping lives. Without it kysely looks
 * for its tables in EVERY schema, and another schema's copy (e.g. a parallel test run)
 * makes it skip creating its own.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `HQ migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
    );
  }
}
