/**
 * Issue 14, "Who": a laptop is linked for a named staff member, and every record version HQ
 * stores names the device and the person whose push wrote it — taken from the authenticated
 * device, never from the body. Codes named in free text before migration 0008 become staff
 * members. SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@shared/sync/hlc';
import {
  generateEnrollmentCode,
  issueEnrollmentCode,
  normalizeEnrollmentCode,
  sha256Hex,
} from '../../../src-hq/auth';
import {
  openMigratedDatabase,
  quoteIdent,
  type DatabaseTarget,
  type HqDatabase,
} from '../../../src-hq/db/connect';
import { listDevices } from '../../../src-hq/repositories/devices';
import { ensureSeedOffices } from '../../../src-hq/repositories/offices';
import { BACKENDS, PG_URL, startServer, type TestServer } from './harness';

const NOW = 1_800_000_000_000;
const hlc = (n: number) => formatHlc({ millis: NOW + n, counter: 0, node: 'b'.repeat(16) });

describe.each(BACKENDS)('staff on $name', (backend) => {
  let db: Awaited<ReturnType<typeof backend.open>>;
  let hq: HqDatabase;
  let server: TestServer;

  beforeEach(async () => {
    db = await backend.open();
    hq = db.hq;
    server = await startServer(hq, { now: () => NOW + 10_000 });
  });
  afterEach(async () => {
    await server.app.close();
    await db.cleanup();
  });

  const enrollFor = async (officeId: string, person: { name: string } | { staffId: string }) => {
    const { code, staff } = await issueEnrollmentCode(hq, officeId, NOW, 3600_000, person);
    const res = await server.post('/v1/enroll', null, { code, deviceName: 'laptop' });
    expect(res.status).toBe(200);
    return { auth: `Bearer ${res.json.credential}`, deviceId: res.json.deviceId, staff: staff! };
  };

  const byOf = async (id: string) =>
    hq.db
      .selectFrom('records')
      .select(['changed_by_device', 'changed_by_staff'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('stores the pushing device and its person with every record version', async () => {
    const yui = await enrollFor('tokyo', { name: 'Sato Yui' });
    const ken = await enrollFor('tokyo', { name: 'Ito Ken' });
    const unnamed = await server.enroll('tokyo');
    const push = (auth: string, clientId: string, mid: number, text: string, extra = {}) =>
      server.post('/v1/push', auth, {
        clientId,
        mutations: [
          { mid, tbl: 'test_notes', id: 'n-1', fields: { text: [text, hlc(mid)] }, ...extra },
        ],
      });

    expect((await push(yui.auth, 'client-yui-1', 1, 'first')).status).toBe(200);
    expect(await byOf('n-1')).toEqual({
      changed_by_device: yui.deviceId,
      changed_by_staff: yui.staff.id,
    });
    // Ken's later edit: the version is his.
    expect((await push(ken.auth, 'client-ken-1', 2, 'second')).status).toBe(200);
    expect(await byOf('n-1')).toEqual({
      changed_by_device: ken.deviceId,
      changed_by_staff: ken.staff.id,
    });
    // A laptop cannot claim another person: the body has no such field (strict schema).
    const claim = await push(ken.auth, 'client-ken-1', 3, 'third', { staffId: yui.staff.id });
    expect(claim.status).toBe(400);
    expect(await byOf('n-1')).toMatchObject({ changed_by_staff: ken.staff.id });
    // A laptop linked before laptops were named keeps syncing; its versions name nobody.
    expect((await push(unnamed.auth, 'client-old-1', 4, 'fourth')).status).toBe(200);
    expect(await byOf('n-1')).toEqual({
      changed_by_device: unnamed.deviceId,
      changed_by_staff: null,
    });
  });

  it('links a person’s next laptop under the same staff id, and the session names them', async () => {
    const first = await enrollFor('tokyo', { name: 'Sato Yui' });
    const second = await enrollFor('tokyo', { staffId: first.staff.id });
    expect(second.staff).toEqual(first.staff);
    const devices = await listDevices(hq.db);
    expect(devices.map((d) => [d.id, d.staffId, d.staffName])).toEqual(
      expect.arrayContaining([
        [first.deviceId, first.staff.id, 'Sato Yui'],
        [second.deviceId, first.staff.id, 'Sato Yui'],
      ]),
    );
    const session = await server.app.inject({
      method: 'GET',
      url: '/v1/session',
      headers: { 'bridgehead-protocol': '1', authorization: second.auth },
    });
    expect(session.json().staff).toEqual(first.staff);
    await expect(
      issueEnrollmentCode(hq, 'tokyo', NOW, 3600_000, { staffId: 'nope' }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});

async function withTarget(kind: 'sqlite' | 'postgres', fn: (t: DatabaseTarget) => Promise<void>) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hq-staff-'));
    try {
      await fn({ kind: 'sqlite', file: join(dir, 'hq.sqlite') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const schema = `hq_test_${randomBytes(6).toString('hex')}`;
  try {
    await fn({ kind: 'postgres', url: PG_URL!, schema, poolSize: 2 });
  } finally {
    const client = new pg.Client({ connectionString: PG_URL! });
    await client.connect();
    await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await client.end();
  }
}

describe.each(PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const))(
  'migration 0008_staff on %s',
  (kind) => {
    it('makes each code named with --person a staff member and names its laptop', async () => {
      await withTarget(kind, async (target) => {
        const old = await openMigratedDatabase(target, '0007_report_missions');
        await ensureSeedOffices(old.db, NOW);
        const code = (person: string | null, deviceId: string | null) => ({
          code_hash: sha256Hex(normalizeEnrollmentCode(generateEnrollmentCode())),
          office_id: 'tokyo',
          created_at: NOW,
          expires_at: NOW + 1000,
          used_at: deviceId ? NOW : null,
          device_id: deviceId,
          person,
        });
        const device = (id: string) => ({
          id,
          name: id,
          office_id: 'tokyo',
          credential_hash: sha256Hex(id),
          created_at: NOW,
          last_sync_at: null,
          revoked_at: null,
          app_version: null,
        });
        await old.db
          .insertInto('devices')
          .values([device('d-named'), device('d-unnamed')])
          .execute();
        await old.db
          .insertInto('enrollment_codes')
          .values([
            code('Sato Yui', 'd-named'),
            code(null, 'd-unnamed'),
            code('Ito Ken', null), // not used yet: the laptop it links will be his
          ])
          .execute();
        await old.destroy();

        const hq = await openMigratedDatabase(target);
        try {
          const devices = await listDevices(hq.db);
          expect(devices.map((d) => [d.id, d.staffName]).sort()).toEqual([
            ['d-named', 'Sato Yui'],
            ['d-unnamed', null],
          ]);
          const staff = await hq.db.selectFrom('staff').select('name').orderBy('name').execute();
          expect(staff.map((s) => s.name)).toEqual(['Ito Ken', 'Sato Yui']);
          // Ken's open code still links a laptop, now for him.
          const unused = await hq.db
            .selectFrom('enrollment_codes')
            .select(['code_hash', 'staff_id'])
            .where('person', '=', 'Ito Ken')
            .executeTakeFirstOrThrow();
          expect(unused.staff_id).not.toBeNull();
        } finally {
          await hq.destroy();
        }
      });
    });
  },
);
