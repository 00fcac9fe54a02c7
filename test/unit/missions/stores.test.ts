import { describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { uniqueDbName, upgradeFrom } from '../renderer/migration-harness';
import { SCHEMA_VERSIONS } from '../../../src-renderer/src/app-schema';

describe('mission stores in the local database', () => {
  it('has a Dexie store, keyed by id, for every synced table', async () => {
    const db = new BridgeheadDatabase(uniqueDbName('mission-stores'));
    await db.open();
    const names = new Set(db.tables.map((t) => t.name));
    for (const table of DEFAULT_TABLE_REGISTRY.tables) {
      expect(names.has(table.name), table.name).toBe(true);
      expect(db.table(table.name).schema.primKey.keyPath).toBe('id');
    }
    expect(db.table('missionMeetings').schema.idxByName['missionId']).toBeDefined();
    db.close();
  });

  it('upgrades a version-4 database with bookings to version 5 with the bookings intact', async () => {
    const name = uniqueDbName('mission-upgrade');
    const booking = { id: 'b1', officeId: 'tokyo', interpreterId: 'i1', start: 'x', end: 'y' };
    const old = await upgradeFrom({
      name,
      versions: SCHEMA_VERSIONS,
      fromVersion: 4,
      seed: async (db) => {
        await db.table('interpreterBookings').put(booking);
      },
    });
    old.close();
    const db = new BridgeheadDatabase(name);
    await db.open();
    expect(await db.table('interpreterBookings').get('b1')).toEqual(booking);
    expect(await db.table('missions').count()).toBe(0);
    db.close();
  });
});
