import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SCHEMA_VERSIONS } from '../../../src-renderer/src/app-schema';
import {
  browserDataKey,
  forgetBrowserDataKey,
} from '../../../src-renderer/src/data/encryption/browser-key';
import {
  DataKeyRefusedError,
  loadDataKey,
} from '../../../src-renderer/src/data/encryption/key-source';
import {
  SEALED_SETTING,
  sealPlaintextRows,
} from '../../../src-renderer/src/data/encryption/migrate';
import { SEALED_FIELD } from '../../../src-renderer/src/data/encryption/middleware';
import { localListHeadStore } from '../../../src-renderer/src/features/crm/data/list-head';
import type { BuyerRow } from '../../../src-renderer/src/features/crm/data/buyer-rows';
import type { BridgeheadApi } from '../../../src-renderer/src/platform/bridge';
import { OUTBOX } from '../../../src-renderer/src/sync/schema';
import { openWith, uniqueDbName } from './migration-harness';

const MARK = 'Qx4Tanaka';
const open: Dexie[] = [];

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function rawRows(name: string, table: string): Promise<Array<Record<string, unknown>>> {
  const raw = new Dexie(name);
  await raw.open();
  try {
    return await raw.table(table).toArray();
  } finally {
    raw.close();
  }
}

describe('the data key in browser mode (WebCrypto)', () => {
  it('is made once, kept wrapped by a non-extractable key, and forgotten on request', async () => {
    const name = uniqueDbName('keys');
    const first = await browserDataKey(name);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    const again = await browserDataKey(name);
    expect(again).toEqual({ key: first.key, created: false });
    const [row] = await rawRows(name, 'keys');
    const wrappingKey = row!.wrappingKey as CryptoKey;
    expect(wrappingKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', wrappingKey)).rejects.toThrow();
    // The stored row never holds the data key's bytes.
    const stored = Buffer.from(new Uint8Array(row!.wrapped as ArrayBuffer));
    expect(stored.includes(Buffer.from(first.key))).toBe(false);
    await forgetBrowserDataKey(name);
    const next = await browserDataKey(name);
    expect(next.created).toBe(true);
    expect(Buffer.from(next.key).equals(Buffer.from(first.key))).toBe(false);
  });

  it("maps main's refusals to a reason the app shows (and runs without the database)", async () => {
    const failing = (code: string) =>
      ({
        dataKey: {
          get: () => Promise.reject(new Error(`Error invoking remote method: Error: ${code}`)),
        },
      }) as unknown as BridgeheadApi;
    await expect(loadDataKey(failing('IPC_DATA_KEY_UNAVAILABLE'))).rejects.toEqual(
      new DataKeyRefusedError('keychain_unavailable'),
    );
    await expect(loadDataKey(failing('IPC_DATA_KEY_UNREADABLE'))).rejects.toEqual(
      new DataKeyRefusedError('keychain_unreadable'),
    );
    const key = Buffer.alloc(32, 7);
    const working = {
      dataKey: { get: () => Promise.resolve(key.toString('base64')) },
    } as unknown as BridgeheadApi;
    const loaded = await loadDataKey(working);
    expect(Buffer.from(loaded.key).equals(key)).toBe(true);
  });
});

describe('sealing a database written before encryption (migration)', () => {
  it('seals every plain row in one resumable pass, losing nothing', async () => {
    const name = uniqueDbName('plain');
    // As the previous build left it: the same schema, no encryption layer.
    const old = openWith(name, SCHEMA_VERSIONS);
    await old.open();
    const contacts = Array.from({ length: 450 }, (_, i) => ({
      id: `c${String(i).padStart(4, '0')}`,
      officeId: 'tokyo',
      buyerId: `b${i % 7}`,
      familyName: `${MARK}${i}`,
      emails: [`${MARK.toLowerCase()}${i}@example.jp`],
      notes: '',
    }));
    await old.table('contacts').bulkAdd(contacts);
    await old.table(OUTBOX).add({
      at: 1,
      entries: [{ tbl: 'contacts', id: 'c0000', slot: 0, values: { familyName: `${MARK}0` } }],
    });
    await old.table('settings').put({ key: 'language', value: 'ja' });
    old.close();

    const db = new BridgeheadDatabase(name);
    open.push(db);
    // Before sealing, plain rows read as they are.
    expect(await db.table('contacts').get('c0001')).toMatchObject(contacts[1]!);

    // A start that stops after two chunks (the window closed).
    let chunks = 0;
    await expect(
      sealPlaintextRows(db, {
        chunk: 100,
        onChunk: (table) => {
          if (table === 'contacts' && ++chunks === 2) throw new Error('window closed');
        },
      }),
    ).rejects.toThrow('window closed');
    const half = await rawRows(name, 'contacts');
    expect(half.filter((r) => SEALED_FIELD in r)).toHaveLength(200);
    expect(await db.table('contacts').toArray()).toEqual(
      contacts.map((c) => expect.objectContaining(c)),
    );
    expect(await db.settings.get(SEALED_SETTING)).toBeUndefined();

    // The next start finishes: what was sealed is skipped, the rest sealed.
    const sealed = await sealPlaintextRows(db, { chunk: 100 });
    // The other 250 contacts (and the outbox row and setting if their stores came later).
    expect(sealed).toBeGreaterThanOrEqual(250);
    expect(sealed).toBeLessThanOrEqual(252);
    const text = JSON.stringify(
      [
        await rawRows(name, 'contacts'),
        await rawRows(name, OUTBOX),
        await rawRows(name, 'settings'),
      ],
      (_k, v: unknown) => (ArrayBuffer.isView(v) ? '[sealed]' : v),
    );
    expect(text).not.toContain(MARK);
    expect(text).not.toContain(MARK.toLowerCase());
    expect(await db.table('contacts').toArray()).toEqual(
      contacts.map((c) => expect.objectContaining(c)),
    );
    expect(await db.table(OUTBOX).toArray()).toEqual([
      expect.objectContaining({
        entries: [expect.objectContaining({ values: { familyName: `${MARK}0` } })],
      }),
    ]);
    expect((await db.settings.get('language'))?.value).toBe('ja');
    // Done once.
    expect(await sealPlaintextRows(db)).toBe(0);
  });
});

describe("the buyer list's saved head (localStorage)", () => {
  it('is stored sealed, and a head stored in clear by an older build is removed', () => {
    if (typeof localStorage === 'undefined') {
      const items = new Map<string, string>();
      Object.defineProperty(globalThis, 'localStorage', {
        configurable: true,
        value: {
          getItem: (k: string) => items.get(k) ?? null,
          setItem: (k: string, v: string) => void items.set(k, v),
          removeItem: (k: string) => void items.delete(k),
          get length() {
            return items.size;
          },
          key: (i: number) => [...items.keys()][i] ?? null,
        },
      });
    }
    const dbName = uniqueDbName('head');
    const row = {
      id: 'b1',
      nameNative: `${MARK} 商事`,
      nameLatin: 'Yamada Shoji',
      country: 'JP',
      contactCount: 1,
      industries: [],
      tags: [],
      nameKey: { primary: 'yamada' },
    } as unknown as BuyerRow;
    localStorage.setItem(`bridgehead.crm.listHead.v1:${dbName}`, JSON.stringify({ ids: [] }));
    localListHeadStore.save(dbName, { ids: ['b1'], total: 1, rows: [row] });
    const stored = Object.keys(localStorage)
      .concat(Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)!))
      .map((k) => localStorage.getItem(k) ?? '')
      .join('\n');
    expect(stored).not.toContain(MARK);
    expect(localListHeadStore.load(dbName)?.rows?.[0]?.nameNative).toBe(`${MARK} 商事`);
    expect(localStorage.getItem(`bridgehead.crm.listHead.v1:${dbName}`)).toBeNull();
  });
});
