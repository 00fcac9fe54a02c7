import type { Dexie } from 'dexie';
import {
  buyerCompanySchema,
  contactSchema,
  type BuyerCompany,
  type BuyerCompanyInput,
  type Contact,
  type ContactInput,
  type FieldError,
  type TradeTalk,
} from '@shared/crm/schemas';
import { mergeBuyers, type MergeChoices } from '@shared/crm/merge';
import { wasParsed } from '@shared/crm/parsed';
import { applyMerges, type ImportWrites } from '@shared/crm/io/office-duplicates';
import { CRM_TABLES, CrmError, newId, parseOrCollect, stripMeta } from './records';
import { nameWrittenKeys } from './named-writes';

export type BuyerFields = Omit<BuyerCompanyInput, 'id' | 'officeId'>;
export type ContactFields = Omit<ContactInput, 'id' | 'officeId' | 'buyerId'> & { id?: string };

export interface BuyerDraft {
  buyer: BuyerFields;
  contacts: readonly ContactFields[];
}

export interface BuyerWithContacts {
  buyer: BuyerCompany;
  contacts: Contact[];
}

/** Validates a draft against the shared schemas; throws CrmError with every field error. */
export function validateBuyerDraft(
  draft: BuyerDraft,
  ids: { buyerId: string; officeId: string },
): BuyerWithContacts {
  const errors: FieldError[] = [];
  const buyer = parseOrCollect(
    buyerCompanySchema,
    { ...draft.buyer, id: ids.buyerId, officeId: ids.officeId },
    'buyer',
    errors,
  );
  const contacts = draft.contacts.map((c, i) =>
    parseOrCollect(
      contactSchema,
      { ...c, id: c.id ?? newId(), officeId: ids.officeId, buyerId: ids.buyerId },
      `contacts.${i}`,
      errors,
    ),
  );
  if (!buyer || errors.length) throw new CrmError('crm.invalid_record', errors);
  return { buyer, contacts: contacts as Contact[] };
}

const buyers = (db: Dexie) => db.table<BuyerCompany, string>(CRM_TABLES.buyers);
const contactsTable = (db: Dexie) => db.table<Contact, string>(CRM_TABLES.contacts);
const talksTable = (db: Dexie) => db.table<TradeTalk, string>(CRM_TABLES.tradeTalks);

/** Creates a buyer and its contacts in ONE transaction (all or nothing). */
export async function createBuyer(
  db: Dexie,
  officeId: string,
  draft: BuyerDraft,
): Promise<BuyerWithContacts> {
  const record = validateBuyerDraft(draft, { buyerId: newId(), officeId });
  await db.transaction('rw', [buyers(db), contactsTable(db)], async () => {
    await buyers(db).add(record.buyer);
    if (record.contacts.length) await contactsTable(db).bulkAdd(record.contacts);
  });
  return record;
}

/**
 * Replaces a buyer's fields and its contact list in one transaction: contacts
 * missing from the draft are deleted, the others written (the sync layer
 * diffs each row, so only changed fields travel).
 */
export async function updateBuyer(
  db: Dexie,
  buyerId: string,
  draft: BuyerDraft,
): Promise<BuyerWithContacts> {
  return db.transaction('rw', [buyers(db), contactsTable(db)], async () => {
    const existing = await buyers(db).get(buyerId);
    if (!existing) throw new CrmError('crm.buyer_not_found');
    const record = validateBuyerDraft(draft, { buyerId, officeId: existing.officeId });
    const keep = new Set(record.contacts.map((c) => c.id));
    const stale = (await contactsTable(db).where('buyerId').equals(buyerId).primaryKeys()).filter(
      (id) => !keep.has(id),
    );
    await buyers(db).put(record.buyer);
    if (stale.length) await contactsTable(db).bulkDelete(stale);
    if (record.contacts.length) await contactsTable(db).bulkPut(record.contacts);
    return record;
  });
}

/** Deletes a buyer with its contacts; refused while trade talks point at it (merge instead). */
export async function deleteBuyer(db: Dexie, buyerId: string): Promise<void> {
  await db.transaction('rw', [buyers(db), contactsTable(db), talksTable(db)], async () => {
    if ((await talksTable(db).where('buyerId').equals(buyerId).count()) > 0) {
      throw new CrmError('crm.buyer_has_talks');
    }
    // By key, not by range: listeners (the search index) then know exactly what went.
    const ids = await contactsTable(db).where('buyerId').equals(buyerId).primaryKeys();
    await contactsTable(db).bulkDelete(ids);
    await buyers(db).delete(buyerId);
  });
}

