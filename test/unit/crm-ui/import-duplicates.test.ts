import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateIndex } from '@shared/crm/duplicates';
import {
  defaultDecisions,
  officePairs,
  planImport,
  type DuplicateAction,
  type ImportPlan,
  type RawTable,
} from '@shared/crm/io';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { createDatabase } from '../../../src-renderer/src/data/db';
import {
  bulkWriteBuyers,
  getBuyer,
  importBuyers,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { CRM_TABLES } from '../../../src-renderer/src/features/crm/data/records';
import { importWrites } from '../../../src-renderer/src/features/crm/io/import-model';
import { makeBuyer, makeContact } from '../crm/helpers/records';

const existing = makeBuyer('e1', {
  nameNative: '株式会社山田商事',
  nameScript: 'ja',
  country: 'JP',
  tags: ['展示会'],
  notes: 'Met at FOODEX',
});
const yamada = makeContact('x1', 'e1', {
  familyName: '山田',
  givenName: '太郎',
  nameScript: 'ja',
  emails: ['taro@yamada.co.jp'],
  phones: [{ e164: '+819012345678', kind: 'mobile' }],
});
const other = makeBuyer('e2', { nameNative: 'Sato Foods', country: 'JP' });
const sato = makeContact('x2', 'e2', { familyName: 'Sato', emails: ['sato@satofoods.jp'] });

/** A file: Yamada again (same email: strong), with a new phone, a website, a tag and a new colleague; and a new firm. */
const table: RawTable = {
  headers: ['Company', 'Country', 'Website', 'Tags', 'Notes', 'Family', 'Given', 'Email', 'Phone'],
  rows: [
    {
      Company: '株式会社山田商事',
      Country: 'JP',
      Website: 'https://yamada.co.jp',
      Tags: 'VIP',
      Notes: 'Wants samples',
      Family: '山田',
      Given: '太郎',
      Email: 'taro@yamada.co.jp',
      Phone: '+81832221234',
    },
    {
      Company: '株式会社山田商事',
      Country: 'JP',
      Website: 'https://yamada.co.jp',
      Tags: 'VIP',
      Notes: 'Wants samples',
      Family: '佐々木',
      Given: '花子',
      Email: 'hanako@yamada.co.jp',
      Phone: '',
    },
    {
      Company: '新星貿易株式会社',
      Country: 'JP',
      Website: '',
      Tags: '',
      Notes: '',
      Family: '田中',
      Given: '一郎',
      Email: 'tanaka@shinsei.jp',
      Phone: '',
    },
  ],
};
const mapping = {
  Company: 'buyer.nameNative',
  Country: 'buyer.country',
  Website: 'buyer.website',
  Tags: 'buyer.tags',
  Notes: 'buyer.notes',
  Family: 'contact.familyName',
  Given: 'contact.givenName',
  Email: 'contact.emails',
  Phone: 'contact.phone.work',
} as const;

let n = 0;
const dbs: ReturnType<typeof createDatabase>[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function setUp(): Promise<{ db: ReturnType<typeof createDatabase>; plan: ImportPlan }> {
  const db = createDatabase(`import-dupes-${crypto.randomUUID()}`);
  dbs.push(db);
  await bulkWriteBuyers(db, [
    { buyer: existing, contacts: [yamada] },
    { buyer: other, contacts: [sato] },
  ]);
  const plan = planImport(
    table,
    mapping,
    {
      duplicates: DuplicateIndex.build([existing, other], [yamada, sato]),
      buyerIds: new Set(['e1', 'e2']),
    },
    { officeId: 'tokyo', officeCountry: 'JP', hanDefault: 'ja', newId: () => `new${++n}` },
  );
  return { db, plan };
}

async function runWith(action: DuplicateAction) {
  const { db, plan } = await setUp();
  const decisions = defaultDecisions(plan);
  for (const [i, d] of decisions) decisions.set(i, { ...d, action });
  await importBuyers(db, importWrites(plan, true, decisions));
  const all = await db.table<BuyerCompany, string>(CRM_TABLES.buyers).toArray();
  const contacts = await db.table<Contact, string>(CRM_TABLES.contacts).toArray();
  return { db, plan, all, contacts, imported: plan.buyers[officePairs(plan)[0]!]! };
}

describe('import: buyers the office already has', () => {
  it('pairs the file buyer with the office buyer by the duplicate scoring; strong matches default to skip', async () => {
    const { plan } = await setUp();
    expect(officePairs(plan)).toHaveLength(1);
    const pair = plan.buyers[officePairs(plan)[0]!]!;
    expect(pair.buyer.nameNative).toBe('株式会社山田商事');
    expect(pair.duplicates[0]).toMatchObject({ buyerId: 'e1', level: 'strong' });
    expect([...defaultDecisions(plan).values()]).toEqual([{ action: 'skip', target: 'e1' }]);
  });

  it('skip: the office buyer is untouched and nothing of it is written', async () => {
    const { db, all, contacts } = await runWith('skip');
    expect(all.map((b) => b.nameNative).sort()).toEqual([
      'Sato Foods',
      '新星貿易株式会社',
      '株式会社山田商事',
    ]);
    expect(await getBuyer(db, 'e1')).toEqual({ buyer: existing, contacts: [yamada] });
    expect(contacts).toHaveLength(3); // Yamada, Sato, Tanaka (the new firm's)
  });

  it('import as new: a second buyer with the file values, the office buyer untouched', async () => {
    const { db, all, imported } = await runWith('new');
    expect(all).toHaveLength(4);
    const created = await getBuyer(db, imported.buyer.id);
    expect(created?.buyer).toMatchObject({
      nameNative: '株式会社山田商事',
      website: 'https://yamada.co.jp',
    });
    expect(created?.contacts.map((c) => c.familyName).sort()).toEqual(['佐々木', '山田']);
    expect(await getBuyer(db, 'e1')).toEqual({ buyer: existing, contacts: [yamada] });
  });

  it('merge: the office buyer keeps its id, gains what the file adds (merge.ts rules), the same person is folded in', async () => {
    const { db, all, imported } = await runWith('merge');
    expect(all).toHaveLength(3); // no buyer created for the merged one
    expect(all.some((b) => b.id === imported.buyer.id)).toBe(false);
    const merged = await getBuyer(db, 'e1');
    expect(merged?.buyer).toEqual({
      ...existing,
      website: 'https://yamada.co.jp', // empty → filled from the file
      tags: ['展示会', 'VIP'], // united
      notes: 'Met at FOODEX\n\nWants samples', // both kept
    });
    const byName = Object.fromEntries(merged!.contacts.map((c) => [c.familyName, c]));
    // Same email: the same person, one contact with both phones.
    expect(byName['山田']).toEqual({
      ...yamada,
      phones: [
        { e164: '+819012345678', kind: 'mobile' },
        { e164: '+81832221234', kind: 'work' },
      ],
    });
    // A new colleague: added to the office buyer.
    expect(byName['佐々木']).toMatchObject({ buyerId: 'e1', emails: ['hanako@yamada.co.jp'] });
    expect(merged!.contacts).toHaveLength(2);
  });

  it('merge into a buyer deleted meanwhile writes nothing at all', async () => {
    const { db, plan } = await setUp();
    const decisions = defaultDecisions(plan);
    for (const [i, d] of decisions) decisions.set(i, { ...d, action: 'merge' });
    await db.table(CRM_TABLES.contacts).delete('x1');
    await db.table(CRM_TABLES.buyers).delete('e1');
    await expect(importBuyers(db, importWrites(plan, true, decisions))).rejects.toMatchObject({
      code: 'crm.buyer_not_found',
    });
    expect(await db.table(CRM_TABLES.buyers).count()).toBe(1);
  });
});
