import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { OUTBOX, type OutboxRow } from '../../../src-renderer/src/sync/schema';

describe('the app database', () => {
  let db: BridgeheadDatabase;
  afterEach(async () => {
    db.onLocalChangesCommitted(null);
    db.close();
    await db.delete();
  });

  it('records every write to a synced domain table in the outbox, in the same transaction', async () => {
    db = createDatabase(`outbox-wiring-${crypto.randomUUID()}`);
    let notified = 0;
    db.onLocalChangesCommitted(() => notified++);
    await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
    await db
      .table('vehicleTrips')
      .add({ id: 't1', officeId: 'tokyo', start: '2026-01-01T00:00:00Z' });
    const changedTables = async () =>
      ((await db.table(OUTBOX).toArray()) as OutboxRow[])
        .flatMap((row) => row.entries.map((entry) => entry.tbl))
        .sort();
    expect(await changedTables()).toEqual(['buyers', 'vehicleTrips']);
    expect(notified).toBe(2);

    // An aborted transaction leaves neither the record nor its outbox row.
    await expect(
      db.transaction('rw', db.table('buyers'), async () => {
        await db.table('buyers').add({ id: 'b2', officeId: 'tokyo', nameNative: '田中' });
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect(await db.table('buyers').get('b2')).toBeUndefined();
    expect(await changedTables()).toEqual(['buyers', 'vehicleTrips']);
  });

  it("tells each database's listener only of that database's writes", async () => {
    db = createDatabase(`outbox-wiring-${crypto.randomUUID()}`);
    const other = createDatabase(`outbox-wiring-${crypto.randomUUID()}`);
    try {
      const heard: string[] = [];
      db.onLocalChangesCommitted(() => heard.push('first'));
      other.onLocalChangesCommitted(() => heard.push('second'));
      await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
      expect(heard).toEqual(['first']);
      await other.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
      await other.table('buyers').update('b1', { city: 'Tokyo' });
      expect(heard).toEqual(['first', 'second', 'second']);
      // Unhooking one database leaves the other's listener in place.
      other.onLocalChangesCommitted(null);
      await other.table('buyers').delete('b1');
      await db.table('buyers').delete('b1');
      expect(heard).toEqual(['first', 'second', 'second', 'first']);
    } finally {
      other.close();
      await other.delete();
    }
  });

  it('does not record device-local settings', async () => {
    db = createDatabase(`outbox-wiring-${crypto.randomUUID()}`);
    await db.settings.put({ key: 'language', value: 'vi' });
    expect(await db.table(OUTBOX).count()).toBe(0);
  });
});
