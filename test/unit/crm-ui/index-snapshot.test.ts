import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import type { Contact } from '@shared/crm/schemas';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  CACHES,
  CHANGE_LOG,
  createChangeLogMiddleware,
} from '../../../src-renderer/src/data/change-log';
import {
  bulkWriteBuyers,
  deleteBuyer,
  getBuyer,
  updateBuyer,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { bulkWriteTalks } from '../../../src-renderer/src/features/crm/data/talk-repository';
import {
  CrmIndex,
  SORT_KEYS,
  type BuyerQuery,
} from '../../../src-renderer/src/features/crm/data/crm-index';
import { readSnapshot } from '../../../src-renderer/src/features/crm/data/index-snapshot';
import type { ListHeadStore } from '../../../src-renderer/src/features/crm/data/list-head';

/** No saved list head: these tests are about the snapshot. */
const noHead: ListHeadStore = { load: () => null, save: () => undefined };

const office = SEED_OFFICES.find((o) => o.id === 'tokyo')!;

function open(db: Dexie, snapshot = true): CrmIndex {
  return new CrmIndex(db, { headStore: noHead, snapshot, snapshotDelayMs: 0 }).start();
}

/** Everything the list and search answer, for comparing two indexes. */
async function answers(index: CrmIndex, texts: readonly string[]) {
  await index.searchSettled();
  const now = Date.parse('2026-06-01T00:00:00Z');
  const out: Record<string, unknown> = {};
  for (const sort of SORT_KEYS) {
    for (const collation of ['en', 'ja']) {
      await index.whenSorted(sort, collation);
      const q: BuyerQuery = { text: '', filters: {}, sort, collation, now };
      out[`${sort}/${collation}`] = index.query(q).ids;
    }
  }
  const byName: BuyerQuery = { text: '', filters: {}, sort: 'name', collation: 'en', now };
  out.active = index.query({ ...byName, filters: { status: 'active' } }).ids;
  out.jp = index.query({ ...byName, filters: { country: 'JP' } }).ids;
  out.never = index.query({ ...byName, filters: { lastContact: 'never' } }).ids;
  out.y1 = index.query({ ...byName, filters: { lastContact: 'y1' } }).ids;
  out.facets = index.facets();
  out.rows = [...index.rows.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const t of texts) out[`search:${t}`] = (await index.search(t, { limit: 20 })).hits;
  return out;
}

describe('CRM index snapshot (saved, validated, wiped with the data)', () => {
  let db: BridgeheadDatabase;
  let data: ReturnType<typeof generateDemoData>;
  let texts: string[];

  beforeEach(async () => {
    db = createDatabase(`crm-snap-${crypto.randomUUID()}`);
    data = generateDemoData({ seed: 3, office, buyers: 40, talks: 30, smeFirms: 3 });
    const byBuyer = new Map<string, Contact[]>();
    for (const c of data.contacts) byBuyer.set(c.buyerId, [...(byBuyer.get(c.buyerId) ?? []), c]);
    await bulkWriteBuyers(
      db,
      data.buyers.map((buyer) => ({ buyer, contacts: byBuyer.get(buyer.id) ?? [] })),
    );
    await bulkWriteTalks(db, { talks: data.talks, firms: data.smeFirms });
    const b = data.buyers[5]!;
    const c = data.contacts[7]!;
    texts = [b.nameNative.slice(0, 3), b.nameLatin ?? 'co', c.emails[0] ?? 'example', 'a'];
    // The session before: builds from the data and saves the snapshot.
    const first = open(db);
    await first.whenReady();
    expect(first.startedFrom).toBe('data');
    await first.snapshotSaved();
    first.dispose();
  });

  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('starts from the snapshot with the same list, orders, filters and search as a full build', async () => {
    expect(await readSnapshot(db)).not.toBeNull();
    const fromSnapshot = open(db);
    const full = open(db, false);
    await fromSnapshot.whenReady();
    expect(fromSnapshot.startedFrom).toBe('snapshot');
    expect(await answers(fromSnapshot, texts)).toEqual(await answers(full, texts));
    // The duplicate index came with it.
    const twin = { buyer: data.buyers[2]!, contacts: data.contacts.slice(0, 0) };
    expect(fromSnapshot.duplicatesOf(twin)).toEqual(full.duplicatesOf(twin));
    fromSnapshot.dispose();
    full.dispose();
  });

  it('applies what the page wrote after the snapshot (the log), never the stale rows', async () => {
    const target = data.buyers[9]!;
    const existing = (await getBuyer(db, target.id))!;
    await updateBuyer(db, target.id, {
      buyer: { ...existing.buyer, nameNative: 'Zyxwvut Trading' },
      contacts: existing.contacts,
    });
    const gone = data.buyers.find((b) => !data.talks.some((t) => t.buyerId === b.id))!;
    await deleteBuyer(db, gone.id);
    const index = open(db);
    await index.settled();
    expect(index.startedFrom).toBe('snapshot');
    expect(index.rows.get(target.id)?.nameNative).toBe('Zyxwvut Trading');
    expect(index.rows.has(gone.id)).toBe(false);
    const full = open(db, false);
    expect(await answers(index, ['zyxw', ...texts])).toEqual(
      await answers(full, ['zyxw', ...texts]),
    );
    index.dispose();
    full.dispose();
  });

  it("applies the pull worker's writes (its own Dexie handle, no sync middleware)", async () => {
    // As sync/pull-worker-handler.ts opens the database in the pull worker.
    const worker = new Dexie(db.name);
    worker.use(createChangeLogMiddleware());
    await worker.open();
    const pulled = { ...data.buyers[0]!, id: 'pulled-1', nameNative: 'Qwertyuiop Pulled' };
    const moved = { ...data.contacts[0]!, buyerId: 'pulled-1' };
    await worker.transaction('rw', ['buyers', 'contacts'], async () => {
      await worker.table('buyers').put(pulled);
      await worker.table('contacts').put(moved);
    });
    worker.close();
    const index = open(db);
    await index.settled();
    expect(index.startedFrom).toBe('snapshot');
    expect(index.rows.get('pulled-1')?.contactCount).toBe(1);
    const full = open(db, false);
    expect(await answers(index, ['qwerty', ...texts])).toEqual(
      await answers(full, ['qwerty', ...texts]),
    );
    index.dispose();
    full.dispose();
  });

  it('goes with the data: a wipe (clear) deletes it in the same transaction', async () => {
    await db.transaction('rw', ['buyers', 'contacts', 'tradeTalks'], async () => {
      await db.table('buyers').clear();
      await db.table('contacts').clear();
      await db.table('tradeTalks').clear();
    });
    expect(await db.table(CACHES).count()).toBe(0);
    const index = open(db);
    await index.whenReady();
    expect(index.startedFrom).toBe('data');
    expect(index.rows.size).toBe(0);
    index.dispose();
  });

  it('a corrupt row chunk: built from the data, the snapshot dropped', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stored = (await readSnapshot(db))!;
    await db.table(CACHES).put({ key: stored.meta.rowKeys[0]!, json: '{"rows":[{"id":1}' });
    const index = open(db);
    await index.whenReady();
    expect(index.startedFrom).toBe('data');
    const full = open(db, false);
    expect(await answers(index, texts)).toEqual(await answers(full, texts));
    expect(await readSnapshot(db)).toBeNull();
    expect(warn).toHaveBeenCalled();
    index.dispose();
    full.dispose();
    warn.mockRestore();
  });

  it('corrupt search documents: search is built from the data', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stored = (await readSnapshot(db))!;
    await db.table(CACHES).put({ key: stored.meta.docKeys[0]!, json: '[["x"]]' });
    const index = open(db);
    await index.whenReady();
    const full = open(db, false);
    expect(await answers(index, texts)).toEqual(await answers(full, texts));
    expect(await readSnapshot(db)).toBeNull();
    index.dispose();
    full.dispose();
    warn.mockRestore();
  });

  it('is not used by code that derives other rows (fingerprint)', async () => {
    const stored = (await readSnapshot(db))!;
    await db.table(CACHES).put({ ...stored.meta, rowsFingerprint: 'older code' });
    expect(await readSnapshot(db)).toBeNull();
    const index = open(db);
    await index.whenReady();
    expect(index.startedFrom).toBe('data');
    index.dispose();
  });

  it('an index whose log entries another window pruned reloads instead of guessing', async () => {
    const index = open(db);
    await index.settled();
    expect(index.startedFrom).toBe('snapshot');
    // It does not hear the next write (as if the event were lost): only the log can tell.
    const internals = index as unknown as {
      onMutated: (parts: unknown) => void;
      scheduleFlush: () => void;
    };
    Dexie.on.storagemutated.unsubscribe(internals.onMutated);
    const other = open(db);
    await other.settled();
    const target = data.buyers[3]!;
    const existing = (await getBuyer(db, target.id))!;
    await updateBuyer(db, target.id, {
      buyer: { ...existing.buyer, nameNative: 'Pruned Past' },
      contacts: existing.contacts,
    });
    await other.settled();
    await other.snapshotSaved();
    // The other window's snapshot pruned the log past what `index` applied.
    expect(await db.table(CHANGE_LOG).count()).toBe(0);
    expect(index.rows.get(target.id)?.nameNative).toBe(existing.buyer.nameNative);
    internals.scheduleFlush();
    await index.settled();
    await index.whenReady();
    expect(index.rows.get(target.id)?.nameNative).toBe('Pruned Past');
    other.dispose();
    index.dispose();
  });
});
