// Pulled nulls: a field group is sent whole, so an absent member arrives as null; the
// laptop must store it absent (the app's schemas refuse null for optional fields), except
// for fields the table declares nullable (a trip with no driver).
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createTableRegistry } from '@shared/sync/tables';
import {
  SYNC_META_STORES,
  SyncEngine,
  createSyncMiddleware,
  type SyncTransport,
} from '../../../src-renderer/src/sync';
import { localShape } from '../../../src-renderer/src/sync/engine';
import { eachPendingMutation } from '../../../src-renderer/src/sync/outbox';

const registry = createTableRegistry([
  {
    name: 'trips',
    scope: 'office',
    fieldGroups: { when: ['start', 'end', 'recurrence'] },
    nullable: ['driverId'],
  },
]);

describe('localShape', () => {
  it('drops nulls except declared nullable fields', () => {
    expect(localShape({ a: 1, b: null, c: null, d: '' }, ['c'])).toEqual({ a: 1, c: null, d: '' });
    expect(localShape({ b: null })).toEqual({});
    // Created with driverId: null, the trip sent nothing for it (null = absent on the wire).
    expect(localShape({ a: 1 }, ['driverId'])).toEqual({ a: 1, driverId: null });
  });
});

describe('a pulled trip from another laptop', () => {
  it('keeps its shape: absent group member absent, a null driver null, no echo to HQ', async () => {
    const db = new Dexie('local-shape', { indexedDB: new IDBFactory(), IDBKeyRange });
    db.version(1).stores({ trips: 'id, officeId', ...SYNC_META_STORES });
    db.use(createSyncMiddleware({ registry }));
    const transport: SyncTransport = {
      push: async () => ({ lastMutationId: 0, applied: 0, serverTime: Date.now() }),
      pull: async () => {
        throw new Error('not used');
      },
    };
    const engine = new SyncEngine({ db, registry, transport });
    const hlc = '001795800000000-0000-00000000000000aa';
    await engine.applyPull({
      partitions: [
        {
          partition: 'tokyo',
          cursor: { epoch: 'e1', seq: 1 },
          reset: false,
          rows: [
            {
              tbl: 'trips',
              id: 't1',
              officeId: 'tokyo',
              data: {
                officeId: 'tokyo',
                start: '2026-12-01T00:00:00.000Z',
                end: '2026-12-01T01:00:00.000Z',
                recurrence: null,
                notes: null,
              },
              hlc: { officeId: hlc, '@when': hlc, notes: hlc },
              deleted: false,
              deletedHlc: null,
              seq: 1,
            },
          ],
        },
      ],
      more: false,
      lastMutationId: 0,
      serverTime: Date.now(),
    } as unknown as Parameters<SyncEngine['applyPull']>[0]);
    const row = (await db.table('trips').get('t1')) as Record<string, unknown>;
    expect('recurrence' in row).toBe(false);
    expect('notes' in row).toBe(false);
    expect(row.driverId).toBeNull();
    expect(row.start).toBe('2026-12-01T00:00:00.000Z');

    // Writing the row back unchanged (as the app does on save) records nothing: null and
    // absent are the same value for sync.
    await db.table('trips').put({ ...row });
    let changes = 0;
    await eachPendingMutation(db, () => {
      changes++;
      return true;
    });
    expect(changes).toBe(0);
    db.close();
  });
});
