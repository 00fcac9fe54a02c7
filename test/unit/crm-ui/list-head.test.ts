import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  bulkWriteBuyers,
  createBuyer,
  deleteBuyer,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import {
  CrmIndex,
  type BuyerQuery,
  type BuyerQueryResult,
} from '../../../src-renderer/src/features/crm/data/crm-index';
import {
  buyersPartDb,
  localListHeadStore,
  type ListHead,
  type ListHeadStore,
} from '../../../src-renderer/src/features/crm/data/list-head';

/** The list head in memory, with every save recorded. */
function memoryStore(initial: Record<string, ListHead> = {}) {
  const heads = new Map<string, ListHead | null>(Object.entries(initial));
  const saves: (ListHead | null)[] = [];
  const store: ListHeadStore = {
    load: (name) => heads.get(name) ?? null,
    save: (name, head) => {
      saves.push(head);
      heads.set(name, head);
    },
  };
  return { store, heads, saves };
}

const byName: BuyerQuery = { text: '', filters: {}, sort: 'name', collation: 'en' };

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What the list shows at the index's first emit (the first screen). */
function firstScreen(index: CrmIndex): Promise<{ phase: string; result: BuyerQueryResult }> {
  return new Promise((resolve) => {
    const off = index.subscribe(() => {
      off();
      resolve({ phase: index.phase, result: index.query(byName) });
    });
    index.start();
  });
}

