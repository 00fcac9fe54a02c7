import { describe, expect, it } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src-renderer/src/app-schema';
import {
  assertValidSchemaVersions,
  type SchemaVersion,
} from '../../../src-renderer/src/data/schema';
import { SettingsRepository } from '../../../src-renderer/src/data/settings-repository';
import { openWith, uniqueDbName, upgradeFrom, versionsUpTo } from './migration-harness';

describe('schema version list', () => {
  it('is ordered, starts at 1 and gives every version a store spec', () => {
    expect(() => assertValidSchemaVersions(SCHEMA_VERSIONS)).not.toThrow();
    expect(SCHEMA_VERSIONS[0]?.version).toBe(1);
    expect(LATEST_SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.at(-1)?.version);
  });

  it('rejects a list whose versions go backwards or repeat', () => {
    const v1: SchemaVersion = { version: 1, stores: { settings: 'key' } };
    expect(() => assertValidSchemaVersions([v1, { ...v1 }])).toThrow(/increasing/);
    expect(() => assertValidSchemaVersions([{ ...v1, version: 2 }, v1])).toThrow(/increasing/);
    expect(() => assertValidSchemaVersions([{ ...v1, version: 1.5 }])).toThrow(/increasing/);
  });

  it('creates the settings table keyed by key at the latest version', async () => {
    const db = new BridgeheadDatabase(uniqueDbName('schema'));
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.settings.schema.primKey.keyPath).toBe('key');
    db.close();
  });
});

describe('upgrading a database left by an older build', () => {
  // Every shipped version must upgrade to the current schema with its data intact.
  for (const { version } of SCHEMA_VERSIONS) {
    it(`keeps the settings written at version ${version}`, async () => {
      const name = uniqueDbName(`from-v${version}`);
      const db = await upgradeFrom({
        name,
        versions: SCHEMA_VERSIONS,
        fromVersion: version,
        seed: async (old) => {
          await old.table('settings').bulkPut([
            { key: 'language', value: 'vi' },
            { key: 'officeId', value: 'hochiminh' },
          ]);
        },
      });
      db.close();
      const current = new BridgeheadDatabase(name);
      const repository = new SettingsRepository(current);
      expect(await repository.getAll()).toEqual({ language: 'vi', officeId: 'hochiminh' });
      current.close();
    });
  }

  // A hypothetical next version, to prove the harness runs real upgrade code:
  // it renames the row field `value` to `data`, maps the old language tag
  // 'zh' to 'zh-CN' and adds an index on a new `updatedAt` field.
  const nextVersion: SchemaVersion = {
    version: LATEST_SCHEMA_VERSION + 1,
    stores: { settings: 'key, updatedAt' },
    upgrade: async (tx) => {
      await tx
        .table('settings')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          row.data = row.key === 'language' && row.value === 'zh' ? 'zh-CN' : row.value;
          delete row.value;
          row.updatedAt = '1970-01-01T00:00:00.000Z';
        });
    },
  };

  it('runs the upgrade function of an appended version over old data', async () => {
    const versions = [...SCHEMA_VERSIONS, nextVersion];
    const db = await upgradeFrom({
      name: uniqueDbName('next'),
      versions,
      fromVersion: LATEST_SCHEMA_VERSION,
      seed: async (old) => {
        await old.table('settings').bulkPut([
          { key: 'language', value: 'zh' },
          { key: 'officeId', value: 'chengdu' },
        ]);
      },
    });
    expect(db.verno).toBe(nextVersion.version);
    const rows = await db.table('settings').orderBy('key').toArray();
    expect(rows).toEqual([
      { key: 'language', data: 'zh-CN', updatedAt: '1970-01-01T00:00:00.000Z' },
      { key: 'officeId', data: 'chengdu', updatedAt: '1970-01-01T00:00:00.000Z' },
    ]);
    // The new index exists and is usable.
    expect(
      await db.table('settings').where('updatedAt').equals('1970-01-01T00:00:00.000Z').count(),
    ).toBe(2);
    db.close();
  });

  it('does not run the upgrade again when the database is already current', async () => {
    const name = uniqueDbName('again');
    const versions = [...SCHEMA_VERSIONS, nextVersion];
    const first = openWith(name, versions);
    await first.open();
    await first.table('settings').put({ key: 'language', value: 'zh', updatedAt: 'x' });
    first.close();
    const second = openWith(name, versions);
    await second.open();
    expect(await second.table('settings').get('language')).toEqual({
      key: 'language',
      value: 'zh',
      updatedAt: 'x',
    });
    second.close();
  });

  it('version 3 adds the duplicate dismissals and keeps the synced data of version 2', async () => {
    const db = await upgradeFrom({
      name: uniqueDbName('v2-to-v3'),
      versions: SCHEMA_VERSIONS,
      fromVersion: 2,
      seed: async (old) => {
        await old.table('buyers').put({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
        await old.table('_outbox').add({ at: 1, entries: [] });
      },
    });
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await db.table('buyers').get('b1')).toMatchObject({ nameNative: '山田商事' });
    expect(await db.table('_outbox').count()).toBe(1);
    await db.table('duplicateDismissals').put({ id: 'a|b', officeId: 'tokyo' });
    expect(await db.table('duplicateDismissals').where('officeId').equals('tokyo').count()).toBe(1);
    db.close();
  });

  it('refuses to pick a version that does not exist', () => {
    expect(() => versionsUpTo(SCHEMA_VERSIONS, 99)).toThrow(/no schema version 99/);
  });
});
