// Issue 14: a revoked laptop's wipe forgets the stored data key too (main's safeStorage file,
// the browser's non-extractable key record), and what stays is sealed under a new key, so a
// copy of the disk taken after the wipe opens nothing the laptop held before.
import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, resetElectronMock, safeStorage } from '../../mocks/electron';
import { createDataKeyStore } from '../../../src-main/adapters/data-key';
import { createAppLogger } from '../../../src-main/adapters/logger';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { CACHES } from '../../../src-renderer/src/data/change-log';
import { browserDataKey } from '../../../src-renderer/src/data/encryption/browser-key';
import {
  SealedValueError,
  createValueCipher,
  fromBase64,
} from '../../../src-renderer/src/data/encryption/cipher';
import { dataKey } from '../../../src-renderer/src/data/encryption/data-key';
import {
  forgetStoredDataKey,
  loadDataKey,
} from '../../../src-renderer/src/data/encryption/key-source';
import { SEALED_FIELD } from '../../../src-renderer/src/data/encryption/middleware';
import type { DataKeySource } from '../../../src-renderer/src/data/encryption/rotate';
import { saveEnrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import { SyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import type { BridgeheadApi } from '../../../src-renderer/src/platform/bridge';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { TEST_ENROLLMENT, useTestDatabases } from './laptop-with-hq';

const revokedFetch: FetchLike = async () =>
  new Response(JSON.stringify({ error: { code: 'device_revoked', message: 'revoked' } }), {
    status: 401,
    headers: { 'content-type': 'application/json' },
  });

const openDb = useTestDatabases();
beforeEach(() => resetElectronMock());

async function rawRow(name: string, table: string, key: string): Promise<Record<string, unknown>> {
  const raw = new Dexie(name);
  await raw.open();
  try {
    return (await raw.table(table).get(key)) as Record<string, unknown>;
  } finally {
    raw.close();
  }
}

const opens = (key: Uint8Array, table: string, row: Record<string, unknown>) => {
  try {
    createValueCipher(key).open(table, row[SEALED_FIELD] as Uint8Array);
    return true;
  } catch (error) {
    if (error instanceof SealedValueError) return false;
    throw error;
  }
};

/** A linked laptop holding a setting, a province-wide firm, its office's buyer and the CRM snapshot. */
async function usedLaptop(db: BridgeheadDatabase) {
  await saveEnrollment(db, TEST_ENROLLMENT, null);
  await db.settings.put({ key: 'language', value: 'ja' });
  await db.table('smeFirms').add({ id: 'f1', nameKo: '경남정밀', contactPerson: 'Kim Minsu' });
  await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
  await db.table(CACHES).put({ key: 'crm-index', json: '{"names":["Yamada Taro"]}' });
}

async function revoke(db: BridgeheadDatabase, dataKeys?: DataKeySource) {
  const service = new SyncService(db, {
    fetch: revokedFetch,
    credentials: null,
    debounceMs: 60_000,
    intervalMs: 60_000,
    ...(dataKeys ? { dataKeys } : {}),
  });
  await service.start();
  try {
    await service.syncNow();
    await expect.poll(() => service.store.getState().revoked, { timeout: 10_000 }).toBe(true);
    await service.whenIdle();
  } finally {
    service.stop();
  }
}

describe("a revoked laptop's data key (issue 14)", () => {
  it('Electron: main deletes its wrapped key, a new one seals what stays, the old key opens nothing', async () => {
    // Main's store over the mocked safeStorage, reached through a bridge like the preload's.
    const store = createDataKeyStore({
      safeStorage,
      userDataDir: app.getPath('userData'),
      platform: 'darwin',
      log: createAppLogger(() => undefined),
    });
    const clear = vi.fn(() => store.clear());
    const bridge = { dataKey: { get: () => store.get(), clear } } as unknown as BridgeheadApi;
    const dataKeys: DataKeySource = {
      forget: () => forgetStoredDataKey(bridge),
      load: async () => (await loadDataKey(bridge)).key,
    };
    const oldKey = fromBase64(await store.get());
    const db = openDb('revoke-key', { key: oldKey });
    await usedLaptop(db);
    expect(opens(oldKey, 'settings', await rawRow(db.name, 'settings', 'language'))).toBe(true);

    await revoke(db, dataKeys);

    expect(clear).toHaveBeenCalledTimes(1);
    const newKey = fromBase64(await store.get()); // what the next start gets from main
    expect(Buffer.from(newKey).equals(Buffer.from(oldKey))).toBe(false);
    // The office's data and the CRM snapshot are gone; what stays opens only with the new key.
    expect(await db.table('buyers').count()).toBe(0);
    expect(await db.table(CACHES).count()).toBe(0);
    for (const [table, key] of [
      ['settings', 'language'],
      ['smeFirms', 'f1'],
    ] as const) {
      const row = await rawRow(db.name, table, key);
      expect(opens(oldKey, table, row)).toBe(false);
      expect(opens(newKey, table, row)).toBe(true);
    }
    // This window goes on working, and so does the next start with main's new key.
    expect((await db.settings.get('language'))?.value).toBe('ja');
    expect(await db.table('smeFirms').get('f1')).toMatchObject({ contactPerson: 'Kim Minsu' });
    expect(Buffer.from(dataKey()).equals(Buffer.from(newKey))).toBe(true);
    const restarted = new BridgeheadDatabase(db.name, undefined, { key: newKey });
    try {
      expect((await restarted.settings.get('language'))?.value).toBe('ja');
    } finally {
      restarted.close();
    }
  });

  it("browser mode: the non-extractable key's record is replaced", async () => {
    const before = await browserDataKey();
    const db = openDb('revoke-key', { key: before.key });
    await usedLaptop(db);

    await revoke(db); // the platform's source: no preload here, so the browser's key database

    const after = await browserDataKey();
    expect(after.created).toBe(false); // made and stored by the revoke
    expect(Buffer.from(after.key).equals(Buffer.from(before.key))).toBe(false);
    const row = await rawRow(db.name, 'settings', 'language');
    expect(opens(before.key, 'settings', row)).toBe(false);
    expect(opens(after.key, 'settings', row)).toBe(true);
  });
});
