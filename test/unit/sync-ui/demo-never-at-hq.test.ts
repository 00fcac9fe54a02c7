// Issue 16, item 1: demo data never reaches HQ. The loader refuses on a linked laptop,
// demo records never enter the outbox (not when loaded, not when edited), and linking a
// laptop that holds demo data removes it first, so HQ receives only the real records.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDemoId } from '@shared/sync/demo-ids';
import { SEED_OFFICES } from '@shared/offices/seed';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { saveEnrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import { loadDemoData } from '../../../src-renderer/src/features/demo/load-demo';
import {
  countDemoRecords,
  DemoRefusedError,
} from '../../../src-renderer/src/features/sync-ui/demo-guard';
import { OUTBOX, type OutboxRow } from '../../../src-renderer/src/sync';
import { useLaptopWithHq } from './laptop-with-hq';

const tokyo = SEED_OFFICES.find((o) => o.id === 'tokyo')!;

async function outboxIds(db: BridgeheadDatabase): Promise<string[]> {
  const rows = await db.table<OutboxRow, number>(OUTBOX).toArray();
  return rows.flatMap((r) => r.entries.map((e) => `${e.tbl}/${e.id}`));
}

describe('demo data never reaches HQ', () => {
  let db: BridgeheadDatabase;
  beforeEach(() => {
    db = new BridgeheadDatabase(`demo-guard-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('refuses to load demo data on a laptop linked to HQ, and writes nothing', async () => {
    await saveEnrollment(
      db,
      {
        hqUrl: 'https://hq.example.org',
        deviceId: 'dev-1',
        officeId: 'tokyo',
        credential: 'secret',
        enrolledAt: 1,
      },
      null,
    );
    const refused = loadDemoData(db, tokyo, 20);
    await expect(refused).rejects.toBeInstanceOf(DemoRefusedError);
    await expect(refused).rejects.toMatchObject({ code: 'demo.linked' });
    expect(await db.table('buyers').count()).toBe(0);
    expect(await db.table('interpreters').count()).toBe(0);
    expect(await outboxIds(db)).toEqual([]);
  });

  it('refuses on an HQ laptop too (linked with officeId null)', async () => {
    await saveEnrollment(
      db,
      {
        hqUrl: 'https://hq.example.org',
        deviceId: 'd',
        officeId: null,
        credential: 's',
        enrolledAt: 1,
      },
      null,
    );
    await expect(loadDemoData(db, tokyo, 20)).rejects.toMatchObject({ code: 'demo.linked' });
  });

  it('never records a demo record in the outbox, loaded or edited; real records still are', async () => {
    const result = await loadDemoData(db, tokyo, 20);
    expect(result.buyers).toBe(20);
    expect(result.bookings).toBeGreaterThan(0);
    // Every record the loader wrote is marked as demo.
    for (const table of [
      'buyers',
      'contacts',
      'tradeTalks',
      'smeFirms',
      'interpreters',
      'vehicles',
    ]) {
      const ids = (await db.table(table).toCollection().primaryKeys()) as string[];
      expect(ids.length, table).toBeGreaterThan(0);
      expect(
        ids.filter((id) => !isDemoId(id)),
        table,
      ).toEqual([]);
    }
    expect(await outboxIds(db)).toEqual([]);

    // A person edits a demo buyer and deletes a demo talk: still nothing for HQ.
    const [buyerId] = (await db.table('buyers').toCollection().primaryKeys()) as string[];
    await db.table('buyers').update(buyerId!, { notes: 'edited' });
    const [talkId] = (await db.table('tradeTalks').toCollection().primaryKeys()) as string[];
    await db.table('tradeTalks').delete(talkId!);
    expect(await outboxIds(db)).toEqual([]);

    // A real record made on the same laptop is recorded as always.
    await db.table('buyers').add({ id: 'real-1', officeId: 'tokyo', nameNative: '山田商事' });
    expect(await outboxIds(db)).toEqual(['buyers/real-1']);
  });
});

describe('linking a laptop that holds demo data (real HQ server, SQLite)', () => {
  const t = useLaptopWithHq({ name: 'demo-link' });

  it('removes the demo records at linking, keeps and sends the real ones, and HQ holds no demo id', async () => {
    const { env, db, service } = t;
    await service.start();
    await loadDemoData(db, tokyo, 20);
    await db.table('buyers').add({ id: 'real-1', officeId: 'tokyo', nameNative: '山田商事' });
    expect(await countDemoRecords(db)).toBeGreaterThan(20);

    await t.link('tokyo', 'Tokyo reception');
    expect(await countDemoRecords(db)).toBe(0);
    expect(await db.table('buyers').toCollection().primaryKeys()).toEqual(['real-1']);

    await service.syncNow();
    expect(service.store.getState().pending).toBe(0);
    const onHq = await env.hq.db.selectFrom('records').select(['tbl', 'id']).execute();
    expect(onHq.filter((r) => isDemoId(r.id))).toEqual([]);
    expect(onHq).toContainEqual({ tbl: 'buyers', id: 'real-1' });

    // And once linked, the loader refuses.
    await expect(loadDemoData(db, tokyo, 20)).rejects.toMatchObject({ code: 'demo.linked' });
  });
});
