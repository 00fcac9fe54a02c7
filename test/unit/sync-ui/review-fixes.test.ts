// The sync review fixes: keychain credential with browser fallback, a 401 (revoked or
// unknown credential) wipes the office and the credential, linking to an office keeps only
// that office's rows, refused changes and the "not yet at HQ" records are in the store.
import { describe, expect, it, vi } from 'vitest';
import {
  ENROLLMENT_SETTING_KEY,
  clearEnrollment,
  loadEnrollment,
  saveEnrollment,
  type CredentialVault,
} from '../../../src-renderer/src/features/sync-ui/enrollment';
import { SyncService, recordKey } from '../../../src-renderer/src/features/sync-ui/sync-service';
import {
  OUTBOX,
  REJECTED,
  SYNC_STATE,
  type OutboxRow,
} from '../../../src-renderer/src/sync/schema';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { TEST_ENROLLMENT as ENROLLMENT, useLaptopWithHq, useTestDatabases } from './laptop-with-hq';

/** An in-memory keychain like the preload's safeStorage API. */
function fakeVault(options: { failSet?: boolean } = {}) {
  const vault = {
    secret: null as string | null,
    cleared: 0,
    async get() {
      return vault.secret;
    },
    async set(secret: string) {
      if (options.failSet) throw new Error('no keyring');
      vault.secret = secret;
    },
    async clear() {
      vault.cleared++;
      vault.secret = null;
    },
  };
  return vault satisfies CredentialVault;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const openTestDb = useTestDatabases();
const openDb = () => openTestDb('sync-review');

describe('credential storage', () => {
  it('keeps the secret in the keychain and only a note in IndexedDB', async () => {
    const db = openDb();
    const vault = fakeVault();
    await saveEnrollment(db, ENROLLMENT, vault);
    const row = await db.settings.get(ENROLLMENT_SETTING_KEY);
    expect(JSON.stringify(row)).not.toContain('the-secret');
    expect(row?.value).toMatchObject({ credentialIn: 'keychain', deviceId: 'dev-1' });
    expect(vault.secret).toBe('the-secret');
    expect(await loadEnrollment(db, vault)).toEqual(ENROLLMENT);

    await clearEnrollment(db, vault);
    expect(vault.cleared).toBe(1);
    expect(vault.secret).toBeNull();
    expect(await loadEnrollment(db, vault)).toBeNull();
  });

  it('moves a secret an older build left in IndexedDB into the keychain', async () => {
    const db = openDb();
    await saveEnrollment(db, ENROLLMENT, null); // browser fallback (old build)
    expect(JSON.stringify(await db.settings.get(ENROLLMENT_SETTING_KEY))).toContain('the-secret');
    const vault = fakeVault();
    expect(await loadEnrollment(db, vault)).toEqual(ENROLLMENT);
    expect(vault.secret).toBe('the-secret');
    expect(JSON.stringify(await db.settings.get(ENROLLMENT_SETTING_KEY))).not.toContain(
      'the-secret',
    );
  });

  it('falls back to IndexedDB when the keychain refuses, and without a bridge', async () => {
    const db = openDb();
    // The fallback is said once, as a warning (expected here: not printed).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await saveEnrollment(db, ENROLLMENT, fakeVault({ failSet: true }));
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('keychain refused the credential'),
        expect.any(Error),
      );
    } finally {
      warn.mockRestore();
    }
    expect(await loadEnrollment(db, null)).toEqual(ENROLLMENT);
    const other = openDb();
    await saveEnrollment(other, ENROLLMENT, null);
    expect(await loadEnrollment(other, null)).toEqual(ENROLLMENT);
  });

  it('is not linked when the keychain lost the secret', async () => {
    const db = openDb();
    const vault = fakeVault();
    await saveEnrollment(db, ENROLLMENT, vault);
    vault.secret = null;
    expect(await loadEnrollment(db, vault)).toBeNull();
  });
});

