import { createDemoGenerator } from '@shared/crm/demo';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import type { Office } from '@shared/offices/seed';
import type { BridgeheadDatabase } from '../../data/db';
import { bulkWriteBuyers } from '../crm';
import { bulkWriteTalks, loadFxTables } from '../crm';
import { loadBookingsDemo } from '../bookings';

import { assertDemoAllowed } from '../sync-ui';
import type { DemoProgress } from './demo-sizes';
import { yieldToUi } from '../../platform/yield-to-ui';

export { DEMO_SIZES, type DemoProgress, type DemoSize } from './demo-sizes';

export interface DemoResult {
  buyers: number;
  talks: number;
  firms: number;
  bookings: number;
  /** True when the user stopped the load: the chunks written so far stay (valid, and a reload overwrites them). */
  cancelled: boolean;
}

/** Buyers written per transaction: each is all-or-nothing, and the UI breathes between them. */
const BUYER_CHUNK = 250;
/** Talks written per transaction. */
const TALK_CHUNK = 500;
/** Records generated between two checks of the clock (a Chinese buyer costs ~0.2 ms: pinyin). */
const GEN_STEP = 20;
/** Longest stretch of work before yielding to the UI. */
const SLICE_MS = 12;

/**
 * Loads deterministic demo data for the office through the repositories (so
 * every record is validated and recorded for sync). Made and written in
 * slices, yielding between them: 100,000 buyers never freeze the window,
 * progress shows from the first chunk, and `signal` stops the load between
 * two chunks. Ids are deterministic: loading twice overwrites, never doubles.
 * Refused (DemoRefusedError) on a laptop linked to HQ; every id starts with `demo-`,
 * which the outbox never records, so the sample data stays on this laptop.
 */
export async function loadDemoData(
  db: BridgeheadDatabase,
  office: Office,
  buyerCount: number,
  onProgress: (p: DemoProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<DemoResult> {
  await assertDemoAllowed(db);
  const gen = createDemoGenerator({
    office,
    buyers: buyerCount,
    talks: Math.min(buyerCount * 2, 5_000),
    fxTables: await loadFxTables(db),
  });
  const total = buyerCount + gen.talkCount + 1;
  let done = 0;
  let talks = 0;
  const result = (cancelled: boolean, bookings = 0): DemoResult => ({
    buyers: gen.made,
    talks,
    firms: talks ? gen.smeFirms.length : 0,
    bookings,
    cancelled,
  });
  let sliceStart = performance.now();
  const breathe = async () => {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToUi();
      sliceStart = performance.now();
    }
  };

  while (gen.made < buyerCount) {
    if (signal?.aborted) return result(true);
    const buyers: BuyerCompany[] = [];
    const contacts: Contact[] = [];
    while (buyers.length < BUYER_CHUNK && gen.made < buyerCount) {
      const part = gen.nextBuyers(Math.min(GEN_STEP, BUYER_CHUNK - buyers.length));
      buyers.push(...part.buyers);
      contacts.push(...part.contacts);
      await breathe();
    }
    const contactsOf = new Map<string, Contact[]>();
    for (const c of contacts) {
      const list = contactsOf.get(c.buyerId) ?? [];
      list.push(c);
      contactsOf.set(c.buyerId, list);
    }
    await bulkWriteBuyers(
      db,
      buyers.map((buyer) => ({ buyer, contacts: contactsOf.get(buyer.id) ?? [] })),
    );
    done += buyers.length;
    onProgress({ done, total });
    await yieldToUi();
    sliceStart = performance.now();
  }

  let firstTalks = true;
  while (talks < gen.talkCount) {
    if (signal?.aborted) return result(true);
    const chunk = [];
    while (chunk.length < TALK_CHUNK && talks + chunk.length < gen.talkCount) {
      chunk.push(...gen.nextTalks(Math.min(GEN_STEP * 5, TALK_CHUNK - chunk.length)));
      await breathe();
    }
    await bulkWriteTalks(db, { talks: chunk, firms: firstTalks ? gen.smeFirms : [] });
    firstTalks = false;
    talks += chunk.length;
    done += chunk.length;
    onProgress({ done, total });
    await yieldToUi();
    sliceStart = performance.now();
  }
  if (signal?.aborted) return result(true);
  const bookings = await loadBookingsDemo(db, office.id);
  onProgress({ done: total, total });
  return result(false, bookings);
}
