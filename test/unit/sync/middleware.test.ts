import { describe, expect, it } from 'vitest';
import type Dexie from 'dexie';
import type { Mutation } from '@shared/sync/protocol';
import { OUTBOX, TOMBSTONES, rowMutations, type OutboxRow } from '../../../src-renderer/src/sync';
import { openLaptopDb } from './laptop';

const outbox = async (db: Dexie): Promise<Mutation[]> =>
  ((await db.table(OUTBOX).orderBy('seq').toArray()) as OutboxRow[]).flatMap(rowMutations);

describe('outbox middleware', () => {
  it('records add, update, modify (object and function form), put and delete in the same transaction', async () => {
    let now = 1_800_000_000_000;
    const db = openLaptopDb('m1', { now: () => now });
    const notes = db.table('test_notes');
    await notes.add({ id: 'n1', officeId: 'tokyo', text: 'hello', color: 'red' });
    now += 10;
    await notes.update('n1', { text: 'hello world' });
    await notes.where('id').equals('n1').modify({ color: 'blue' });
    await notes
      .where('id')
      .equals('n1')
      .modify((r: { text: string }) => {
        r.text = r.text.toUpperCase();
      });
    await notes.put({ id: 'n1', officeId: 'tokyo', text: 'HELLO WORLD', color: 'blue' }); // no change
    await notes.delete('n1');
    const rows = await outbox(db);
    expect(
      rows.map((r) => Object.keys(r.fields).sort().join(',') || `deleted=${r.deleted?.[0]}`),
    ).toEqual(['color,officeId,text', 'text', 'color', 'text', 'deleted=true']);
    expect(rows.every((r) => r.officeId === 'tokyo')).toBe(true);
    expect(rows[1]!.fields.text![0]).toBe('hello world');
    // Stamps strictly increase, and the mutation ids too.
    const stamps = rows.map((r) => Object.values(r.fields)[0]?.[1] ?? r.deleted![1]);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(await notes.get('n1')).toBeUndefined();
    const tomb = await db.table(TOMBSTONES).get(['test_notes', 'n1']);
    expect(tomb.state).toMatchObject({
      deleted: true,
      data: { text: 'HELLO WORLD', color: 'blue' },
    });
  });

  it('stores the per-register HLC map on the row and sends whole field groups', async () => {
    const db = openLaptopDb('m2', { now: () => 1_800_000_000_000 });
    const b = db.table('test_bookings');
    await b.add({
      id: 'b1',
      officeId: 'tokyo',
      date: '2026-12-01',
      start: '09:00',
      end: '10:00',
      who: 'Kim',
    });
    await b.update('b1', { end: '11:00' });
    const rows = await outbox(db);
    expect(Object.keys(rows[1]!.fields).sort()).toEqual(['date', 'end', 'start']);
    const stored = await b.get('b1');
    expect(Object.keys(stored._v).sort()).toEqual(['@when', 'officeId', 'who']);
    expect(stored._v['@when']).toBe(rows[1]!.fields.end![1]);
  });

  it('an aborted transaction leaves neither the record nor an outbox row', async () => {
    const db = openLaptopDb('m3');
    await expect(
      db.transaction('rw', 'test_notes', async () => {
        await db.table('test_notes').add({ id: 'n1', officeId: 'tokyo', text: 'x' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.table('test_notes').count()).toBe(0);
    expect(await db.table(OUTBOX).count()).toBe(0);
  });

  it('refuses office rows without officeId or moving a row to another office; nothing is written', async () => {
    const db = openLaptopDb('m4');
    await expect(db.table('test_notes').add({ id: 'n1', text: 'x' })).rejects.toMatchObject({
      code: 'office_missing',
    });
    await db.table('test_notes').add({ id: 'n2', officeId: 'tokyo', text: 'x' });
    await expect(
      db.table('test_notes').update('n2', { officeId: 'shanghai' }),
    ).rejects.toMatchObject({
      code: 'office_forbidden',
    });
    expect((await db.table('test_notes').get('n2')).officeId).toBe('tokyo');
    expect(await db.table(OUTBOX).count()).toBe(1);
  });

  it('bulkAdd with a duplicate records only the rows that were written', async () => {
    const db = openLaptopDb('m5');
    const notes = db.table('test_notes');
    await notes.add({ id: 'a', officeId: 'tokyo', text: 'first' });
    await expect(
      notes.bulkAdd([
        { id: 'b', officeId: 'tokyo', text: 'b' },
        { id: 'a', officeId: 'tokyo', text: 'duplicate' },
        { id: 'c', officeId: 'tokyo', text: 'c' },
      ]),
    ).rejects.toThrow();
    const ids = (await outbox(db)).map((r) => `${r.id}:${r.fields.text?.[0]}`);
    expect(ids).toEqual(['a:first', 'b:b', 'c:c']);
  });

  it('the same id twice in one bulkPut: the second value diffs against the first', async () => {
    const db = openLaptopDb('m7');
    const notes = db.table('test_notes');
    await notes.add({ id: 'a', officeId: 'tokyo', text: 'old', color: 'red' });
    await notes.bulkPut([
      { id: 'a', officeId: 'tokyo', text: 'new', color: 'red' },
      { id: 'a', officeId: 'tokyo', text: 'new', color: 'blue' },
    ]);
    const rows = await outbox(db);
    expect(rows.slice(1).map((r) => Object.keys(r.fields))).toEqual([['text'], ['color']]);
    const stored = await notes.get('a');
    expect(stored).toMatchObject({ text: 'new', color: 'blue' });
    // The row's HLC map names the stamps the outbox sent.
    expect(stored._v.text).toBe(rows[1]!.fields.text![1]);
    expect(stored._v.color).toBe(rows[2]!.fields.color![1]);
  });

  it('clear() and where().delete() record deletes; a re-add after delete is an explicit restore', async () => {
    const db = openLaptopDb('m6');
    const notes = db.table('test_notes');
    await notes.bulkAdd([
      { id: 'a', officeId: 'tokyo', text: 'a' },
      { id: 'b', officeId: 'tokyo', text: 'b' },
    ]);
    await notes.where('officeId').equals('tokyo').delete();
    await notes.put({ id: 'a', officeId: 'tokyo', text: 'a again' });
    await notes.clear();
    const rows = await outbox(db);
    expect(rows.map((r) => `${r.id}:${r.deleted?.[0] ?? '-'}`)).toEqual([
      'a:-',
      'b:-',
      'a:true',
      'b:true',
      'a:false',
      'a:true',
    ]);
    expect(rows[4]!.fields).toHaveProperty('text');
  });

  it('an add over a tombstoned id is a restore (also in the same transaction as the delete); other ids and tables are plain adds', async () => {
    const db = openLaptopDb('m7');
    const notes = db.table('test_notes');
    await notes.bulkAdd([
      { id: 'a', officeId: 'tokyo', text: 'a', color: 'red' },
      { id: 'b', officeId: 'tokyo', text: 'b' },
    ]);
    await notes.delete('a');
    // test_bookings has no tombstones: its add must not pick up test_notes' tombstone of 'a'.
    await db.table('test_bookings').add({
      id: 'a',
      officeId: 'tokyo',
      date: '2026-12-01',
      start: '09:00',
      end: '10:00',
      who: 'Kim',
    });
    await notes.bulkAdd([
      { id: 'a', officeId: 'tokyo', text: 'a', color: 'blue' },
      { id: 'c', officeId: 'tokyo', text: 'c' },
    ]);
    await db.transaction('rw', notes, async () => {
      await notes.delete('b');
      await notes.add({ id: 'b', officeId: 'tokyo', text: 'b' });
    });
    const rows = (await outbox(db)).slice(3);
    const desc = (r: Mutation): string =>
      `${r.tbl}/${r.id}:${r.deleted?.[0] ?? '-'}:${Object.keys(r.fields).sort().join(',')}`;
    expect(rows.map(desc)).toEqual([
      'test_bookings/a:-:date,end,officeId,start,who',
      'test_notes/a:false:color', // only the changed register, plus the explicit restore
      'test_notes/c:-:officeId,text',
      'test_notes/b:true:',
      'test_notes/b:false:', // restored unchanged
    ]);
    expect(await db.table(TOMBSTONES).count()).toBe(0);
    const a = await notes.get('a');
    expect(a._dv).toBe(rows[1]!.deleted![1]);
    expect(a._v.color).toBe(rows[1]!.fields.color![1]);
    expect(a._v.text).toBeDefined();
    // An add over a live row still fails and records nothing.
    await expect(notes.add({ id: 'c', officeId: 'tokyo', text: 'dup' })).rejects.toThrow();
    expect(await outbox(db)).toHaveLength(rows.length + 3);
  });
  it('a bulk put of new and stored ids diffs each against what is stored (new ids read nothing)', async () => {
    const db = openLaptopDb('m-bulk-put', { now: () => 1_800_000_000_000 });
    const notes = db.table('test_notes');
    const id = (i: number) => `n${String(i).padStart(3, '0')}`;
    // Fresh table: every row is new and sends every field.
    await notes.bulkPut(
      Array.from({ length: 40 }, (_, i) => ({ id: id(i), officeId: 'tokyo', text: `t${i}` })),
    );
    expect((await outbox(db)).map((m) => Object.keys(m.fields).sort().join(','))).toEqual(
      Array.from({ length: 40 }, () => 'officeId,text'),
    );
    // Stored ids among new ones (inside and outside the stored key range), one unchanged.
    await notes.bulkPut([
      ...Array.from({ length: 30 }, (_, i) => ({
        id: id(i),
        officeId: 'tokyo',
        text: i === 5 ? 't5' : `changed ${i}`,
      })),
      ...Array.from({ length: 30 }, (_, i) => ({ id: `n${i}x`, officeId: 'tokyo', text: 'new' })),
      { id: 'a-first', officeId: 'tokyo', text: 'new' },
      { id: 'z-last', officeId: 'tokyo', text: 'new' },
    ]);
    const second = (await outbox(db)).slice(40);
    const fieldsOf = new Map(second.map((m) => [m.id, Object.keys(m.fields).sort().join(',')]));
    expect(second).toHaveLength(29 + 32);
    expect(fieldsOf.get(id(0))).toBe('text');
    expect(fieldsOf.has(id(5))).toBe(false);
    expect(fieldsOf.get('n7x')).toBe('officeId,text');
    expect(fieldsOf.get('a-first')).toBe('officeId,text');
    expect(fieldsOf.get('z-last')).toBe('officeId,text');
  });
});
