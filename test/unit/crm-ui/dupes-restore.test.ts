import { describe, expect, it } from 'vitest';
import { generateDemoData } from '@shared/crm/demo';
import { DuplicateIndex, findDuplicates } from '@shared/crm/duplicates';
import { SEED_OFFICES } from '@shared/offices/seed';
import type { Contact } from '@shared/crm/schemas';
import { DupesRestore } from '../../../src-renderer/src/features/crm/data/dupes-restore';
import type { BuyerRow } from '../../../src-renderer/src/features/crm/data/buyer-rows';

const office = SEED_OFFICES.find((o) => o.id === 'tokyo')!;

/** 250 demo buyers (names repeat: many shared keys) indexed as a full build does. */
function fullBuild() {
  const data = generateDemoData({ seed: 7, office, buyers: 250, talks: 0, smeFirms: 1 });
  const byBuyer = new Map<string, Contact[]>();
  for (const c of data.contacts) byBuyer.set(c.buyerId, [...(byBuyer.get(c.buyerId) ?? []), c]);
  const full = new DuplicateIndex();
  for (const b of data.buyers) full.upsert(b, byBuyer.get(b.id) ?? []);
  return { data, byBuyer, full };
}

/** What a snapshot holds per buyer (index-snapshot.ts), handed to a DupesRestore. */
function restoring(data: ReturnType<typeof fullBuild>['data'], full: DuplicateIndex) {
  const restore = new DupesRestore(new DuplicateIndex());
  for (const b of data.buyers) {
    restore.importBuyer({ id: b.id, officeId: b.officeId } as BuyerRow, full.exportBuyer(b.id));
  }
  return restore;
}

function allMatches(
  data: ReturnType<typeof fullBuild>['data'],
  byBuyer: Map<string, Contact[]>,
  index: DuplicateIndex,
) {
  return data.buyers.map((buyer) =>
    findDuplicates({ buyer, contacts: byBuyer.get(buyer.id) ?? [] }, index),
  );
}

describe('DupesRestore (a snapshot duplicate keys imported after the list is ready)', () => {
  it('finish() gives the index a full build gives, when drain() was stopped', async () => {
    const { data, byBuyer, full } = fullBuild();
    const restore = restoring(data, full);
    expect(restore.done).toBe(false);
    // Stopped after its first yield (the index disposed or replaced meanwhile): nothing imported.
    let looks = 0;
    await restore.drain(
      () => Promise.resolve(),
      () => looks++ >= 1,
    );
    expect(restore.done).toBe(false);
    const index = restore.finish();
    expect(restore.done).toBe(true);
    expect(index.size).toBe(data.buyers.length);
    expect(allMatches(data, byBuyer, index)).toEqual(allMatches(data, byBuyer, full));
  });

  it('drain() imports everything in slices, each after a yield', async () => {
    const { data, byBuyer, full } = fullBuild();
    const restore = restoring(data, full);
    let yields = 0;
    await restore.drain(
      () => Promise.resolve(void yields++),
      () => false,
    );
    expect(yields).toBeGreaterThanOrEqual(1);
    expect(restore.done).toBe(true);
    expect(allMatches(data, byBuyer, restore.finish())).toEqual(allMatches(data, byBuyer, full));
  });

  it('a write after finish() is not undone by keys still waiting', () => {
    const { data, full } = fullBuild();
    const restore = restoring(data, full);
    const index = restore.finish();
    const b = data.buyers[0]!;
    index.remove(b.id);
    restore.finish();
    expect(index.keysOf(b.id)).toEqual([]);
    expect(index.size).toBe(data.buyers.length - 1);
  });
});
