import { afterEach, describe, expect, it } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  UnlinkRefusedError,
  keepOnlyOffice,
  wipeOfficeData,
} from '../../../src-renderer/src/features/sync-ui/office-data';
import { OUTBOX, REJECTED, type RejectedRow } from '../../../src-renderer/src/sync/schema';
import { pendingMutationCount } from '../../../src-renderer/src/sync/outbox';

describe('office data on the laptop (link, unlink, revoke)', () => {
  const dbs: BridgeheadDatabase[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  const openDb = () => {
    const db = new BridgeheadDatabase(`office-data-${crypto.randomUUID()}`);
    dbs.push(db);
    return db;
  };

  it("linking keeps only the office's rows and lists other offices' unsent changes as refused", async () => {
    const db = openDb();
    await db.table('buyers').add({ id: 'b-tokyo', officeId: 'tokyo', nameNative: '山田商事' });
    await db.table('buyers').add({ id: 'b-sh', officeId: 'shanghai', nameNative: '上海贸易' });
    await db.table('smeFirms').add({ id: 'f1', name: 'Gyeongnam Foods' });
    expect(await pendingMutationCount(db)).toBe(3);

    await keepOnlyOffice(db, 'tokyo');
    expect(await db.table('buyers').toCollection().primaryKeys()).toEqual(['b-tokyo']);
    expect(await db.table('smeFirms').count()).toBe(1); // shared data stays
    // The Tokyo buyer and the firm still go to HQ; Shanghai's change is listed, not lost.
    expect(await pendingMutationCount(db)).toBe(2);
    const refused = (await db.table(REJECTED).toArray()) as RejectedRow[];
    expect(refused.map((r) => [r.code, r.mutation.id])).toEqual([['office_forbidden', 'b-sh']]);
    // Removing the copies recorded nothing new for HQ.
    expect(await db.table(OUTBOX).count()).toBeGreaterThan(0);
    expect(await pendingMutationCount(db)).toBe(2);
  });

  it('an unlink is refused while changes wait; a revoke wipes them with the office data', async () => {
    const db = openDb();
    await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
    await db.table('smeFirms').add({ id: 'f1', name: 'Gyeongnam Foods' });
    await expect(wipeOfficeData(db, { requireNothingPending: true })).rejects.toEqual(
      new UnlinkRefusedError(2),
    );
    expect(await db.table('buyers').count()).toBe(1);

    await wipeOfficeData(db, { requireNothingPending: false });
    expect(await db.table('buyers').count()).toBe(0);
    expect(await db.table(OUTBOX).count()).toBe(0);
    expect(await db.table('smeFirms').count()).toBe(1);
  });
});
