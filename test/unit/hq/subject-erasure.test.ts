/**
 * Erasing a data subject at HQ (issue 14, item 6) on SQLite and PostgreSQL: HQ's raw tables
 * hold none of the person's values afterwards (the contact's row, its per-field stamps, the
 * talk notes and van passengers that named them), a laptop's later push of an old edit is
 * dropped with a reason, pushes to `erasures` are refused, and the copy lists what HQ holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_REGISTRY } from '@shared/sync/tables';
import { SUBJECT_PATHS } from '@shared/privacy/api';
import type { HqDatabase } from '../../../src-hq/db/connect';
import { BACKENDS, startServer, type TestServer } from './harness';
import { NOW, PERSON, VALUES, contactFields, everything, fields, hlc } from './subject-fixtures';

describe.each(BACKENDS)('data subject erasure on $name', (backend) => {
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

  async function seed(auth: string) {
    const res = await server.post('/v1/push', auth, {
      clientId: 'laptop-a',
      mutations: [
        { mid: 1, tbl: 'contacts', id: 'contact-1', fields: contactFields(1) },
        // A second edit of the contact: HQ keeps its stamps per field.
        { mid: 2, tbl: 'contacts', id: 'contact-1', fields: fields({ title: 'Buyer' }, 2) },
        {
          mid: 3,
          tbl: 'tradeTalks',
          id: 'talk-1',
          fields: fields(
            {
              officeId: 'tokyo',
              buyerId: 'buyer-1',
              contactId: 'contact-1',
              notes: `Call 山田 花子 at ${PERSON.phone}; she liked the yuzu`,
            },
            3,
          ),
        },
        {
          mid: 4,
          tbl: 'tradeTalks',
          id: 'talk-2',
          fields: fields({ officeId: 'tokyo', buyerId: 'buyer-1', notes: 'Nobody personal' }, 4),
        },
        {
          mid: 5,
          tbl: 'vehicleTrips',
          id: 'trip-1',
          fields: fields(
            { officeId: 'tokyo', passengerNames: ['Hanakoq Yamadax', 'Kim Minsu'] },
            5,
          ),
        },
      ],
    });
    expect(res.status).toBe(200);
  }

  it('leaves none of the person in any HQ table, and the laptop pull carries the erasure', async () => {
    const tokyo = await server.enroll('tokyo');
    const desk = await server.enroll(null);
    await seed(tokyo.auth);
    const before = await everything(hq);
    for (const v of VALUES) expect(before).toContain(v);

    const office = await server.post(SUBJECT_PATHS.erase, tokyo.auth, { contactId: 'contact-1' });
    expect(office.status).toBe(403);
    expect(office.json.error.code).toBe('office_forbidden');

    const res = await server.post(SUBJECT_PATHS.erase, desk.auth, { contactId: 'contact-1' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      contactId: 'contact-1',
      officeId: 'tokyo',
      erased: true,
      redacted: 2,
    });

    const after = await everything(hq);
    for (const v of VALUES) expect(after).not.toContain(v);
    expect(after).toContain('Kim Minsu'); // another passenger stays
    expect(after).toContain('Nobody personal');

    // A laptop's pull: the contact is a tombstone with no data, the erasure comes last.
    const pull = await server.post('/v1/pull', tokyo.auth, { clientId: 'laptop-b' });
    const rows = pull.json.partitions.flatMap((p: { rows: unknown[] }) => p.rows) as Array<{
      tbl: string;
      id: string;
      data: Record<string, unknown>;
      hlc: Record<string, string>;
      deleted: boolean;
      seq: number;
    }>;
    const contact = rows.find((r) => r.tbl === 'contacts')!;
    expect(contact).toMatchObject({ deleted: true, data: {}, hlc: {} });
    const erasure = rows.find((r) => r.tbl === 'erasures')!;
    expect(erasure).toMatchObject({ id: 'contact-1', data: { tbl: 'contacts' } });
    expect(Math.max(...rows.map((r) => r.seq))).toBe(erasure.seq);
    const talk = rows.find((r) => r.id === 'talk-1')!;
    expect(talk.data.notes).toBe('Call [erased] at [erased]; she liked the yuzu');
    expect(talk.data.contactId).toBe('contact-1'); // the pseudonymous id stays
    expect(talk.hlc.notes! > hlc(5)).toBe(true); // the redaction wins over every earlier edit

    // Again: nothing more changes.
    const again = await server.post(SUBJECT_PATHS.erase, desk.auth, { contactId: 'contact-1' });
    expect(again.json).toMatchObject({ erased: false, redacted: 0 });
    expect(await everything(hq)).toBe(after);
  });

  it('drops a later push of an old edit of the erased contact, with a reason', async () => {
    const tokyo = await server.enroll('tokyo');
    const desk = await server.enroll(null);
    await seed(tokyo.auth);
    await server.post(SUBJECT_PATHS.erase, desk.auth, { contactId: 'contact-1' });
    const other = await server.enroll('tokyo', 'laptop 2');
    const push = await server.post('/v1/push', other.auth, {
      clientId: 'laptop-c',
      mutations: [
        { mid: 7, tbl: 'contacts', id: 'contact-1', fields: contactFields(10) },
        { mid: 8, tbl: 'tradeTalks', id: 'talk-2', fields: fields({ notes: 'still here' }, 11) },
      ],
    });
    expect(push.status).toBe(200);
    expect(push.json).toMatchObject({
      lastMutationId: 8,
      applied: 1,
      dropped: [{ table: 'contacts', id: 'contact-1', reason: 'subject_erased' }],
    });
    const after = await everything(hq);
    for (const v of VALUES) expect(after).not.toContain(v);
    expect(after).toContain('still here');

    const forged = await server.post('/v1/push', desk.auth, {
      clientId: 'desk-client-1',
      mutations: [
        {
          mid: 1,
          tbl: 'erasures',
          id: 'contact-9',
          officeId: 'tokyo',
          fields: fields({ tbl: 'contacts', erasedAt: 1 }, 12),
        },
      ],
    });
    expect(forged.status).toBe(403);
    expect(forged.json.error.code).toBe('erasure_hq_only');
  });

  it('hands over a copy of everything HQ holds about the person', async () => {
    const tokyo = await server.enroll('tokyo');
    const desk = await server.enroll(null);
    await seed(tokyo.auth);
    expect(
      (await server.post(SUBJECT_PATHS.copy, tokyo.auth, { contactId: 'contact-1' })).status,
    ).toBe(403);
    const res = await server.post(SUBJECT_PATHS.copy, desk.auth, { contactId: 'contact-1' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      format: 'bridgehead-subject-copy/1',
      subjectId: 'contact-1',
      officeId: 'tokyo',
      contact: { familyName: '山田', emails: [PERSON.email], title: 'Buyer' },
    });
    const found = res.json.records.map(
      (r: { tbl: string; id: string; why: string; fields: string[] }) => [
        r.tbl,
        r.id,
        r.why,
        r.fields,
      ],
    );
    expect(found).toEqual(
      expect.arrayContaining([
        ['tradeTalks', 'talk-1', 'linked', ['contactId', 'notes']],
        ['vehicleTrips', 'trip-1', 'mentions', ['passengerNames']],
      ]),
    );
    expect(found).toHaveLength(2);
    const missing = await server.post(SUBJECT_PATHS.copy, desk.auth, { contactId: 'nobody' });
    expect(missing.status).toBe(404);
  });
});
