import { foldForSearch } from './fold';
import { stripLegalForm } from './legal-forms';
import type { BuyerCompany, Contact } from './schemas';
import { isSharedMailbox, normalizeEmail } from './validators';

/**
 * Duplicate detection on several keys (never email alone: a shared info@ or
 * sales@ mailbox is weak evidence). Scores are combined per existing buyer
 * with a noisy-or, so two independent weak signals add up.
 */
export const DUPLICATE_REASONS = [
  'email',
  'sharedEmail',
  'phone',
  'messenger',
  'companyName',
  'companyAndPerson',
  'website',
] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const REASON_SCORES: Readonly<Record<DuplicateReason, number>> = {
  email: 0.9,
  messenger: 0.9,
  companyAndPerson: 0.85,
  phone: 0.8,
  companyName: 0.5,
  website: 0.4,
  sharedEmail: 0.25,
};

export interface DuplicateEvidence {
  reason: DuplicateReason;
  /** The normalized value both records share (show it to the person deciding). */
  value: string;
  score: number;
  /** The existing contact that matched, when the evidence is a contact's. */
  contactId?: string;
}

export interface DuplicateMatch {
  buyerId: string;
  score: number;
  level: 'strong' | 'possible' | 'weak';
  evidence: DuplicateEvidence[];
}

export interface DuplicateCandidate {
  buyer: Pick<BuyerCompany, 'nameNative' | 'nameLatin' | 'website'> & { id?: string };
  contacts: readonly Pick<
    Contact,
    'familyName' | 'givenName' | 'latinFamily' | 'latinGiven' | 'emails' | 'phones' | 'messengers'
  >[];
}

type Ref = { buyerId: string; contactId?: string };

function companyKeys(b: DuplicateCandidate['buyer']): string[] {
  return [b.nameNative, b.nameLatin]
    .map((n) => foldForSearch(stripLegalForm(n ?? '')).replace(/[\s.,]/g, ''))
    .filter((k) => k.length >= 2);
}

/** Order-insensitive person keys: 山田太郎, "taro yamada" == "yamada taro". */
function personKeys(c: DuplicateCandidate['contacts'][number]): string[] {
  const keys = new Set<string>();
  const native = foldForSearch(`${c.familyName}${c.givenName}`).replace(/\s/g, '');
  if (native) keys.add(native);
  const latin = foldForSearch(`${c.latinFamily} ${c.latinGiven}`)
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
  if (latin) keys.add(latin);
  const nativeWords = foldForSearch(`${c.familyName} ${c.givenName}`)
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
  if (nativeWords) keys.add(nativeWords);
  return [...keys];
}

