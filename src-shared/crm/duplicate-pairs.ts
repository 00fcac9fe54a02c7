import {
  combineEvidence,
  DUPLICATE_REASONS,
  REASON_SCORES,
  STRONG_DUPLICATE_SCORE,
  type DuplicateIndex,
  type DuplicateMatch,
  type DuplicateReason,
} from './duplicates';

/**
 * Buyers that are probably one buyer entered twice, across a whole office: typically two
 * laptops of the office that each created the same buyer offline, found once sync has
 * brought both records to every laptop (or records imported twice on one laptop).
 *
 * Found from the duplicate index's shared keys only (a key two different buyers hold:
 * the same normalized email, E.164 phone, messenger ID, or company + person name), so
 * the cost is O(shared keys + candidate pairs), never O(buyers²). A key held by more
 * than `maxGroup` buyers says little about any two of them (a switchboard number, a
 * generic address) and is not used to propose pairs (it still counts as evidence for a
 * pair another key proposed), which also bounds the pairs one key can produce.
 */

export interface DuplicatePairEvidence {
  readonly reason: DuplicateReason;
  /** The normalized value both buyers share. */
  readonly value: string;
}

export interface DuplicatePair {
  /** `duplicatePairKey(a, b)`: stable on every laptop (the dismissal's record id). */
  readonly key: string;
  /** Sorted: `buyerIds[0] < buyerIds[1]`. */
  readonly buyerIds: readonly [string, string];
  readonly officeId: string;
  readonly score: number;
  readonly level: DuplicateMatch['level'];
  /** Every key both share, strongest first. */
  readonly evidence: readonly DuplicatePairEvidence[];
}

export interface DuplicatePairOptions {
  /** Only pairs scoring at least this (default: strong matches, 0.8). */
  readonly minScore?: number;
  /** Keys held by more buyers than this propose no pairs (default 50). */
  readonly maxGroup?: number;
  /** Only this office's buyers (default: every office, never a pair across two). */
  readonly officeId?: string;
  /** Pair keys a person marked "not a duplicate". */
  readonly dismissed?: ReadonlySet<string>;
}

export interface DuplicatePairsResult {
  /** Strongest first, then by key. */
  readonly pairs: DuplicatePair[];
  /** Keys skipped for being held by more than `maxGroup` buyers. */
  readonly crowdedKeys: number;
}

/** The id of a pair of buyers, the same whichever way round they are given. */
export function duplicatePairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Reasons that can propose a pair: those strong enough alone to reach `minScore`, unless
 * the weaker ones together could reach it too (then every reason must propose).
 */
function proposingReasons(minScore: number): DuplicateReason[] {
  const alone = DUPLICATE_REASONS.filter((r) => REASON_SCORES[r] >= minScore);
  const rest = DUPLICATE_REASONS.filter((r) => REASON_SCORES[r] < minScore);
  const restTogether = 1 - rest.reduce((miss, r) => miss * (1 - REASON_SCORES[r]), 1);
  return restTogether >= minScore ? [...DUPLICATE_REASONS] : alone;
}

const ORDER = new Map(DUPLICATE_REASONS.map((r, i) => [r, i]));

export function findDuplicatePairs(
  index: DuplicateIndex,
  options: DuplicatePairOptions = {},
): DuplicatePairsResult {
  const minScore = options.minScore ?? STRONG_DUPLICATE_SCORE;
  const maxGroup = options.maxGroup ?? 50;
  const dismissed = options.dismissed;
  const candidates = new Map<string, [string, string]>();
  let crowdedKeys = 0;
  for (const reason of proposingReasons(minScore)) {
    for (const key of index.sharedKeys(reason)) {
      const buyers = [...new Set(index.lookup(reason, key).map((r) => r.buyerId))];
      if (buyers.length > maxGroup) {
        crowdedKeys++;
        continue;
      }
      buyers.sort();
      for (let i = 0; i < buyers.length; i++) {
        const a = buyers[i]!;
        const office = index.officeOf(a);
        if (options.officeId !== undefined && office !== options.officeId) continue;
        for (let j = i + 1; j < buyers.length; j++) {
          const b = buyers[j]!;
          if (index.officeOf(b) !== office) continue;
          const pairKey = `${a}|${b}`;
          if (dismissed?.has(pairKey) || candidates.has(pairKey)) continue;
          candidates.set(pairKey, [a, b]);
        }
      }
    }
  }

  // Evidence of a pair: the keys both hold (a buyer has a handful of keys).
  const keySets = new Map<string, Set<string>>();
  const keySetOf = (id: string) => {
    let set = keySets.get(id);
    if (!set) {
      set = new Set(index.keysOf(id).map(([r, k]) => `${r}\u0000${k}`));
      keySets.set(id, set);
    }
    return set;
  };
  const pairs: DuplicatePair[] = [];
  for (const [pairKey, [a, b]] of candidates) {
    const other = keySetOf(b);
    const seen = new Set<string>();
    const evidence: DuplicatePairEvidence[] = [];
    for (const [reason, value] of index.keysOf(a)) {
      const id = `${reason}\u0000${value}`;
      if (seen.has(id) || !other.has(id)) continue;
      seen.add(id);
      evidence.push({ reason, value });
    }
    const { score, level } = combineEvidence(
      evidence.map((e) => ({ reason: e.reason, score: REASON_SCORES[e.reason] })),
    );
    if (score < minScore) continue;
    evidence.sort(
      (x, y) =>
        REASON_SCORES[y.reason] - REASON_SCORES[x.reason] ||
        ORDER.get(x.reason)! - ORDER.get(y.reason)!,
    );
    pairs.push({
      key: pairKey,
      buyerIds: [a, b],
      officeId: index.officeOf(a)!,
      score,
      level,
      evidence,
    });
  }
  pairs.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { pairs, crowdedKeys };
}
