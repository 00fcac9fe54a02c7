import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { SCHEMA_VERSIONS } from '../../../src-renderer/src/app-schema';
import { PERSONAL_FIELDS } from '../../../src-shared/sync/personal-fields';
import { SYNC_TABLES } from '../../../src-shared/sync/tables';
import {
  PLAIN_STORES,
  SEALED_LOCAL_STORES,
} from '../../../src-renderer/src/data/encryption/policy';
import {
  SealedValueError,
  createValueCipher,
  newDataKey,
} from '../../../src-renderer/src/data/encryption/cipher';
import { SEALED_FIELD } from '../../../src-renderer/src/data/encryption/middleware';
import { OUTBOX, REJECTED, TOMBSTONES } from '../../../src-renderer/src/sync/schema';
import { CACHES, CHANGE_LOG } from '../../../src-renderer/src/data/change-log';
import { uniqueDbName } from './migration-harness';

/** Every value this test stores as personal data carries this mark. */
const MARK = 'Zq7Yamada';
const open: Dexie[] = [];

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function track<T extends Dexie>(db: T): T {
  open.push(db);
  return db;
}

/** Every stored row of every store, as IndexedDB holds it (no middleware), bytes as text. */
async function rawDump(name: string): Promise<Record<string, unknown[]>> {
  const raw = track(new Dexie(name));
  await raw.open();
  const out: Record<string, unknown[]> = {};
  for (const table of raw.tables) out[table.name] = await table.toArray();
  raw.close();
  return out;
}

function dumpText(dump: Record<string, unknown[]>): string {
  return JSON.stringify(dump, (_k, v: unknown) =>
    ArrayBuffer.isView(v)
      ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1')
      : v,
  );
}

const storeNames = () => new Set(SCHEMA_VERSIONS.flatMap((v) => Object.keys(v.stores)));

describe('the cipher (XChaCha20-Poly1305 over the data key)', () => {
  it('opens what it sealed, and nothing sealed with another key, table or byte', () => {
    const key = newDataKey();
    const cipher = createValueCipher(key);
    const value = { familyName: '山田', givenName: '太郎', phones: ['+81 90 1234 5678'] };
    const sealed = cipher.seal('contacts', value);
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('+81');
    expect(cipher.open('contacts', sealed)).toEqual(value);
    // A fresh nonce each time: equal values do not give equal bytes.
    expect(Buffer.from(cipher.seal('contacts', value)).equals(Buffer.from(sealed))).toBe(false);
    expect(() => createValueCipher(newDataKey()).open('contacts', sealed)).toThrow(
      SealedValueError,
    );
    expect(() => cipher.open('buyers', sealed)).toThrow(SealedValueError);
    const altered = sealed.slice();
    altered[altered.length - 1]! ^= 1;
    expect(() => cipher.open('contacts', altered)).toThrow(SealedValueError);
    expect(cipher.openText('x', cipher.sealText('x', '김민준'))).toBe('김민준');
    expect(() => createValueCipher(new Uint8Array(16))).toThrow(/32 bytes/);
  });
});

describe('which stores are sealed', () => {
  it('classifies every store of the schema exactly once', () => {
    for (const name of storeNames()) {
      const groups = [
        name in PERSONAL_FIELDS,
        SEALED_LOCAL_STORES.includes(name),
        name in PLAIN_STORES,
      ].filter(Boolean);
      expect(groups, name).toHaveLength(1);
    }
  });

  it('lists only fields the synced tables have, and none that a Dexie index reads', () => {
    for (const [table, fields] of Object.entries(PERSONAL_FIELDS)) {
      const spec = SYNC_TABLES.find((t) => t.name === table);
      expect(spec, table).toBeDefined();
      for (const f of fields) expect(Object.keys(spec!.fields ?? {}), table).toContain(f);
      for (const version of SCHEMA_VERSIONS) {
        const indexed = (version.stores[table] ?? '')
          .split(',')
          .flatMap((s) => s.replace(/[[\]+&*]/g, ' ').split(' '))
          .map((s) => s.trim().split('.')[0]);
        for (const f of fields) expect(indexed, `${table}.${f}`).not.toContain(f);
      }
    }
  });
});

