/**
 * The per-laptop hash chain of access records: a canonical serialization (keys sorted, no
 * whitespace) hashed with SHA-256 (@noble/hashes: synchronous, so an entry is chained inside
 * one IndexedDB transaction without awaiting WebCrypto), and the verification HQ and tests run.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { GENESIS_HASH, type AccessEntry, type UnhashedEntry } from './entry';

/** JSON with object keys sorted at every level: the same entry always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error('canonicalJson: non-finite number');
    }
    return JSON.stringify(value ?? null);
  }
  // Plain loops and one string: HQ serialises every entry it receives (thousands per push).
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** SHA-256 of a text's UTF-8 bytes, as lowercase hex. */
export type Sha256Hex = (text: string) => string;

const nobleSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * The hash of an entry: SHA-256 of its canonical form without `hash` (prevHash is inside).
 * `digest`: another implementation of the same SHA-256 (HQ passes Node's, several times
 * faster than the portable one when it verifies thousands of entries per push).
 */
export function entryHash(
  entry: UnhashedEntry | AccessEntry,
  digest: Sha256Hex = nobleSha256Hex,
): string {
  const { hash: _omit, ...body } = entry as AccessEntry;
  return digest(canonicalJson(body));
}

export function sealEntry(body: UnhashedEntry): AccessEntry {
  return { ...body, hash: entryHash(body) };
}

export type ChainIssueKind =
  /** The entry's content no longer matches its hash. */
  | 'edited'
  /** Sequence numbers skip: entries were removed (or never arrived). */
  | 'gap'
  /** An entry does not point at the hash of the one before it (inserted, removed and re-hashed). */
  | 'broken_link'
  /** Entries are not in increasing sequence order, or a number repeats. */
  | 'reordered';

export interface ChainIssue {
  kind: ChainIssueKind;
  /** The entry where the problem shows. */
  seq: number;
  /** For a gap: how many numbers are missing. */
  missing?: number;
}

/** Where verification starts: after this seq, whose hash is given (genesis: seq 0). */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export const GENESIS_ANCHOR: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

/**
 * Verifies entries in the order given (storage order). Detects an edited entry (hash), a
 * removed one (gap in seq, or a broken link when the rest was renumbered), an inserted one
 * (broken link or repeated seq) and reordered ones (seq not increasing).
 */
export function verifyChain(
  entries: readonly AccessEntry[],
  anchor: ChainAnchor = GENESIS_ANCHOR,
): ChainIssue[] {
  const issues: ChainIssue[] = [];
  let prev = anchor;
  for (const entry of entries) {
    if (entryHash(entry) !== entry.hash) issues.push({ kind: 'edited', seq: entry.seq });
    if (entry.seq <= prev.seq) {
      issues.push({ kind: 'reordered', seq: entry.seq });
    } else if (entry.seq > prev.seq + 1) {
      issues.push({ kind: 'gap', seq: entry.seq, missing: entry.seq - prev.seq - 1 });
    } else if (entry.prevHash !== prev.hash) {
      issues.push({ kind: 'broken_link', seq: entry.seq });
    }
    // Continue from the higher point: one misplaced entry is one issue, not many.
    if (entry.seq > prev.seq) prev = { seq: entry.seq, hash: entry.hash };
  }
  return issues;
}
