/**
 * Shared set-up of the CRM benchmarks in Chromium (crm-index.ts, crm-import.ts):
 * the app's schema, a raw Dexie without the sync middleware, and the seeded
 * buyer data set.
 */
import Dexie from 'dexie';
import type { BenchScript } from '@shared/crm/bench';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES, type Office } from '@shared/offices/seed';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { defineVersions } from '../../../src-renderer/src/data/db';
import { setAppSchema } from '../../../src-renderer/src/data/schema';
import { dataKey, setDataKey } from '../../../src-renderer/src/data/encryption/data-key';
import { newDataKey } from '../../../src-renderer/src/data/encryption/cipher';
import { createEncryptionMiddleware } from '../../../src-renderer/src/data/encryption/middleware';
import { SCHEMA_VERSIONS } from '../../../src-renderer/src/app-schema';
import type { BuyerWithContacts } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { deleteDatabase } from './util';

// What bootstrap.tsx does before the app opens its database: the schema, the data key.
setAppSchema(SCHEMA_VERSIONS);
setDataKey(newDataKey());

const LANGS = ['ko', 'ja', 'zh-CN', 'vi', 'en'] as const;
const KO_OFFICE: Office = { ...SEED_OFFICES.find((o) => o.id === 'hq')!, id: 'bench-ko' };
const officeFor = (lang: string): Office =>
  lang === 'ko' ? KO_OFFICE : SEED_OFFICES.find((o) => o.localLanguage === lang)!;
const scriptOf = (lang: string): BenchScript =>
  lang === 'zh-CN' ? 'zh' : lang === 'en' ? 'latin' : (lang as BenchScript);

/**
 * A Dexie over the app's schema WITHOUT the sync middleware (baselines, seeding); it seals
 * personal fields as the app's database does (issue 14) unless `sealed` is false (the
 * privacy benches' plain baseline).
 */
export function openRawDatabase(name: string, { sealed = true }: { sealed?: boolean } = {}): Dexie {
  const db = new Dexie(name);
  defineVersions(db, SCHEMA_VERSIONS);
  if (sealed) db.use(createEncryptionMiddleware({ key: dataKey() }));
  return db;
}

export interface CrmData {
  buyers: BuyerCompany[];
  contacts: Contact[];
  contactsByScript: Record<BenchScript, Contact[]>;
}

/** `total` buyers x 2 contacts, split evenly over the five scripts (same generator as the Node bench). */
function makeCrmData(total: number): CrmData {
  const per = Math.floor(total / LANGS.length);
  const buyers: BuyerCompany[] = [];
  const contacts: Contact[] = [];
  const contactsByScript = {} as Record<BenchScript, Contact[]>;
  LANGS.forEach((lang, i) => {
    const d = generateDemoData({
      seed: 100 + i,
      office: officeFor(lang),
      buyers: per,
      talks: 0,
      smeFirms: 1,
    });
    buyers.push(...d.buyers);
    contacts.push(...d.contacts);
    contactsByScript[scriptOf(lang)] = d.contacts;
    if (lang === 'en') contactsByScript.email = d.contacts;
    if (lang === 'ja') contactsByScript.phone = d.contacts;
  });
  return { buyers, contacts, contactsByScript };
}

const seededByName = new Map<string, { name: string; data: CrmData }>();

/**
 * Writes the CRM data set into a fresh database (raw bulkPut in chunks: set-up, not measured),
 * sealed as the app stores it; `sealed: false` gives the privacy benches' plain baseline.
 */
export async function seed(
  total: number,
  { sealed = true }: { sealed?: boolean } = {},
): Promise<{ name: string; data: CrmData }> {
  const name = sealed ? `bench-crm-${total}` : `bench-crm-${total}-plain`;
  const have = seededByName.get(name);
  if (have) return have;
  await deleteDatabase(name);
  const data = makeCrmData(total);
  const db = openRawDatabase(name, { sealed });
  for (let i = 0; i < data.buyers.length; i += 5_000) {
    await db.table('buyers').bulkPut(data.buyers.slice(i, i + 5_000));
  }
  for (let i = 0; i < data.contacts.length; i += 5_000) {
    await db.table('contacts').bulkPut(data.contacts.slice(i, i + 5_000));
  }
  db.close();
  const seeded = { name, data };
  seededByName.set(name, seeded);
  return seeded;
}

export function buyersWithContacts(
  buyers: BuyerCompany[],
  contacts: Contact[],
): BuyerWithContacts[] {
  const byBuyer = new Map<string, Contact[]>();
  for (const c of contacts) {
    const list = byBuyer.get(c.buyerId) ?? [];
    list.push(c);
    byBuyer.set(c.buyerId, list);
  }
  return buyers.map((buyer) => ({ buyer, contacts: byBuyer.get(buyer.id) ?? [] }));
}
