import { describe, expect, it } from 'vitest';
import { generateDemoData } from '@shared/crm/demo';
import { BuyerSearchIndex } from '@shared/crm/search-index';
import { buildSearchDocument } from '@shared/crm/search-keys';
import { SEED_OFFICES } from '@shared/offices/seed';
import { ShardedSearchIndex } from '../../../src-renderer/src/features/crm/data/sharded-search';
import { sortInSlices } from '../../../src-renderer/src/features/crm/data/slice-sort';

describe('search shards', () => {
  it('rank like one index, follow upserts and removals', () => {
    const office = SEED_OFFICES.find((o) => o.id === 'hochiminh')!;
    const data = generateDemoData({ office, buyers: 600, talks: 0 });
    const docs = data.buyers.map((b) =>
      buildSearchDocument(
        b,
        data.contacts.filter((c) => c.buyerId === b.id),
      ),
    );
    const single = BuyerSearchIndex.build(docs);
    const sharded = new ShardedSearchIndex();
    for (let i = 0; i < docs.length; i += 100) sharded.addShard(docs.slice(i, i + 100));
    expect(sharded.size).toBe(600);
    for (const q of ['nguyen', 'tran van', 'cong ty', 'thuc pham', '09']) {
      const a = single.search(q, { limit: 40 }).hits.map((h) => h.score);
      const b = sharded.search(q, { limit: 40 }).hits.map((h) => h.score);
      expect(b, q).toEqual(a);
    }
    const first = docs[0]!;
    sharded.upsert({
      ...first,
      keys: [{ field: 'companyLatin', slot: -1, text: 'zzz unique', index: 'words' }],
    });
    expect(sharded.search('zzz').hits.map((h) => h.buyerId)).toEqual([first.buyerId]);
    expect(sharded.size).toBe(600);
    sharded.remove(first.buyerId);
    expect(sharded.search('zzz').hits).toEqual([]);
    expect(sharded.size).toBe(599);
  });
});

describe('search shards, truncated short queries', () => {
  it('scan the globally first entries in sorted order, like one index', () => {
    // 13,000 keys starting with "ab": more than one query examines (12,000).
    const docs = Array.from({ length: 13_000 }, (_, i) => ({
      buyerId: `b${i}`,
      contactIds: [],
      keys: [{ field: 'companyLatin' as const, slot: -1, text: `ab${i}`, index: 'start' as const }],
    }));
    const single = BuyerSearchIndex.build(docs);
    const sharded = new ShardedSearchIndex();
    for (let i = 0; i < docs.length; i += 1_000) sharded.addShard(docs.slice(i, i + 1_000));
    for (const q of ['ab', 'ab1']) {
      const a = single.search(q, { limit: 500 });
      const b = sharded.search(q, { limit: 500 });
      expect(b.truncated, q).toBe(a.truncated);
      expect(
        b.hits.map((h) => [h.buyerId, h.score]),
        q,
      ).toEqual(a.hits.map((h) => [h.buyerId, h.score]));
    }
    expect(single.search('ab', { limit: 500 }).truncated).toBe(true);
  });
});

describe('sortInSlices', () => {
  it('sorts like a stable native sort and yields while doing it', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ key: (i * 7919) % 997, i }));
    let yields = 0;
    const sorted = await sortInSlices(
      items,
      (a, b) => a.key - b.key,
      async () => {
        yields++;
      },
      0,
    );
    expect(sorted).toEqual([...items].sort((a, b) => a.key - b.key || a.i - b.i));
    expect(yields).toBeGreaterThan(0);
  });
});
