import { mergeBuyers } from '../merge';
import type { BuyerCompany, Contact } from '../schemas';
import type { ImportPlan, PlannedBuyer } from './plan';

/**
 * What to do with an imported buyer that may already be in the office (same
 * scoring as the duplicate warning): skip it, merge it into the existing buyer
 * (merge.ts rules), or import it as a new buyer.
 */
export type DuplicateAction = 'skip' | 'merge' | 'new';

export interface DuplicateDecision {
  action: DuplicateAction;
  /** The existing buyer to merge into (the best match unless the person picks another). */
  target: string;
}

/** Index in `plan.buyers` → decision; only buyers with a match in the office have one. */
export type DuplicateDecisions = ReadonlyMap<number, DuplicateDecision>;

/** Buyers of the plan that match a buyer of the office (re-imports of our own ids are updates, not pairs). */
export function officePairs(plan: ImportPlan): number[] {
  const out: number[] = [];
  plan.buyers.forEach((b, i) => {
    if (!b.idExists && b.duplicates.length) out.push(i);
  });
  return out;
}

/** Strong matches are skipped unless the person says otherwise; weaker ones imported as new. */
export function defaultDecisions(plan: ImportPlan): Map<number, DuplicateDecision> {
  const out = new Map<number, DuplicateDecision>();
  for (const i of officePairs(plan)) {
    const best = plan.buyers[i]!.duplicates[0]!;
    out.set(i, { action: best.level === 'strong' ? 'skip' : 'new', target: best.buyerId });
  }
  return out;
}

export interface ImportWrites {
  /** Buyers (new, or updated in place by their own id) with their contacts. */
  put: { buyer: BuyerCompany; contacts: Contact[] }[];
  /** Existing buyers the person chose to merge into: ids to read before `applyMerges`. */
  mergeTargets: string[];
  merges: { target: string; incoming: PlannedBuyer }[];
  skipped: number;
}

/** Splits the buyers to write by the person's decisions (undecided buyers are written). */
export function splitByDecision(
  buyers: readonly PlannedBuyer[],
  indexOf: (b: PlannedBuyer) => number,
  decisions: DuplicateDecisions,
): ImportWrites {
  const out: ImportWrites = { put: [], mergeTargets: [], merges: [], skipped: 0 };
  for (const b of buyers) {
    const d = decisions.get(indexOf(b));
    if (d?.action === 'skip') out.skipped++;
    else if (d?.action === 'merge') {
      out.merges.push({ target: d.target, incoming: b });
      if (!out.mergeTargets.includes(d.target)) out.mergeTargets.push(d.target);
    } else out.put.push({ buyer: b.buyer, contacts: b.contacts });
  }
  return out;
}

const MAX_LIST = 10;
function unite<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const x of b) {
    const k = key(x);
    if (!seen.has(k) && out.length < MAX_LIST) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/** The same person: a shared email, phone or messenger ID, or the same name in either script. */
function samePerson(a: Contact, b: Contact): boolean {
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const emails = lower(a.emails);
  if (b.emails.some((e) => emails.has(e.toLowerCase()))) return true;
  if (b.phones.some((p) => a.phones.some((q) => q.e164 === p.e164))) return true;
  if (
    b.messengers.some((m) =>
      a.messengers.some(
        (n) => n.channel === m.channel && n.handle.toLowerCase() === m.handle.toLowerCase(),
      ),
    )
  )
    return true;
  const name = (c: Contact) => `${c.familyName}|${c.givenName}`.toLowerCase();
  const latin = (c: Contact) => `${c.latinFamily}|${c.latinGiven}`.toLowerCase();
  return (name(a) !== '|' && name(a) === name(b)) || (latin(a) !== '|' && latin(a) === latin(b));
}

/** The incoming contact folded into the existing one: lists united, empty fields filled, notes kept. */
function mergeContact(existing: Contact, incoming: Contact): Contact {
  const out: Contact = { ...existing };
  for (const k of [
    'familyName',
    'givenName',
    'latinFamily',
    'latinGiven',
    'reading',
    'title',
  ] as const)
    if (!out[k] && incoming[k]) out[k] = incoming[k];
  if (!out.preferredLanguage && incoming.preferredLanguage)
    out.preferredLanguage = incoming.preferredLanguage;
  if (!out.consent && incoming.consent) out.consent = incoming.consent;
  out.emails = unite(existing.emails, incoming.emails, (e) => e.toLowerCase());
  out.phones = unite(existing.phones, incoming.phones, (p) => p.e164);
  const hasPreferred = existing.messengers.some((m) => m.preferred);
  out.messengers = unite(
    existing.messengers,
    incoming.messengers.map((m) => (hasPreferred ? { ...m, preferred: false } : m)),
    (m) => `${m.channel}:${m.handle.toLowerCase()}`,
  );
  if (incoming.notes && !existing.notes.includes(incoming.notes))
    out.notes = [existing.notes, incoming.notes].filter(Boolean).join('\n\n');
  return out;
}

/**
 * Merges imported buyers into existing ones with the rules of merge.ts (the
 * existing buyer survives with its id; empty fields filled from the file;
 * industries, products and tags united; notes kept from both). An imported
 * contact who is already a contact of that buyer (shared email, phone,
 * messenger or name) is folded into that contact; the others are added.
 */
export function applyMerges(
  merges: ImportWrites['merges'],
  existing: ReadonlyMap<string, { buyer: BuyerCompany; contacts: Contact[] }>,
): { buyer: BuyerCompany; contacts: Contact[] }[] {
  // Per target: the buyer as merged so far, all its contacts, and the contacts to write.
  const result = new Map<
    string,
    { buyer: BuyerCompany; contacts: Contact[]; changed: Set<string> }
  >();
  for (const { target, incoming } of merges) {
    const base = existing.get(target);
    if (!base) continue; // deleted meanwhile: the caller refuses the import
    const current = result.get(target) ?? {
      buyer: base.buyer,
      contacts: [...base.contacts],
      changed: new Set<string>(),
    };
    const plan = mergeBuyers(
      current.buyer,
      { ...incoming.buyer, officeId: current.buyer.officeId },
      { survivor: 'a' },
      { contacts: incoming.contacts, talks: [] },
    );
    current.buyer = plan.survivor;
    for (const c of plan.movedContacts) {
      const i = current.contacts.findIndex((x) => samePerson(x, c));
      const merged = i >= 0 ? mergeContact(current.contacts[i]!, c) : c;
      if (i >= 0) current.contacts[i] = merged;
      else current.contacts.push(merged);
      current.changed.add(merged.id);
    }
    result.set(target, current);
  }
  return [...result.values()].map((r) => ({
    buyer: r.buyer,
    contacts: r.contacts.filter((c) => r.changed.has(c.id)),
  }));
}
