import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  SyncService,
  UnlinkRefusedError,
  officeDataTables,
} from '../../../src-renderer/src/features/sync-ui/sync-service';
import {
  loadEnrollment,
  parseHqUrl,
  saveEnrollment,
} from '../../../src-renderer/src/features/sync-ui/enrollment';
import { OUTBOX } from '../../../src-renderer/src/sync/schema';

describe('parseHqUrl', () => {
  it('accepts https anywhere and http only on this machine', () => {
    expect(parseHqUrl(' https://hq.example.org/sync/ ')).toEqual({
      url: 'https://hq.example.org/sync',
    });
    expect(parseHqUrl('http://localhost:8787')).toEqual({ url: 'http://localhost:8787' });
    expect(parseHqUrl('http://127.0.0.1:8787')).toEqual({ url: 'http://127.0.0.1:8787' });
    expect(parseHqUrl('http://[::1]:8787')).toEqual({ url: 'http://[::1]:8787' });
    expect(parseHqUrl('http://192.168.0.10')).toEqual({ error: 'hqUrlInsecure' });
    expect(parseHqUrl('http://127.example.org')).toEqual({ error: 'hqUrlInsecure' });
    expect(parseHqUrl('ftp://hq.example.org')).toEqual({ error: 'hqUrlInvalid' });
    expect(parseHqUrl('hq.example.org')).toEqual({ error: 'hqUrlInvalid' });
    expect(parseHqUrl('https://user:pw@hq.example.org')).toEqual({ error: 'hqUrlInvalid' });
  });
});

describe('SyncService', () => {
  const dbs: BridgeheadDatabase[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  const openDb = () => {
    const db = new BridgeheadDatabase(`sync-ui-${crypto.randomUUID()}`);
    dbs.push(db);
    return db;
  };
  /** A database of a laptop linked to the Tokyo office. */
  const openLinkedDb = async () => {
    const db = openDb();
    await saveEnrollment(db, {
      hqUrl: 'https://hq.example.org',
      deviceId: 'd1',
      officeId: 'tokyo',
      credential: 'c',
      enrolledAt: 1,
    });
    return db;
  };

  it('wipes every office-scoped table and the sync stores, nothing shared', () => {
    const tables = officeDataTables();
    expect(tables).toContain('buyers');
    expect(tables).toContain('interpreterBookings');
    expect(tables).toContain(OUTBOX);
    expect(tables).not.toContain('smeFirms');
    expect(tables).not.toContain('settings');
  });

  it('ignores a corrupt stored enrollment', async () => {
    const db = openDb();
    await db.settings.put({ key: 'syncEnrollment', value: { hqUrl: 'nope' } });
    expect(await loadEnrollment(db)).toBeNull();
  });

  it('refuses to unlink while changes are waiting, and unlinks once there are none', async () => {
    const db = await openLinkedDb();
    // Unreachable HQ: the changes stay pending.
    const service = new SyncService(db, {
      fetch: async () => {
        throw new TypeError('offline');
      },
    });
    await service.start();
    try {
      await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
      await expect(service.unlink()).rejects.toBeInstanceOf(UnlinkRefusedError);
      expect(await db.table('buyers').count()).toBe(1);
      expect(await loadEnrollment(db)).not.toBeNull();

      await db.table(OUTBOX).clear(); // as if HQ had acked everything
      await service.unlink();
      expect(await loadEnrollment(db)).toBeNull();
      expect(await db.table('buyers').count()).toBe(0);
      expect(service.store.getState().enrollment).toBeNull();
    } finally {
      service.stop();
    }
  });

  it('hears only its own database: two services, two databases, each counts its own writes', async () => {
    const offline = async () => {
      throw new TypeError('offline');
    };
    const dbA = await openLinkedDb();
    const dbB = await openLinkedDb();
    const a = new SyncService(dbA, { fetch: offline, debounceMs: 60_000 });
    const b = new SyncService(dbB, { fetch: offline, debounceMs: 60_000 });
    await a.start();
    await b.start(); // started last: with one listener for the page, only b would hear
    const heardA = vi.spyOn(a as unknown as { onLocalChange(): void }, 'onLocalChange');
    const heardB = vi.spyOn(b as unknown as { onLocalChange(): void }, 'onLocalChange');
    try {
      await dbA.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
      await vi.waitFor(() => expect(a.store.getState().pending).toBe(1));
      expect(heardA).toHaveBeenCalledTimes(1);
      expect(heardB).not.toHaveBeenCalled();
      expect(b.store.getState().pending).toBe(0);

      await dbB.table('buyers').add({ id: 'b2', officeId: 'tokyo', nameNative: '田中' });
      await dbB.table('buyers').add({ id: 'b3', officeId: 'tokyo', nameNative: '佐藤' });
      await vi.waitFor(() => expect(b.store.getState().pending).toBe(2));
      expect(heardB).toHaveBeenCalledTimes(2);
      expect(heardA).toHaveBeenCalledTimes(1);
      expect(a.store.getState().pending).toBe(1);
      expect([...a.store.getState().pendingRecords]).toEqual(['buyers\u0000b1']);

      // Stopping one service leaves the other listening.
      b.stop();
      await dbA.table('buyers').update('b1', { city: 'Tokyo' });
      await vi.waitFor(() => expect(a.store.getState().pending).toBe(2));
      expect(heardA).toHaveBeenCalledTimes(2);
    } finally {
      a.stop();
      b.stop();
      await a.whenIdle();
      await b.whenIdle();
    }
  });

  it('keeps counting the changes waiting while a cycle is in flight', async () => {
    const db = await openLinkedDb();
    // HQ answers nothing until told to: a cycle stays "syncing" as long as the test likes.
    const waiting: Array<() => void> = [];
    const answerAll = () => waiting.splice(0).forEach((fail) => fail());
    const service = new SyncService(db, {
      debounceMs: 200,
      fetch: () =>
        new Promise((_, reject) => {
          waiting.push(() => reject(new TypeError('offline')));
        }),
    });
    const phase = () => service.store.getState().status?.phase;
    await service.start();
    try {
      await vi.waitFor(() => expect(waiting).toHaveLength(1));
      answerAll();
      await vi.waitFor(() => expect(phase()).toBe('offline'));
      // A local change starts the next cycle; while it runs, the badge still counts the change.
      await db.table('buyers').add({ id: 'b1', officeId: 'tokyo', nameNative: '山田商事' });
      await vi.waitFor(() => expect(service.store.getState().pending).toBe(1));
      await vi.waitFor(() => expect(waiting).toHaveLength(1));
      expect(phase()).toBe('syncing');
      expect(service.store.getState().pending).toBe(1);
    } finally {
      service.stop();
      answerAll();
      await service.whenIdle();
    }
  });
  it('stopped while still starting, starts no sync after it (a screen closed at once)', async () => {
    const db = await openLinkedDb();
    const requests: string[] = [];
    const service = new SyncService(db, {
      fetch: (url) => {
        requests.push(url);
        return Promise.reject(new TypeError('offline'));
      },
    });
    const starting = service.start();
    // The enrollment is still being read: the app unmounts, the database closes after whenIdle.
    service.stop();
    await service.whenIdle();
    await starting;
    db.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toEqual([]);
    expect(service.store.getState().status).toBeNull();
  });
});