export async function getBuyer(db: Dexie, buyerId: string): Promise<BuyerWithContacts | null> {
  const buyer = await buyers(db).get(buyerId);
  if (!buyer) return null;
  const contacts = await contactsTable(db).where('buyerId').equals(buyerId).toArray();
  return { buyer: stripMeta(buyer), contacts: contacts.map(stripMeta) };
}

/**
 * Merges buyer `dropId` into `keepId` (field-level choices from the shared
 * merge plan) in one transaction: survivor written, contacts moved, talks
 * re-pointed, the other buyer deleted.
 */
export async function commitMerge(
  db: Dexie,
  aId: string,
  bId: string,
  choices: MergeChoices,
): Promise<BuyerCompany> {
  return db.transaction('rw', [buyers(db), contactsTable(db), talksTable(db)], async () => {
    const [a, b] = await buyers(db).bulkGet([aId, bId]);
    if (!a || !b) throw new CrmError('crm.buyer_not_found');
    const ids = [aId, bId];
    const contacts = (await contactsTable(db).where('buyerId').anyOf(ids).toArray()).map(stripMeta);
    const talks = (await talksTable(db).where('buyerId').anyOf(ids).toArray()).map(stripMeta);
    const plan = mergeBuyers(stripMeta(a), stripMeta(b), choices, { contacts, talks });
    await buyers(db).put(plan.survivor);
    if (plan.movedContacts.length) await contactsTable(db).bulkPut(plan.movedContacts);
    for (const r of plan.talkRepoints) {
      await talksTable(db).update(r.talkId, { buyerId: r.toBuyerId });
    }
    await buyers(db).delete(plan.removedBuyerId);
    return plan.survivor;
  });
}

/**
 * Writes many validated buyers with their contacts (imports, demo data) in ONE
 * transaction: all or nothing. Records are parsed with the shared schemas first
 * (except those that are already parse output, e.g. an import's dry run).
 */
export async function bulkWriteBuyers(
  db: Dexie,
  records: readonly BuyerWithContacts[],
): Promise<void> {
  const errors: FieldError[] = [];
  const clean = records.map((r, i) => ({
    buyer: wasParsed(r.buyer)
      ? r.buyer
      : parseOrCollect(buyerCompanySchema, r.buyer, `buyers.${i}`, errors),
    contacts: r.contacts.map((c, j) =>
      wasParsed(c) ? c : parseOrCollect(contactSchema, c, `buyers.${i}.contacts.${j}`, errors),
    ),
  }));
  if (errors.length) throw new CrmError('crm.invalid_record', errors);
  const buyerRows = clean.map((r) => r.buyer!);
  const contactRows = clean.flatMap((r) => r.contacts as Contact[]);
  await db.transaction('rw', [buyers(db), contactsTable(db)], async (tx) => {
    await buyers(db).bulkPut(buyerRows);
    await contactsTable(db).bulkPut(contactRows);
    // The CRM index applies just these rows (Dexie reports a bulk write as the whole table).
    nameWrittenKeys(tx.idbtrans, {
      buyers: buyerRows.map((b) => b.id),
      contacts: contactRows.map((c) => c.id),
    });
  });
}

/**
 * Writes an import as the person decided, in ONE transaction: new buyers (and
 * re-imported ones by their own id) put, buyers chosen for "merge" merged into
 * the existing buyer read in the same transaction (merge.ts rules), skipped ones
 * not written. A merge target deleted meanwhile refuses the whole import.
 */
export async function importBuyers(db: Dexie, writes: ImportWrites): Promise<void> {
  await db.transaction('rw', [buyers(db), contactsTable(db)], async () => {
    const targets = await buyers(db).bulkGet(writes.mergeTargets);
    if (targets.some((t) => !t)) throw new CrmError('crm.buyer_not_found');
    const contacts = writes.mergeTargets.length
      ? await contactsTable(db).where('buyerId').anyOf(writes.mergeTargets).toArray()
      : [];
    const existing = new Map(
      targets.map((b) => [
        b!.id,
        {
          buyer: stripMeta(b!),
          contacts: contacts.filter((c) => c.buyerId === b!.id).map(stripMeta),
        },
      ]),
    );
    // Nested: Dexie runs it inside this transaction (same tables).
    await bulkWriteBuyers(db, [...writes.put, ...applyMerges(writes.merges, existing)]);
  });
}