describe('the encryption middleware', () => {
  it('stores every personal field of every table, and every copy of it, sealed', async () => {
    const name = uniqueDbName('sealed');
    const db = track(new BridgeheadDatabase(name));
    const written: Record<string, Record<string, unknown>> = {};
    for (const [table, fields] of Object.entries(PERSONAL_FIELDS)) {
      const row: Record<string, unknown> = { id: `${table}-1`, officeId: 'tokyo' };
      for (const f of fields) row[f] = `${MARK}-${table}-${f}`;
      written[table] = row;
      await db.table(table).put(row);
      // A deleted record leaves a tombstone holding its last values.
      await db.table(table).put({ ...row, id: `${table}-2` });
      await db.table(table).delete(`${table}-2`);
    }
    await db.settings.put({ key: 'enrollment', value: { staff: { name: `${MARK}-staff` } } });
    await db.table('_accessLog').add({ seq: 1, staffName: `${MARK}-log`, hash: 'h' });
    await db.table(CACHES).put({ key: 'crm:rows:0', value: `${MARK}-snapshot` });
    await db.table(REJECTED).add({
      mutation: { tbl: 'contacts', id: 'x', fields: { notes: [`${MARK}-refused`, 'h'] } },
      code: 'validation_failed',
      message: 'm',
      at: 1,
    });

    const dump = await rawDump(name);
    expect(dumpText(dump)).not.toContain(MARK);
    // Every sealed store holds sealed rows; their keys and indexed fields stay readable.
    for (const store of [...SEALED_LOCAL_STORES, ...Object.keys(PERSONAL_FIELDS)]) {
      expect(
        dump[store]!.some((r) => SEALED_FIELD in (r as object)),
        store,
      ).toBe(true);
    }
    const contact = dump.contacts!.find((r) => (r as { id: string }).id === 'contacts-1');
    expect(contact).toMatchObject({ id: 'contacts-1', officeId: 'tokyo' });
    expect(dump[TOMBSTONES]!.length).toBeGreaterThan(0);
    expect(dump[OUTBOX]!.length).toBeGreaterThan(0);
    expect(dump[CHANGE_LOG]!.length).toBeGreaterThan(0);

    // Read through the app's handle: the values as written, by key, index, cursor and scan.
    for (const [table, row] of Object.entries(written)) {
      expect(await db.table(table).get(row.id as string), table).toMatchObject(row);
    }
    expect(await db.table('contacts').where('officeId').equals('tokyo').toArray()).toEqual([
      expect.objectContaining(written.contacts),
    ]);
    const seen: unknown[] = [];
    await db.table('contacts').each((r) => seen.push(r));
    expect(seen).toEqual([expect.objectContaining(written.contacts)]);
    expect((await db.settings.get('enrollment'))?.value).toEqual({
      staff: { name: `${MARK}-staff` },
    });
  });

  it('keeps a modify, an update and a bulk write working (the outbox sees plain values)', async () => {
    const name = uniqueDbName('sealed-edit');
    const db = track(new BridgeheadDatabase(name));
    await db.table('contacts').bulkAdd([
      { id: 'c1', officeId: 'tokyo', buyerId: 'b1', familyName: `${MARK}A`, notes: '' },
      { id: 'c2', officeId: 'tokyo', buyerId: 'b1', familyName: `${MARK}B`, notes: '' },
    ]);
    await db
      .table('contacts')
      .where('buyerId')
      .equals('b1')
      .modify({ notes: `${MARK}-note` });
    await db.table('contacts').update('c2', { givenName: `${MARK}-given` });
    expect(await db.table('contacts').get('c2')).toMatchObject({
      familyName: `${MARK}B`,
      givenName: `${MARK}-given`,
      notes: `${MARK}-note`,
    });
    // The outbox recorded exactly the edited fields (it diffs opened rows).
    const entries = (await db.table(OUTBOX).toArray()).flatMap(
      (r: { entries: Array<{ id: string; values?: Record<string, unknown> }> }) => r.entries,
    );
    expect(entries.at(-1)).toMatchObject({ id: 'c2', values: { givenName: `${MARK}-given` } });
    expect(dumpText(await rawDump(name))).not.toContain(MARK);
  });

  it('opens nothing with another key', async () => {
    const name = uniqueDbName('sealed-key');
    const db = track(new BridgeheadDatabase(name));
    await db.table('contacts').put({ id: 'c1', officeId: 'tokyo', familyName: MARK });
    db.close();
    const other = track(new BridgeheadDatabase(name, SCHEMA_VERSIONS, { key: newDataKey() }));
    await expect(other.table('contacts').get('c1')).rejects.toThrow(SealedValueError);
  });
});
