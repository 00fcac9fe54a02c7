/**
 * HQ's erasure of a person reaches every laptop (issue 14, item 6): two Tokyo laptops with the
 * app's real database and sync service against an in-process HQ (SQLite and PostgreSQL).
 * Afterwards neither laptop's IndexedDB (live tables, outbox, tombstones, refused changes,
 * caches) nor HQ's raw tables hold any of the person's values, and the second laptop's
 * unsent edit of the person was dropped by HQ, not resurrected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { createEnrollmentCode } from '../../../src-hq/auth';
import { eraseSubject } from '../../../src-hq/privacy/erase';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SyncService } from '../../../src-renderer/src/features/sync-ui/sync-service';
import { BACKENDS, startServer, type TestServer } from '../hq/harness';
import { PERSON, VALUES, everything } from '../hq/subject-fixtures';
import { injectFetch } from '../sync/laptop';

/** Every row of every store of a laptop's database, as text. */
async function laptopText(db: BridgeheadDatabase): Promise<string> {
  const out: string[] = [];
  for (const t of db.tables) out.push(`${t.name}: ${JSON.stringify(await t.toArray())}`);
  return out.join('\n');
}

const CONTACT = {
  id: 'contact-1',
  officeId: 'tokyo',
  buyerId: 'buyer-1',
  familyName: PERSON.familyName,
  givenName: PERSON.givenName,
  latinFamily: PERSON.latinFamily,
  latinGiven: PERSON.latinGiven,
  nameScript: 'ja',
  emails: [PERSON.email],
  phones: [{ e164: PERSON.phone, kind: 'mobile' }],
  messengers: [{ channel: 'LINE', handle: PERSON.line, preferred: true }],
  notes: '',
};

describe.each(BACKENDS)('an erasure reaches HQ and every laptop ($name)', (backend) => {
  let env: Awaited<ReturnType<typeof backend.open>>;
  let server: TestServer;
  const laptops: Array<{ db: BridgeheadDatabase; service: SyncService }> = [];

  async function laptop() {
    const db = new BridgeheadDatabase(`erase-${crypto.randomUUID()}`);
    const service = new SyncService(db, {
      fetch: injectFetch(() => server.app),
      debounceMs: 60_000,
      intervalMs: 60_000,
    });
    laptops.push({ db, service });
    await service.start();
    const code = await createEnrollmentCode(env.hq, 'tokyo');
    await service.enrollDevice('http://127.0.0.1:8787', code, `laptop ${laptops.length}`);
    return { db, service };
  }

  beforeEach(async () => {
    env = await backend.open();
    server = await startServer(env.hq, { registry: DEFAULT_TABLE_REGISTRY });
  });
  afterEach(async () => {
    for (const { db, service } of laptops.splice(0)) {
      service.stop();
      await service.whenIdle();
      db.close();
      await db.delete();
    }
    await server.app.close();
    await env.cleanup();
  });

  it('leaves no value of the person in either laptop or at HQ; an old edit is dropped', async () => {
    const a = await laptop();
    const b = await laptop();
    await a.db
      .table('buyers')
      .add({ id: 'buyer-1', officeId: 'tokyo', nameNative: '株式会社柚子' });
    await a.db.table('contacts').add(CONTACT);
    await a.db.table('tradeTalks').add({
      id: 'talk-1',
      officeId: 'tokyo',
      buyerId: 'buyer-1',
      contactId: 'contact-1',
      notes: `Call 山田 花子 (${PERSON.email}) about yuzu`,
    });
    await a.service.syncNow();
    await b.service.syncNow();
    expect(await laptopText(b.db)).toContain(PERSON.email);

    // Laptop B edits the person offline; its cache holds them too.
    await b.db.table('contacts').update('contact-1', { title: 'Purchasing manager' });
    await b.db
      .table('tradeTalks')
      .update('talk-1', { notes: `Call 山田 花子 again at ${PERSON.phone}` });
    await b.db.table('_caches').put({ key: 'crm:test', json: JSON.stringify(CONTACT) });

    const res = await eraseSubject(env.hq, DEFAULT_TABLE_REGISTRY, 'contact-1', {
      now: Date.now(),
      by: null,
    });
    expect(res.erased).toBe(true);

    await b.service.syncNow();
    await a.service.syncNow();
    await b.service.syncNow();

    for (const { db } of [a, b]) {
      const text = await laptopText(db);
      for (const v of VALUES) expect(text).not.toContain(v);
      expect(await db.table('contacts').get('contact-1')).toBeUndefined();
      expect(await db.table('erasures').get('contact-1')).toMatchObject({ tbl: 'contacts' });
      expect(await db.table('_caches').count()).toBe(0);
      expect((await db.table('tradeTalks').get('talk-1'))?.notes).toMatch(/\[erased\]/);
    }
    expect(b.service.store.getState().pending).toBe(0);
    const hqText = await everything(env.hq);
    for (const v of VALUES) expect(hqText).not.toContain(v);
    expect(hqText).not.toContain('Purchasing manager');
  });
});