function websiteKey(url: string): string | null {
  const m = /^https?:\/\/(?:www\.)?([^/:?#]+)/i.exec(url.trim());
  return m ? m[1]!.toLowerCase() : null;
}

const messengerKey = (m: { channel: string; handle: string }) =>
  `${m.channel}:${foldForSearch(m.handle)}`;

export interface DuplicateIndexSnapshot {
  maps: Record<DuplicateReason, Map<string, Ref[]>>;
  keysByBuyer: Map<string, [DuplicateReason, string][]>;
  officeByBuyer: Map<string, string>;
  shared: Record<DuplicateReason, Set<string>>;
}

/** Exact-key maps over existing buyers; incremental (add/remove one buyer). */
export class DuplicateIndex {
  private maps: Record<DuplicateReason, Map<string, Ref[]>> = {
    email: new Map(),
    sharedEmail: new Map(),
    phone: new Map(),
    messenger: new Map(),
    companyName: new Map(),
    companyAndPerson: new Map(),
    website: new Map(),
  };
  private keysByBuyer = new Map<string, [DuplicateReason, string][]>();
  private officeByBuyer = new Map<string, string>();
  /**
   * Keys held by at least two different buyers, per reason, kept up to date on every
   * upsert and remove: the duplicate pairs of a whole office are found from these alone
   * (`findDuplicatePairs`), never by comparing every buyer with every other.
   */
  private shared: Record<DuplicateReason, Set<string>> = {
    email: new Set(),
    sharedEmail: new Set(),
    phone: new Set(),
    messenger: new Set(),
    companyName: new Set(),
    companyAndPerson: new Set(),
    website: new Set(),
  };

  static build(buyers: readonly BuyerCompany[], contacts: readonly Contact[]): DuplicateIndex {
    const byBuyer = new Map<string, Contact[]>();
    for (const c of contacts) {
      const list = byBuyer.get(c.buyerId) ?? [];
      list.push(c);
      byBuyer.set(c.buyerId, list);
    }
    const index = new DuplicateIndex();
    for (const b of buyers) index.upsert(b, byBuyer.get(b.id) ?? []);
    return index;
  }

  upsert(buyer: BuyerCompany, contacts: readonly Contact[]): void {
    this.upsertKeys(buyer, contacts, duplicateKeys({ buyer, contacts }));
  }

  /**
   * `upsert` with the keys already computed (`duplicateKeys` of the same buyer and
   * contacts): an import checks a buyer against the office and the file and indexes
   * it from one computation.
   */
  upsertKeys(
    buyer: Pick<BuyerCompany, 'id' | 'officeId'>,
    contacts: readonly Pick<Contact, 'id'>[],
    keys: readonly DuplicateKey[],
  ): void {
    this.remove(buyer.id);
    const added: [DuplicateReason, string][] = [];
    for (const k of keys) {
      const reason = k.reason;
      const map = this.maps[reason];
      let list = map.get(k.key);
      if (!list) {
        list = [];
        map.set(k.key, list);
      } else if (!this.shared[reason].has(k.key) && list.some((r) => r.buyerId !== buyer.id)) {
        // Usually decided by the first entry; only a buyer's own repeats are walked.
        this.shared[reason].add(k.key);
      }
      list.push({
        buyerId: buyer.id,
        contactId: k.contact === undefined ? undefined : contacts[k.contact]!.id,
      });
      added.push([reason, k.key]);
    }
    this.keysByBuyer.set(buyer.id, added);
    this.officeByBuyer.set(buyer.id, buyer.officeId);
  }

  remove(buyerId: string): void {
    for (const [reason, key] of this.keysByBuyer.get(buyerId) ?? []) {
      const map = this.maps[reason];
      const rest = (map.get(key) ?? []).filter((r) => r.buyerId !== buyerId);
      if (rest.length) map.set(key, rest);
      else map.delete(key);
      if (this.shared[reason].has(key) && !rest.some((r) => r.buyerId !== rest[0]!.buyerId)) {
        this.shared[reason].delete(key);
      }
    }
    this.keysByBuyer.delete(buyerId);
    this.officeByBuyer.delete(buyerId);
  }

  /**
   * The index as plain data (Maps and arrays: structured-clonable), to rebuild it
   * in a worker with `fromSnapshot` without recomputing every key.
   */
  snapshot(): DuplicateIndexSnapshot {
    return {
      maps: this.maps,
      keysByBuyer: this.keysByBuyer,
      officeByBuyer: this.officeByBuyer,
      shared: this.shared,
    };
  }

  static fromSnapshot(s: DuplicateIndexSnapshot): DuplicateIndex {
    const index = new DuplicateIndex();
    index.maps = s.maps;
    index.keysByBuyer = s.keysByBuyer;
    index.officeByBuyer = s.officeByBuyer;
    index.shared = s.shared;
    return index;
  }

  /**
   * One buyer's keys with the contact each came from (`importBuyer` puts them back
   * without recomputing them: the persisted CRM index snapshot).
   */
  exportBuyer(buyerId: string): [DuplicateReason, string, string | null][] {
    const nth = new Map<string, number>();
    return (this.keysByBuyer.get(buyerId) ?? []).map(([reason, key]) => {
      const tag = `${reason}\u0000${key}`;
      const n = nth.get(tag) ?? 0;
      nth.set(tag, n + 1);
      const own = (this.maps[reason].get(key) ?? []).filter((r) => r.buyerId === buyerId);
      return [reason, key, own[n]?.contactId ?? null];
    });
  }

  /** Indexes a buyer under keys from `exportBuyer`. */
  importBuyer(
    buyer: Pick<BuyerCompany, 'id' | 'officeId'>,
    entries: readonly (readonly [DuplicateReason, string, string | null])[],
  ): void {
    const contacts: { id: string }[] = [];
    const slot = new Map<string, number>();
    const keys: DuplicateKey[] = entries.map(([reason, key, contactId]) => {
      if (contactId === null) return { reason, key };
      let at = slot.get(contactId);
      if (at === undefined) {
        at = contacts.push({ id: contactId }) - 1;
        slot.set(contactId, at);
      }
      return { reason, key, contact: at };
    });
    this.upsertKeys(buyer, contacts, keys);
  }

  /** Number of buyers indexed. */
  get size(): number {
    return this.keysByBuyer.size;
  }

  lookup(reason: DuplicateReason, key: string): readonly Ref[] {
    return this.maps[reason].get(key) ?? [];
  }

  /** Keys of `reason` that at least two different buyers hold. */
  sharedKeys(reason: DuplicateReason): ReadonlySet<string> {
    return this.shared[reason];
  }

  /** Every key a buyer was indexed under (empty when unknown). */
  keysOf(buyerId: string): readonly (readonly [DuplicateReason, string])[] {
    return this.keysByBuyer.get(buyerId) ?? [];
  }

  /** The office of an indexed buyer. */
  officeOf(buyerId: string): string | undefined {
    return this.officeByBuyer.get(buyerId);
  }
}

/** One key a candidate is matched and indexed under; `contact` is the contact's index. */
export interface DuplicateKey {
  reason: DuplicateReason;
  key: string;
  contact?: number;
}

/**
 * Every key of a candidate, in the order matching walks them. Compute once and pass to
 * `findDuplicatesByKeys` / `DuplicateIndex.upsertKeys` to check and index one buyer
 * without folding its names again.
 */
export function duplicateKeys(candidate: DuplicateCandidate): DuplicateKey[] {
  const keys: DuplicateKey[] = [];
  forEachKey(candidate, (reason, key, contact) =>
    keys.push(contact === undefined ? { reason, key } : { reason, key, contact }),
  );
  return keys;
}

function forEachKey(
  c: DuplicateCandidate,
  emit: (reason: DuplicateReason, key: string, contactIndex?: number) => void,
): void {
  const companies = companyKeys(c.buyer);
  companies.forEach((k) => emit('companyName', k));
  const site = websiteKey(c.buyer.website ?? '');
  if (site) emit('website', site);
  c.contacts.forEach((contact, i) => {
    for (const e of contact.emails) {
      const email = normalizeEmail(e);
      emit(isSharedMailbox(email) ? 'sharedEmail' : 'email', email, i);
    }
    for (const p of contact.phones) emit('phone', p.e164, i);
    for (const m of contact.messengers) emit('messenger', messengerKey(m), i);
    for (const person of personKeys(contact)) {
      for (const company of companies) emit('companyAndPerson', `${company}|${person}`, i);
    }
  });
}

/**
 * Existing buyers that may be the candidate, best first. Pass `candidate.buyer.id`
 * when checking an existing record so it does not match itself.
 */
export function findDuplicates(
  candidate: DuplicateCandidate,
  index: DuplicateIndex,
): DuplicateMatch[] {
  // Nothing to match against (a first import): no keys to compute.
  if (index.size === 0) return [];
  return findDuplicatesByKeys(duplicateKeys(candidate), index, candidate.buyer.id);
}

/**
 * `findDuplicates` with the candidate's keys already computed (`duplicateKeys`);
 * `selfId`: the candidate's own id, never matched.
 */
export function findDuplicatesByKeys(
  keys: readonly DuplicateKey[],
  index: DuplicateIndex,
  selfId?: string,
): DuplicateMatch[] {
  if (index.size === 0) return [];
  const byBuyer = new Map<string, Map<string, DuplicateEvidence>>();
  for (const { reason, key } of keys) {
    const refs = index.lookup(reason, key);
    for (const ref of refs) {
      if (ref.buyerId === selfId) continue;
      let evidence = byBuyer.get(ref.buyerId);
      if (!evidence) {
        evidence = new Map<string, DuplicateEvidence>();
        byBuyer.set(ref.buyerId, evidence);
      }
      // One piece of evidence per reason and contact: 山田太郎 and "山田 太郎" are the same fact.
      const id = ref.contactId ? `${reason}|${ref.contactId}` : reason;
      if (!evidence.has(id)) {
        evidence.set(
          id,
          ref.contactId
            ? { reason, value: key, score: REASON_SCORES[reason], contactId: ref.contactId }
            : { reason, value: key, score: REASON_SCORES[reason] },
        );
      }
    }
  }
  const matches: DuplicateMatch[] = [];
  for (const [buyerId, evidenceMap] of byBuyer) {
    const evidence = [...evidenceMap.values()].sort((a, b) => b.score - a.score);
    matches.push({ buyerId, ...combineEvidence(evidence), evidence });
  }
  return matches.sort((a, b) => b.score - a.score || byLocale(a.buyerId, b.buyerId));
}

/** `localeCompare` without looking the default locale's collator up on every call. */
const byLocale = new Intl.Collator().compare;

/** Score at or above which a match is 'strong' ("very likely" the same buyer). */
export const STRONG_DUPLICATE_SCORE = 0.8;

/**
 * One score for several pieces of evidence: a noisy-or over distinct reasons (the same
 * reason twice is not independent evidence), rounded to 3 decimals.
 */
export function combineEvidence(evidence: readonly Pick<DuplicateEvidence, 'reason' | 'score'>[]): {
  score: number;
  level: DuplicateMatch['level'];
} {
  // Best score per reason in order of first appearance (the product's order): a few
  // reasons at most, so arrays, not a Map (called for every match of every import row).
  const reasons: DuplicateReason[] = [];
  const best: number[] = [];
  for (const e of evidence) {
    const at = reasons.indexOf(e.reason);
    if (at < 0) {
      reasons.push(e.reason);
      best.push(Math.max(0, e.score));
    } else best[at] = Math.max(best[at]!, e.score);
  }
  let miss = 1;
  for (const s of best) miss *= 1 - s;
  const score = Math.round((1 - miss) * 1000) / 1000;
  return {
    score,
    level: score >= STRONG_DUPLICATE_SCORE ? 'strong' : score >= 0.5 ? 'possible' : 'weak',
  };
}
