import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  accessEntrySchema,
  canonicalJson,
  entryHash,
  sealEntry,
  verifyChain,
  type AccessEntry,
} from '@shared/audit';
import { makeChain } from './helpers';

describe('access record hash chain', () => {
  it('serializes canonically: key order does not change the text or the hash', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
    const [entry] = makeChain(1);
    const shuffled = Object.fromEntries(Object.entries(entry!).reverse()) as AccessEntry;
    expect(entryHash(shuffled)).toBe(entry!.hash);
  });

  it("gives the same text as before it was sped up, and the same hash with Node's SHA-256", () => {
    // The first implementation (filter, sort, map, join): entries already at HQ were hashed so.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
    };
    const values: unknown[] = [
      {},
      [],
      [undefined, null, 0, -1.5, 'ü"\\\n', true],
      { z: undefined, é: 1, a: { c: [{}, []], b: undefined }, B: '한국어', 10: 'n', 2: 'm' },
      ...makeChain(3),
    ];
    for (const v of values) expect(canonicalJson(v)).toBe(reference(v));
    const node = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    for (const e of makeChain(5)) expect(entryHash(e, node)).toBe(e.hash);
  });

  it('accepts an intact chain, and a suffix from its anchor', () => {
    const chain = makeChain(12);
    expect(verifyChain(chain)).toEqual([]);
    expect(verifyChain(chain.slice(5), { seq: 5, hash: chain[4]!.hash })).toEqual([]);
    for (const e of chain) expect(accessEntrySchema.safeParse(e).success).toBe(true);
  });

  it('detects an edited entry (its content no longer matches its hash)', () => {
    const chain = makeChain(6);
    chain[2] = { ...chain[2]!, subjects: [{ kind: 'buyer', ids: ['someone-else'] }] };
    expect(verifyChain(chain)).toEqual([{ kind: 'edited', seq: 3 }]);
  });

  it('detects an edited entry that was re-hashed (the next entry no longer points at it)', () => {
    const chain = makeChain(6);
    const { hash: _h, ...body } = chain[2]!;
    chain[2] = sealEntry({ ...body, action: 'view', object: 'contact' });
    expect(verifyChain(chain)).toEqual([{ kind: 'broken_link', seq: 4 }]);
  });

  it('detects a removed entry (a gap), also a removed last-but-one', () => {
    const chain = makeChain(6);
    expect(verifyChain([...chain.slice(0, 2), ...chain.slice(3)])).toEqual([
      { kind: 'gap', seq: 4, missing: 1 },
    ]);
    expect(verifyChain([...chain.slice(0, 4), chain[5]!])).toEqual([
      { kind: 'gap', seq: 6, missing: 1 },
    ]);
  });

  it('detects a removal hidden by renumbering the rest (the link breaks)', () => {
    const chain = makeChain(5);
    const renumbered = [chain[0]!, ...chain.slice(2).map((e) => ({ ...e, seq: e.seq - 1 }))];
    const issues = verifyChain(renumbered);
    expect(issues.map((i) => i.kind)).toContain('broken_link');
    expect(issues.find((i) => i.kind === 'broken_link')?.seq).toBe(2);
  });

  it('detects reordered entries', () => {
    const chain = makeChain(5);
    const swapped = [chain[0]!, chain[2]!, chain[1]!, chain[3]!, chain[4]!];
    const kinds = verifyChain(swapped).map((i) => i.kind);
    expect(kinds).toContain('reordered');
    expect(kinds.length).toBeGreaterThan(0);
  });

  it('detects an inserted entry, re-hashed or not', () => {
    const chain = makeChain(4);
    const forged = sealEntry({
      ...chain[1]!,
      seq: 3,
      prevHash: chain[1]!.hash,
      subjects: [{ kind: 'buyer', ids: ['forged'] }],
    });
    // Inserted with its own number: the original seq 3 repeats and no longer links.
    const inserted = [chain[0]!, chain[1]!, forged, chain[2]!, chain[3]!];
    expect(verifyChain(inserted).map((i) => i.kind)).toContain('reordered');
    // Inserted and the rest renumbered: the entry after it does not point at it.
    const renumbered = [
      chain[0]!,
      chain[1]!,
      forged,
      ...chain.slice(2).map((e) => ({ ...e, seq: e.seq + 1 })),
    ];
    expect(verifyChain(renumbered)).toContainEqual({ kind: 'broken_link', seq: 4 });
  });

  it('refuses an export without a reason and "other" without a note', () => {
    const [entry] = makeChain(5).slice(4);
    expect(accessEntrySchema.safeParse({ ...entry, reason: null }).success).toBe(false);
    expect(
      accessEntrySchema.safeParse({ ...entry, reason: { code: 'other', note: ' ' } }).success,
    ).toBe(false);
  });
});
