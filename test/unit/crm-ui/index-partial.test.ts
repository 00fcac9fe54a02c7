import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import {
  createBuyer,
  type BuyerDraft,
} from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { CrmIndex } from '../../../src-renderer/src/features/crm/data/crm-index';
import { InThreadSearchBackend } from '../../../src-renderer/src/features/crm/search/backend';
import {
  SearchEngine,
  type BuyerRecord,
} from '../../../src-renderer/src/features/crm/search/engine';

const office = SEED_OFFICES.find((o) => o.id === 'tokyo')!;

function records(n: number, seed: number): BuyerRecord[] {
  const d = generateDemoData({ seed, office, buyers: n, talks: 0, smeFirms: 1 });
  return d.buyers.map((buyer) => ({
    buyer,
    contacts: d.contacts.filter((c) => c.buyerId === buyer.id),
  }));
}

describe('search while the index loads', () => {
  it('answers from the buyers loaded so far, and says so', () => {
    const engine = new SearchEngine();
    const all = records(6, 1);
    const [first, second] = [all.slice(0, 3), all.slice(3)];
    engine.beginLoad();
    engine.addPage(first);
    const name = first[0]!.buyer.nameNative;
    const partial = engine.search(name, 10);
    expect(partial.partial).toBe(true);
    expect(partial.hits.map((h) => h.buyerId)).toContain(first[0]!.buyer.id);
    // Buyers of a later page are found once they arrive, still partial.
    engine.addPage(second);
    const later = engine.search(second[0]!.buyer.nameNative, 10);
    expect(later.partial).toBe(true);
    expect(later.hits.map((h) => h.buyerId)).toContain(second[0]!.buyer.id);
    engine.endLoad();
    const full = engine.search(name, 10);
    expect(full.partial).toBeUndefined();
    expect(full.hits.map((h) => h.buyerId)).toContain(first[0]!.buyer.id);
    expect(engine.size).toBe(6);
  });

  it('a page read before a write does not bring back what the write replaced', () => {
    const engine = new SearchEngine();
    const [kept, gone] = records(2, 4);
    const renamed = { ...kept!, buyer: { ...kept!.buyer, nameNative: 'Zephyrine Trading' } };
    engine.beginLoad();
    // The writes arrive (from the page) while the worker's read of the old rows is in flight.
    engine.upsert([renamed]);
    engine.remove([gone!.buyer.id]);
    engine.addPage([kept!, gone!]);
    engine.endLoad();
    expect(engine.search('zephyrine', 10).hits.map((h) => h.buyerId)).toEqual([kept!.buyer.id]);
    expect(engine.search(kept!.buyer.nameNative, 10).hits).toEqual([]);
    expect(engine.size).toBe(1);
  });

  it('a reload keeps answering from the complete previous index', () => {
    const engine = new SearchEngine();
    const page = records(3, 3);
    engine.beginLoad();
    engine.addPage(page);
    engine.endLoad();
    engine.beginLoad();
    const during = engine.search(page[1]!.buyer.nameNative, 10);
    expect(during.partial).toBeUndefined();
    expect(during.hits.map((h) => h.buyerId)).toContain(page[1]!.buyer.id);
  });
});

/** The in-page backend, held before it accepts its first page (the load in progress). */
class GatedBackend extends InThreadSearchBackend {
  private release!: () => void;
  readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  pages = 0;
  override async addPage(records: BuyerRecord[]): Promise<void> {
    await super.addPage(records);
    this.pages++;
    await this.gate;
  }
  open(): void {
    this.release();
  }
}

const draft = (nameNative: string, nameLatin: string): BuyerDraft => ({
  buyer: { nameNative, nameLatin, nameScript: 'latin', country: 'US' },
  contacts: [],
});

describe('the buyer list while the index loads', () => {
  let db: BridgeheadDatabase;
  let backend: GatedBackend;
  let index: CrmIndex;
  beforeEach(() => {
    db = createDatabase(`crm-partial-${crypto.randomUUID()}`);
    backend = new GatedBackend();
    index = new CrmIndex(db, { backend: () => backend });
  });
  afterEach(async () => {
    backend.open();
    index.dispose();
    db.close();
    await db.delete();
  });

  it('marks search answers partial until every buyer is loaded', async () => {
    const a = await createBuyer(db, 'losangeles', draft('Pacific Foods', 'Pacific Foods'));
    index.start();
    const deadline = Date.now() + 5000;
    while (backend.pages === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(index.phase).toBe('loading');
    const q = () => index.query({ text: 'pacific', filters: {}, sort: 'name', collation: 'en' });
    const during = q();
    expect(during.partial).toBe(true);
    expect(during.ids).toEqual([a.buyer.id]);
    // Listing (no text) is not a search: never marked partial.
    expect(index.query({ text: '', filters: {}, sort: 'name', collation: 'en' }).partial).toBe(
      undefined,
    );
    backend.open();
    await index.settled();
    const after = q();
    expect(after.partial).toBeUndefined();
    expect(after.ids).toEqual([a.buyer.id]);
  });
});
