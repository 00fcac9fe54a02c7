import { describe, expect, it } from 'vitest';
import { generateDemoData } from '@shared/crm/demo';
import { decodeText, exportCsv, exportVcard, readImportFile } from '@shared/crm/io';
import { SEED_OFFICES } from '@shared/offices/seed';
import { createDatabase } from '../../../src-renderer/src/data/db';
import { bulkWriteBuyers } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { exportBuyers } from '../../../src-renderer/src/features/crm/io/export-run';

describe('export from Dexie', () => {
  it('pages through the buyers and streams them into each writer', async () => {
    const db = createDatabase(`export-${crypto.randomUUID()}`);
    const d = generateDemoData({ office: SEED_OFFICES[0]!, buyers: 23, talks: 0, seed: 4 });
    await bulkWriteBuyers(
      db,
      d.buyers.map((buyer) => ({
        buyer,
        contacts: d.contacts.filter((c) => c.buyerId === buyer.id),
      })),
    );
    const sorted = [...d.buyers].sort((a, b) => (a.id < b.id ? -1 : 1));
    const contacts = [...d.contacts].sort((a, b) => (a.id < b.id ? -1 : 1));
    const progress: [number, number][] = [];
    const csv = await exportBuyers(db, 'csv', {}, (done, total) => progress.push([done, total]), 5);
    // 23 buyers in pages of 5: the table is never read whole.
    expect(progress).toEqual([
      [5, 23],
      [10, 23],
      [15, 23],
      [20, 23],
      [23, 23],
    ]);
    expect(csv.parts.join('')).toBe(exportCsv(sorted, contacts));
    const vcf = await exportBuyers(db, 'vcard', {}, undefined, 4);
    expect(vcf.parts.join('')).toBe(exportVcard(sorted, contacts));
    const xlsx = await exportBuyers(db, 'xlsx', {}, undefined, 6);
    const back = await readImportFile(xlsx.parts[0] as Uint8Array, 'xlsx');
    expect(back.ok && back.value.table.rows.length).toBe(contacts.length);
    db.close();
    await db.delete();
  });

  it('exports only the buyers shown (in the list order), in Shift_JIS on request', async () => {
    const db = createDatabase(`export-${crypto.randomUUID()}`);
    const d = generateDemoData({ office: SEED_OFFICES[0]!, buyers: 12, talks: 0, seed: 5 });
    await bulkWriteBuyers(
      db,
      d.buyers.map((buyer) => ({
        buyer,
        contacts: d.contacts.filter((c) => c.buyerId === buyer.id),
      })),
    );
    const shown = [d.buyers[7]!, d.buyers[2]!, d.buyers[9]!];
    const contacts = shown.flatMap((b) =>
      d.contacts.filter((c) => c.buyerId === b.id).sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const progress: [number, number][] = [];
    const out = await exportBuyers(
      db,
      'csv',
      { ids: shown.map((b) => b.id), encoding: 'shift_jis' },
      (done, total) => progress.push([done, total]),
      2,
    );
    expect(progress).toEqual([
      [2, 3],
      [3, 3],
    ]);
    expect(out.buyers).toBe(3);
    expect(out.unencodable).toEqual([]);
    const bytes = out.parts[0] as Uint8Array;
    expect(bytes.subarray(0, 3)).not.toEqual(new Uint8Array([0xef, 0xbb, 0xbf])); // no BOM
    const text = decodeText(bytes);
    expect(text.ok && text.value.encoding).toBe('shift_jis');
    expect(text.ok && text.value.text).toBe(exportCsv(shown, contacts).slice(1));
    db.close();
    await db.delete();
  });
});