describe('buyer list head (first screen before the index has loaded)', () => {
  let db: BridgeheadDatabase;
  let ids: Record<string, string>;
  beforeEach(async () => {
    db = createDatabase(`crm-head-${crypto.randomUUID()}`);
    ids = {};
    const company = async (
      key: string,
      nameNative: string,
      nameScript: 'ja' | 'zh',
      reading = '',
    ) => {
      const { buyer } = await createBuyer(db, 'tokyo', {
        buyer: { nameNative, nameScript, reading, country: nameScript === 'ja' ? 'JP' : 'CN' },
        contacts: [],
      });
      ids[key] = buyer.id;
    };
    // Name order: Japanese by reading (あ < と < わ), then Chinese by pinyin (an < bei < zhang).
    await company('wa', '和田商店', 'ja', 'ワダショウテン');
    await company('zhang', '张氏贸易', 'zh');
    await company('a', '阿部物産', 'ja', 'アベブッサン');
    await company('bei', '北方机械', 'zh');
    await company('to', '東洋水産', 'ja', 'トウヨウスイサン');
    await company('an', '安达食品', 'zh');
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('is saved once the name order is known, and opens the next session in place', async () => {
    const order = ['a', 'to', 'wa', 'an', 'bei', 'zhang'];
    const mem = memoryStore();
    const earlier = new CrmIndex(db, { headStore: mem.store }).start();
    expect(await earlier.whenSorted('name', 'en')).toEqual(order.map((k) => ids[k]));
    expect(mem.heads.get(db.name)).toMatchObject({ ids: order.map((k) => ids[k]), total: 6 });
    // With the rows themselves: the next start draws them without reading IndexedDB.
    expect(mem.heads.get(db.name)?.rows?.map((r) => r.nameNative)).toEqual([
      '阿部物産',
      '東洋水産',
      '和田商店',
      '安达食品',
      '北方机械',
      '张氏贸易',
    ]);
    earlier.dispose();

    // Next start: a head of the first two rows of six.
    const next = memoryStore({ [db.name]: { ids: [ids.a!, ids.to!], total: 6 } });
    const index = new CrmIndex(db, { headStore: next.store });
    const first = await firstScreen(index);
    expect(first.phase).toBe('loading');
    expect(first.result.ids).toEqual([ids.a, ids.to]);
    expect(first.result.count).toBe(6);
    expect(first.result.pending).toBe(true);
    expect(index.rows.get(ids.a!)?.nameNative).toBe('阿部物産');
    // Loaded, not yet sorted (the first query starts the sort): still the head in
    // place, no jump to stored order.
    await index.whenReady();
    const loading = index.query(byName);
    expect(loading.pending).toBe(true);
    expect(loading.ids).toEqual([ids.a, ids.to]);
    expect(loading.count).toBe(6);
    // Sorted: the full list takes over with the same first rows.
    const sorted = await index.whenSorted('name', 'en');
    const done = index.query(byName);
    expect(done.pending).toBe(false);
    expect(done.ids).toEqual(sorted);
    expect(done.ids.slice(0, 2)).toEqual([ids.a, ids.to]);
    expect(done.count).toBe(6);
    index.dispose();
  });

  it('opens from the rows it holds, and the database takes over once loaded', async () => {
    const mem = memoryStore();
    const earlier = new CrmIndex(db, { headStore: mem.store }).start();
    await earlier.whenSorted('name', 'en');
    earlier.dispose();
    const saved = mem.heads.get(db.name)!;
    // A marker only the head holds: what the first screen shows came from it, not from Dexie.
    const marked = {
      ...saved,
      rows: saved.rows!.map((r, i) => (i === 0 ? { ...r, city: 'from-the-head' } : r)),
    };
    const index = new CrmIndex(db, { headStore: memoryStore({ [db.name]: marked }).store });
    const first = await firstScreen(index);
    expect(first.phase).toBe('loading');
    expect(first.result.ids).toEqual(saved.ids);
    expect(first.result.count).toBe(6);
    expect(index.rows.get(ids.a!)?.city).toBe('from-the-head');
    await index.whenReady();
    expect(index.rows.get(ids.a!)?.city).toBe('');
    index.dispose();

    // A head row whose buyer is gone (a stale head): shown first, dropped by the load.
    const ghost = { ...saved.rows![0]!, id: 'ghost-buyer' };
    const stale = { ids: ['ghost-buyer', ...saved.ids], total: 7, rows: [ghost, ...saved.rows!] };
    const after = new CrmIndex(db, { headStore: memoryStore({ [db.name]: stale }).store });
    const shown = await firstScreen(after);
    expect(shown.result.ids[0]).toBe('ghost-buyer');
    await after.whenReady();
    expect(after.rows.has('ghost-buyer')).toBe(false);
    expect(after.rows.size).toBe(6);
    expect(after.query(byName).ids).not.toContain('ghost-buyer');
    after.dispose();
  });

  it('is dropped by a contact write (its rows count contacts) and saved again with it', async () => {
    const mem = memoryStore();
    const index = new CrmIndex(db, { headStore: mem.store }).start();
    await index.whenSorted('name', 'en');
    expect(mem.heads.get(db.name)?.rows?.[0]?.contactCount).toBe(0);
    await db.table('contacts').put({
      id: 'contact-of-abe',
      buyerId: ids.a,
      officeId: 'tokyo',
      familyName: '阿部',
      givenName: '一郎',
      latinFamily: 'Abe',
      latinGiven: 'Ichiro',
      reading: 'アベイチロウ',
      nameScript: 'ja',
      emails: [],
      phones: [],
      messengers: [],
    });
    await waitFor(() => mem.heads.get(db.name) === null);
    await waitFor(() => mem.heads.get(db.name)?.rows?.[0]?.contactCount === 1);
    index.dispose();
  });

  it('is dropped by a buyer write and saved again once the order reflects it', async () => {
    const mem = memoryStore();
    const index = new CrmIndex(db, { headStore: mem.store }).start();
    await index.whenSorted('name', 'en');
    expect(mem.heads.get(db.name)?.total).toBe(6);
    const { buyer } = await createBuyer(db, 'tokyo', {
      buyer: {
        nameNative: '青木商会',
        nameScript: 'ja',
        reading: 'アオキショウカイ',
        country: 'JP',
      },
      contacts: [],
    });
    await waitFor(() => mem.heads.get(db.name) === null);
    await waitFor(() => mem.heads.get(db.name)?.total === 7);
    // アオキ sorts before アベ: the new head starts with it.
    expect(mem.heads.get(db.name)?.ids.slice(0, 2)).toEqual([buyer.id, ids.a]);
    await deleteBuyer(db, buyer.id);
    await waitFor(() => mem.heads.get(db.name)?.total === 6);
    expect(mem.heads.get(db.name)?.ids[0]).toBe(ids.a);
    index.dispose();
  });

  it('skips rows that are gone and falls back to stored order when none is left', async () => {
    const gone = memoryStore({
      [db.name]: { ids: ['no-such-buyer', ids.bei!], total: 7 },
    });
    const index = new CrmIndex(db, { headStore: gone.store });
    const first = await firstScreen(index);
    expect(first.result.ids).toEqual([ids.bei]);
    expect(first.result.count).toBe(6);
    index.dispose();

    const stale = memoryStore({ [db.name]: { ids: ['x', 'y'], total: 2 } });
    const fallback = new CrmIndex(db, { headStore: stale.store });
    const shown = await firstScreen(fallback);
    expect(shown.result.ids).toHaveLength(6);
    expect(shown.result.count).toBe(6);
    fallback.dispose();
  });

  it('merges a burst of new buyers (an import) into the sorted order', async () => {
    const mem = memoryStore();
    const index = new CrmIndex(db, { headStore: mem.store }).start();
    await index.whenSorted('name', 'en');
    const kana = 'アイウエオカキクケコサシスセソタチツテト';
    const burst = Array.from({ length: 60 }, (_, i) => {
      const ja = i % 2 === 0;
      const reading = `${kana[i % kana.length]}${kana[(i * 7) % kana.length]}${i}`;
      return {
        buyer: {
          id: `burst-${i}`,
          officeId: 'tokyo',
          nameNative: ja ? `商事${i}` : `贸易${i}`,
          nameLatin: '',
          reading: ja ? reading : '',
          nameScript: ja ? ('ja' as const) : ('zh' as const),
          country: ja ? 'JP' : 'CN',
          city: '',
          addressLocal: '',
          website: '',
          industries: [],
          products: [],
          status: 'prospect' as const,
          tags: [],
          notes: '',
        },
        contacts: [],
      };
    });
    await bulkWriteBuyers(db, burst);
    await waitFor(() => index.rows.size === 66);
    await index.settled();
    const merged = index.query(byName);
    expect(merged.pending).toBe(false);
    // The same order a fresh index computes from scratch.
    const fresh = new CrmIndex(db, { headStore: memoryStore().store }).start();
    expect(merged.ids).toEqual(await fresh.whenSorted('name', 'en'));
    fresh.dispose();
    index.dispose();
  });

  it('goes with the data when the tables are wiped, also where no index runs', async () => {
    const mem = memoryStore();
    const index = new CrmIndex(db, { headStore: mem.store }).start();
    await index.whenSorted('name', 'en');
    expect(mem.heads.get(db.name)?.rows).toHaveLength(6);
    // The app's own store (localStorage; a stand-in where this test environment has none),
    // with no index of this database running.
    if (typeof localStorage === 'undefined') {
      const items = new Map<string, string>();
      Object.defineProperty(globalThis, 'localStorage', {
        configurable: true,
        value: {
          getItem: (k: string) => items.get(k) ?? null,
          setItem: (k: string, v: string) => void items.set(k, v),
          removeItem: (k: string) => void items.delete(k),
        },
      });
    }
    localListHeadStore.save(db.name, mem.heads.get(db.name)!);
    expect(localListHeadStore.load(db.name)?.rows).toHaveLength(6);
    // As SyncEngine.wipe does: every synced table cleared in one transaction.
    await db.transaction('rw', ['buyers', 'contacts', 'tradeTalks'], async () => {
      await db.table('buyers').clear();
      await db.table('contacts').clear();
      await db.table('tradeTalks').clear();
    });
    await waitFor(() => localListHeadStore.load(db.name) === null);
    await waitFor(() => mem.heads.get(db.name) === null);
    // The index reloads the empty tables; what it saves next holds no buyer.
    await waitFor(() => index.rows.size === 0);
    await index.settled();
    const next = mem.heads.get(db.name);
    expect(next === null || next === undefined || next.rows?.length === 0).toBe(true);
    index.dispose();
  });

  it('names the database of a buyers-table change', () => {
    expect(buyersPartDb('idb://bridgehead/buyers/', 'buyers')).toBe('bridgehead');
    expect(buyersPartDb('idb://bridgehead/buyers/status', 'buyers')).toBe('bridgehead');
    expect(buyersPartDb('idb://bridgehead/contacts/', 'buyers')).toBeNull();
    expect(buyersPartDb('idb://bench-crm-100k/buyers/:dels', 'buyers')).toBe('bench-crm-100k');
  });
});
