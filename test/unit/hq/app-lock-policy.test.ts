/**
 * The app lock's idle time is HQ's (issue 14): `hq policy:app-lock` writes it as a record of the
 * shared synced table, every laptop pulls it, and only HQ devices may push it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import {
  APP_LOCK_POLICY_ID,
  DEFAULT_IDLE_MINUTES,
  SECURITY_POLICIES_TABLE,
} from '@shared/security/app-lock';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { appLockIdleMinutes, setAppLockIdleMinutes } from '../../../src-hq/repositories/policies';
import { BACKENDS, startServer, type TestServer } from './harness';

const NOW = 1_800_000_000_000;
const hlc = (n: number) => formatHlc({ millis: NOW + n, counter: 0, node: 'c'.repeat(16) });

describe.each(BACKENDS)('app lock policy on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let hq: HqDatabase;
  let server: TestServer;

  beforeEach(async () => {
    db = await backend.open();
    hq = db.hq;
    server = await startServer(hq, { registry: DEFAULT_TABLE_REGISTRY, now: () => NOW + 60_000 });
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const policyRows = async (auth: string) => {
    const pull = await server.post('/v1/pull', auth, { clientId: 'client-pull-1' });
    expect(pull.status).toBe(200);
    return pull.json.partitions
      .flatMap((p: { rows: Array<{ tbl: string }> }) => p.rows)
      .filter((r: { tbl: string }) => r.tbl === SECURITY_POLICIES_TABLE);
  };

  it('is set at HQ and reaches an office laptop with its next pull', async () => {
    expect(await appLockIdleMinutes(hq)).toBe(DEFAULT_IDLE_MINUTES);
    const tokyo = await server.enroll('tokyo');
    expect(await policyRows(tokyo.auth)).toEqual([]);
    await setAppLockIdleMinutes(hq, 5, NOW);
    await setAppLockIdleMinutes(hq, 3, NOW + 1);
    expect(await appLockIdleMinutes(hq)).toBe(3);
    const rows = await policyRows(tokyo.auth);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: APP_LOCK_POLICY_ID, data: { idleMinutes: 3 } });
  });

  it('refuses it from an office device, and a bad value or unknown policy from HQ', async () => {
    const tokyo = await server.enroll('tokyo');
    const desk = await server.enroll(null);
    const push = (auth: string, id: string, minutes: unknown) =>
      server.post('/v1/push', auth, {
        clientId: `client-${auth.slice(-8)}`,
        mutations: [
          { mid: 1, tbl: SECURITY_POLICIES_TABLE, id, fields: { idleMinutes: [minutes, hlc(1)] } },
        ],
      });
    const fromOffice = await push(tokyo.auth, APP_LOCK_POLICY_ID, 60);
    expect(fromOffice.status).toBe(403);
    expect(fromOffice.json.error.code).toBe('policy_hq_only');
    expect((await push(desk.auth, 'other', 5)).json.error.code).toBe('validation_failed');
    expect((await push(desk.auth, APP_LOCK_POLICY_ID, 0)).json.error.code).toBe(
      'validation_failed',
    );
    expect(await appLockIdleMinutes(hq)).toBe(DEFAULT_IDLE_MINUTES);
    // An HQ laptop may set it.
    expect((await push(desk.auth, APP_LOCK_POLICY_ID, 15)).status).toBe(200);
    expect(await appLockIdleMinutes(hq)).toBe(15);
  });
});
