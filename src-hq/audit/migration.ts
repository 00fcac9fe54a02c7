/**
 * Migration of the access-record stream (issue 14): entries per (device, seq), each device's
 * chain head, the chain problems found on arrival, and the months marked reviewed.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../db/connect';

export function accessLogMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('access_entries')
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        // The device's office from its credential (null = an HQ laptop), never the body's.
        .addColumn('office_id', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text')
        .addColumn('staff_name', 'text')
        .addColumn('subject_count', 'bigint', (c) => c.notNull())
        .addColumn('reason_code', 'text')
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('access_entries_pk', ['device_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('access_entries_at')
        .on('access_entries')
        .columns(['at', 'office_id'])
        .execute();
      await db.schema
        .createTable('access_chains')
        .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
        .addColumn('head_seq', 'bigint', (c) => c.notNull())
        .addColumn('head_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('access_chain_flags')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('office_id', 'text')
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('missing', 'bigint')
        // The refused copy of a forked entry (JSON), so an auditor sees both versions.
        .addColumn('detail', 'text')
        .addColumn('detected_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('access_chain_flags_detected')
        .on('access_chain_flags')
        .columns(['detected_at'])
        .execute();
      await db.schema
        .createTable('access_reviews')
        .addColumn('month', 'text', (c) => c.notNull())
        // '' = every office at once.
        .addColumn('office_id', 'text', (c) => c.notNull())
        .addColumn('reviewed_at', 'bigint', (c) => c.notNull())
        .addColumn('reviewer_device_id', 'text', (c) => c.notNull())
        .addColumn('reviewer', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('access_reviews_pk', ['month', 'office_id'])
        .execute();
    },
  };
}
