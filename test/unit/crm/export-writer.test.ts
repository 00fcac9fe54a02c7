import { describe, expect, it } from 'vitest';
import { generateDemoData } from '@shared/crm/demo';
import {
  createExportWriter,
  exportCsv,
  exportVcard,
  readImportFile,
  type ExportFormat,
} from '@shared/crm/io';
import { SEED_OFFICES } from '@shared/offices/seed';

const data = generateDemoData({
  office: SEED_OFFICES.find((o) => o.id === 'shanghai')!,
  buyers: 45,
  talks: 0,
  seed: 11,
});
// Buyers with no contact too: they export as a company-only row / card.
data.buyers.push({ ...data.buyers[0]!, id: 'lonely', nameNative: '孤独贸易有限公司' });

function pages(size: number) {
  const out = [];
  for (let i = 0; i < data.buyers.length; i += size) {
    const buyers = data.buyers.slice(i, i + size);
    const ids = new Set(buyers.map((b) => b.id));
    out.push({ buyers, contacts: data.contacts.filter((c) => ids.has(c.buyerId)) });
  }
  return out;
}

async function streamed(format: ExportFormat, size: number) {
  const writer = createExportWriter(format);
  for (const p of pages(size)) writer.add(p.buyers, p.contacts);
  return writer.finish();
}

const text = (parts: (string | Uint8Array)[]) => parts.join('');

describe('export writers fed page by page', () => {
  it.each([1, 7, 100])('CSV in pages of %i equals the one-shot export', async (size) => {
    const out = await streamed('csv', size);
    expect(out.buyers).toBe(46);
    expect(out.extension).toBe('csv');
    expect(text(out.parts)).toBe(exportCsv(data.buyers, data.contacts));
    expect(text(out.parts).startsWith('\ufeff')).toBe(true);
  });

  it('vCard in pages equals the one-shot export', async () => {
    expect(text((await streamed('vcard', 8)).parts)).toBe(exportVcard(data.buyers, data.contacts));
  });

  it('XLSX in pages has every row once, in order', async () => {
    const out = await streamed('xlsx', 10);
    const sheet = await readImportFile(out.parts[0] as Uint8Array, 'xlsx');
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    const csv = await readImportFile(
      new TextEncoder().encode(exportCsv(data.buyers, data.contacts)),
      'csv',
    );
    if (!csv.ok) throw new Error('csv');
    expect(sheet.value.table.headers).toEqual(csv.value.table.headers);
    expect(sheet.value.table.rows).toEqual(csv.value.table.rows);
  });

  it('an empty database exports a header only', async () => {
    const out = await createExportWriter('csv').finish();
    expect(text(out.parts)).toBe(exportCsv([], []));
    expect(out.buyers).toBe(0);
  });
});
