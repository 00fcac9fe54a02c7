// Shared by the sync-ui and audit tests: a laptop (the app's real database and sync service)
// against an in-process HQ server (SQLite), a linked laptop's enrollment for tests without
// HQ, and the per-test clean-up of every database a test opened.
import { afterEach, beforeEach } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import type { Enrollment } from '../../../src-renderer/src/features/sync-ui/enrollment';
import {
  SyncService,
  getSyncService,
  type SyncServiceOptions,
} from '../../../src-renderer/src/features/sync-ui/sync-service';
import type { FetchLike } from '../../../src-renderer/src/sync/transport';
import { sqliteBackend, startServer, type TestServer } from '../hq/harness';
import { injectFetch } from '../sync/laptop';

/** The HQ address a test laptop links to (the in-process fetch ignores the host). */
export const HQ_URL = 'http://127.0.0.1:8787';

/** A linked Tokyo laptop's enrollment, for tests that need no HQ. */
export const TEST_ENROLLMENT: Enrollment = {
  hqUrl: 'https://hq.example.org',
  deviceId: 'dev-1',
  officeId: 'tokyo',
  credential: 'the-secret',
  enrolledAt: 1_700_000_000_000,
};

/**
 * Registers an afterEach that closes and deletes every database the returned `open` made.
 * `open(prefix, options)` makes a fresh app database named `<prefix>-<uuid>`.
 */
export function useTestDatabases() {
  const opened: BridgeheadDatabase[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  return (prefix: string, options?: { key?: Uint8Array }) => {
    const db = new BridgeheadDatabase(`${prefix}-${crypto.randomUUID()}`, undefined, options);
    opened.push(db);
    return db;
  };
}

export interface LaptopWithHqOptions {
  /** Prefix of the laptop database's name. */
  name: string;
  /**
   * 'own' (default): a SyncService of the test's own. 'app': the database's own service
   * (getSyncService), the one bootstrap and the access log hook into.
   */
  service?: 'own' | 'app';
  /** Wraps the in-process fetch, e.g. to fail a path or list the requests. */
  fetch?: (inject: FetchLike) => FetchLike;
  /** Passed to the service as is (null: the browser fallback); left out, not passed. */
  credentials?: null;
  /** Starts the service in beforeEach (default: the test starts it). */
  start?: boolean;
}

export interface LaptopWithHq {
  env: Awaited<ReturnType<typeof sqliteBackend.open>>;
  server: TestServer;
  db: BridgeheadDatabase;
  service: SyncService;
  /** Links the laptop with a fresh one-time code for `officeId`. */
  link(officeId?: string | null, deviceName?: string): Promise<Enrollment>;
}

/**
 * Registers the hooks: before each test a fresh SQLite HQ, its server and a laptop database
 * whose sync service reaches the server through fastify.inject (only explicit syncNow()
 * calls sync); after it, the service stops once idle and everything is closed and deleted.
 * The returned object's fields are those of the running test.
 */
export function useLaptopWithHq(options: LaptopWithHqOptions): LaptopWithHq {
  const t = {
    async link(officeId: string | null = 'tokyo', deviceName = 'Tokyo 1') {
      const code = await createEnrollmentCode(t.env.hq, officeId);
      return t.service.enrollDevice(HQ_URL, code, deviceName);
    },
  } as LaptopWithHq;

  beforeEach(async () => {
    t.env = await sqliteBackend.open();
    t.server = await startServer(t.env.hq, { registry: DEFAULT_TABLE_REGISTRY });
    t.db = new BridgeheadDatabase(`${options.name}-${crypto.randomUUID()}`);
    const inject = injectFetch(() => t.server.app);
    const serviceOptions: SyncServiceOptions = {
      fetch: options.fetch ? options.fetch(inject) : inject,
      ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
      debounceMs: 60_000,
      intervalMs: 60_000,
    };
    if (options.service === 'app') {
      t.service = getSyncService(t.db);
      t.service.configure(serviceOptions);
    } else {
      t.service = new SyncService(t.db, serviceOptions);
    }
    if (options.start) await t.service.start();
  });
  afterEach(async () => {
    t.service.stop();
    await t.service.whenIdle();
    t.db.close();
    await t.db.delete();
    await t.server.app.close();
    await t.env.cleanup();
  });
  return t;
}
