import { generateDemoData } from '@shared/crm/demo';
import type { Office } from '@shared/offices/seed';
import type { BridgeheadDatabase } from '../../data/db';
import { bulkWriteBuyers } from '../crm/data/buyer-repository';
import { bulkWriteTalks, loadFxTables } from '../crm/data/talk-repository';
import { loadBookingsDemo } from '../bookings/data/demo';

export const DEMO_SIZES = [300, 1_000, 10_000, 100_000] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

export interface DemoProgress {
  done: number;
  total: number;
}

export interface DemoResult {
  buyers: number;
  talks: number;
  firms: number;
  bookings: number;
}

/** Buyers written per transaction: each is all-or-nothing, and the UI breathes between them. */
const CHUNK = 500;

/**
 * Loads deterministic demo data for the office through the repositories (so
 * every record is validated and recorded for sync). Ids are deterministic:
 * loading twice overwrites, never doubles.
 */
export async function loadDemoData(
  db: BridgeheadDatabase,
  office: Office,
  buyerCount: number,
  onProgress: (p: DemoProgress) => void = () => {},
): Promise<DemoResult> {
  const data = generateDemoData({
    office,
    buyers: buyerCount,
    talks: Math.min(buyerCount * 2, 5_000),
    fxTables: await loadFxTables(db),
  });
  const contactsOf = new Map<string, typeof data.contacts>();
  for (const c of data.contacts) {
    const list = contactsOf.get(c.buyerId) ?? [];
    list.push(c);
    contactsOf.set(c.buyerId, list);
  }
  const total = data.buyers.length + 1;
  for (let i = 0; i < data.buyers.length; i += CHUNK) {
    const slice = data.buyers.slice(i, i + CHUNK);
    await bulkWriteBuyers(
      db,
      slice.map((buyer) => ({ buyer, contacts: contactsOf.get(buyer.id) ?? [] })),
    );
    onProgress({ done: i + slice.length, total });
    await new Promise((r) => setTimeout(r, 0));
  }
  await bulkWriteTalks(db, { talks: data.talks, firms: data.smeFirms });
  const bookings = await loadBookingsDemo(db, office.id);
  onProgress({ done: total, total });
  return {
    buyers: data.buyers.length,
    talks: data.talks.length,
    firms: data.smeFirms.length,
    bookings,
  };
}
