import type { BuyerCompany, Contact, TradeTalk } from './schemas';

/** Fields a person picks from one side when merging two buyers. */
export const MERGE_PICK_FIELDS = [
  'nameNative',
  'nameLatin',
  'reading',
  'nameScript',
  'country',
  'city',
  'addressLocal',
  'website',
  'status',
] as const;
export type MergePickField = (typeof MERGE_PICK_FIELDS)[number];

export interface MergeChoices {
  /** The record that survives (keeps its id); default 'a'. */
  survivor?: 'a' | 'b';
  /** Per field, which side's value to keep; default: the survivor's, or the other's when the survivor's is empty. */
  fields?: Partial<Record<MergePickField, 'a' | 'b'>>;
}

export interface TalkRepoint {
  talkId: string;
  fromBuyerId: string;
  toBuyerId: string;
}

export interface MergePlan {
  survivor: BuyerCompany;
  removedBuyerId: string;
  /** Contacts of the removed buyer, re-pointed to the survivor (write them in the same transaction). */
  movedContacts: Contact[];
  talkRepoints: TalkRepoint[];
  /** Both records as they were, for undo. */
  before: { a: BuyerCompany; b: BuyerCompany };
}

export class MergeError extends Error {
  constructor(readonly code: 'crm.merge_same_buyer' | 'crm.merge_different_office') {
    super(code);
    this.name = 'MergeError';
  }
}

function union<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of [...a, ...b]) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/**
 * Merges buyer b into a (or a into b) with field-level choices. Pure: returns
 * what to write; lists (industries, products, tags) are united, notes kept
 * from both. The caller commits survivor + moved contacts + re-pointed talks
 * + deletion of the other buyer in one transaction.
 */
export function mergeBuyers(
  a: BuyerCompany,
  b: BuyerCompany,
  choices: MergeChoices,
  related: { contacts: readonly Contact[]; talks: readonly TradeTalk[] },
): MergePlan {
  if (a.id === b.id) throw new MergeError('crm.merge_same_buyer');
  if (a.officeId !== b.officeId) throw new MergeError('crm.merge_different_office');
  const [keep, drop] = choices.survivor === 'b' ? [b, a] : [a, b];
  const sides = { a, b };
  const survivor: BuyerCompany = { ...keep };
  for (const field of MERGE_PICK_FIELDS) {
    const pick = choices.fields?.[field];
    if (pick) {
      (survivor as Record<MergePickField, unknown>)[field] = sides[pick][field];
    } else if (!keep[field] && drop[field]) {
      (survivor as Record<MergePickField, unknown>)[field] = drop[field];
    }
  }
  survivor.industries = union(keep.industries, drop.industries, (x) => x);
  survivor.products = union(
    keep.products,
    drop.products,
    (p) => `${p.name.toLowerCase()}|${p.hsCode ?? ''}`,
  );
  survivor.tags = union(keep.tags, drop.tags, (t) => t.toLowerCase());
  survivor.notes = [keep.notes, drop.notes].filter(Boolean).join('\n\n');

  const movedContacts = related.contacts
    .filter((c) => c.buyerId === drop.id)
    .map((c) => ({ ...c, buyerId: keep.id }));
  const talkRepoints = related.talks
    .filter((t) => t.buyerId === drop.id)
    .map((t) => ({ talkId: t.id, fromBuyerId: drop.id, toBuyerId: keep.id }));
  return { survivor, removedBuyerId: drop.id, movedContacts, talkRepoints, before: { a, b } };
}

/** Applies re-points to talks (pure helper for the caller's transaction and for tests). */
export function applyTalkRepoints(
  talks: readonly TradeTalk[],
  repoints: readonly TalkRepoint[],
): TradeTalk[] {
  const to = new Map(repoints.map((r) => [r.talkId, r.toBuyerId]));
  return talks.map((t) => (to.has(t.id) ? { ...t, buyerId: to.get(t.id)! } : t));
}