describe('a 401 from HQ', () => {
  async function answered401(code: 'unauthorized' | 'device_revoked') {
    const db = openDb();
    const vault = fakeVault();
    await saveEnrollment(db, ENROLLMENT, vault);
    const fetch: FetchLike = async () => json(401, { error: { code, message: 'no' } });
    const service = new SyncService(db, {
      fetch,
      credentials: vault,
      debounceMs: 60_000,
      intervalMs: 60_000,
    });
    await service.start();
    try {
      await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
      await db.table('smeFirms').add({ id: 'f1', nameKo: '경남정밀' });
      await service.syncNow();
      await expect.poll(() => service.store.getState().revoked).toBe(true);
      const state = service.store.getState();
      expect(state.revokedReason).toBe(code);
      expect(state.enrollment).toBeNull();
      expect(vault.secret).toBeNull();
      expect(await loadEnrollment(db, vault)).toBeNull();
      expect(await db.table('smeFirms').count()).toBe(1); // shared data is not confidential
      return { db, state };
    } finally {
      service.stop();
    }
  }

  it('(device_revoked) wipes the office data, unsent changes and the credential, with the reason', async () => {
    const { db, state } = await answered401('device_revoked');
    expect(state.pending).toBe(0);
    expect(await db.table('buyers').count()).toBe(0);
    expect(await db.table(OUTBOX).count()).toBe(0);
    // Sync state too (the client id): the next link starts as a new client.
    expect(await db.table(SYNC_STATE).count()).toBe(0);
  });

  it('(unauthorized: HQ does not know the key) drops only the credential: data and unsent changes stay', async () => {
    const { db, state } = await answered401('unauthorized');
    expect(state.pending).toBe(2);
    expect(await db.table('buyers').count()).toBe(1);
    expect(await db.table(OUTBOX).count()).toBeGreaterThan(0);
    expect(await db.table(SYNC_STATE).count()).toBeGreaterThan(0); // the client id is kept
  });
});

describe('linking and the sync screen state, against a real HQ server', () => {
  const t = useLaptopWithHq({ name: 'sync-review', credentials: null, start: true });

  it("linking to Shanghai removes Tokyo's rows and lists their unsent changes as refused", async () => {
    const { env, db, service } = t;
    // Entered before linking, while the app was set to Tokyo.
    await db.table('buyers').bulkAdd([
      { id: 'tokyo-1', officeId: 'tokyo', nameNative: '山田商事' },
      { id: 'tokyo-2', officeId: 'tokyo', nameNative: '鈴木物産' },
    ]);
    await db.table('buyers').add({ id: 'sh-1', officeId: 'shanghai', nameNative: '上海贸易' });
    await db.table('smeFirms').add({ id: 'f1', nameKo: '경남정밀' });
    await expect.poll(() => service.store.getState().pending).toBe(4);

    await t.link('shanghai', 'Shanghai laptop');
    expect((await db.table('buyers').toArray()).map((r: { id: string }) => r.id)).toEqual(['sh-1']);
    const outboxIds = (await db.table<OutboxRow>(OUTBOX).toArray()).flatMap((r) =>
      r.entries.map((e) => e.id),
    );
    expect(outboxIds.sort()).toEqual(['f1', 'sh-1']);
    const refused = service.store.getState().rejected;
    expect(refused.map((r) => [r.code, r.mutation.id]).sort()).toEqual([
      ['office_forbidden', 'tokyo-1'],
      ['office_forbidden', 'tokyo-2'],
    ]);

    // The rest syncs; HQ never hears of Tokyo's rows from this laptop.
    await service.syncNow();
    expect(service.store.getState().pending).toBe(0);
    const atHq = await env.hq.db.selectFrom('records').select(['id']).orderBy('id').execute();
    expect(atHq.map((r) => r.id)).toEqual(['f1', 'sh-1']);

    // A person reads a refused change: it leaves the list.
    await service.dismissRejected(refused[0]!.rid!);
    expect(service.store.getState().rejected).toHaveLength(1);
    expect(await db.table(REJECTED).count()).toBe(1);
  });

  it('marks records not yet at HQ until a sync acknowledges them, and lists refused changes', async () => {
    const { db, service } = t;
    await t.link('tokyo', 'Tokyo laptop');
    // Let the first sync after linking finish, or it may carry the rows below away
    // before the marker can be seen.
    await service.syncNow();
    await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
    // Office laptops may not change exchange rates: HQ refuses this one for good.
    await db.table('fxRates').add({ id: 'fx-2026-11-JPY', month: '2026-11', currency: 'JPY' });
    await expect
      .poll(() => service.store.getState().pendingRecords.has(recordKey('buyers', 'b1')))
      .toBe(true);
    await expect
      .poll(() =>
        service.store.getState().pendingRecords.has(recordKey('fxRates', 'fx-2026-11-JPY')),
      )
      .toBe(true);

    await service.syncNow();
    await expect.poll(() => service.store.getState().pendingRecords.size).toBe(0);
    const { rejected, pending } = service.store.getState();
    expect(pending).toBe(0);
    expect(rejected.map((r) => [r.mutation.tbl, r.mutation.id])).toEqual([
      ['fxRates', 'fx-2026-11-JPY'],
    ]);
    expect(rejected[0]!.code).toMatch(/fx_rates_hq_only|office_forbidden|validation_failed/);
  });
});
