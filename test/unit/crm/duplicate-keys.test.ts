import { describe, expect, it } from 'vitest';
import {
  DUPLICATE_REASONS,
  DuplicateIndex,
  duplicateKeys,
  findDuplicates,
  findDuplicatesByKeys,
} from '@shared/crm/duplicates';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import type { Contact } from '@shared/crm/schemas';

// Demo company names repeat every ~100 buyers: plenty of shared keys of every kind.
const office = SEED_OFFICES.find((o) => o.id === 'tokyo')!;
const demo = generateDemoData({ seed: 3, office, buyers: 400, talks: 0, smeFirms: 1 });
const contactsOf = new Map<string, Contact[]>();
for (const c of demo.contacts) contactsOf.set(c.buyerId, [...(contactsOf.get(c.buyerId) ?? []), c]);

describe('duplicate keys computed once (imports)', () => {
  it('upsertKeys indexes exactly what upsert does, and findDuplicatesByKeys finds what findDuplicates does', () => {
    const byUpsert = new DuplicateIndex();
    const byKeys = new DuplicateIndex();
    let matched = 0;
    for (const buyer of demo.buyers) {
      const contacts = contactsOf.get(buyer.id) ?? [];
      const keys = duplicateKeys({ buyer, contacts });
      const expected = findDuplicates({ buyer, contacts }, byUpsert);
      expect(findDuplicatesByKeys(keys, byKeys, buyer.id)).toEqual(expected);
      matched += expected.length;
      byUpsert.upsert(buyer, contacts);
      byKeys.upsertKeys(buyer, contacts, keys);
    }
    expect(matched).toBeGreaterThan(demo.buyers.length); // the check compared real matches
    expect(byKeys.size).toBe(byUpsert.size);
    for (const buyer of demo.buyers) {
      expect(byKeys.keysOf(buyer.id)).toEqual(byUpsert.keysOf(buyer.id));
      for (const [reason, key] of byUpsert.keysOf(buyer.id))
        expect(byKeys.lookup(reason, key)).toEqual(byUpsert.lookup(reason, key));
    }
    for (const reason of DUPLICATE_REASONS)
      expect([...byKeys.sharedKeys(reason)].sort()).toEqual(
        [...byUpsert.sharedKeys(reason)].sort(),
      );
  });

  it('a buyer re-indexed with upsertKeys replaces its old keys and never matches itself', () => {
    const index = new DuplicateIndex();
    const [a, b] = demo.buyers;
    const contactsA = contactsOf.get(a!.id) ?? [];
    index.upsertKeys(a!, contactsA, duplicateKeys({ buyer: a!, contacts: contactsA }));
    const renamed = { ...a!, nameNative: b!.nameNative, nameLatin: b!.nameLatin };
    const keys = duplicateKeys({ buyer: renamed, contacts: [] });
    index.upsertKeys(renamed, [], keys);
    expect(index.keysOf(a!.id)).toEqual(keys.map((k) => [k.reason, k.key]));
    expect(findDuplicatesByKeys(keys, index, a!.id)).toEqual([]);
    expect(findDuplicatesByKeys(keys, index).map((m) => m.buyerId)).toEqual([a!.id]);
  });
});
