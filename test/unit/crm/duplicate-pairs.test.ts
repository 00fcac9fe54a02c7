import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateIndex, findDuplicates } from '@shared/crm/duplicates';
import { duplicatePairKey, findDuplicatePairs } from '@shared/crm/duplicate-pairs';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { makeBuyer, makeContact } from './helpers/records';

/** A buyer with one contact person; `o` picks what it shares with others. */
function record(
  id: string,
  o: {
    name?: string;
    email?: string;
    phone?: string;
    line?: string;
    person?: [string, string];
    website?: string;
    officeId?: string;
  } = {},
): { buyer: BuyerCompany; contacts: Contact[] } {
  const officeId = o.officeId ?? 'tokyo';
  const buyer = makeBuyer(id, {
    nameNative: o.name ?? `Company ${id}`,
    officeId,
    ...(o.website ? { website: o.website } : {}),
  });
  const contact = makeContact(`c-${id}`, id, {
    officeId,
    familyName: o.person?.[0] ?? `Family${id}`,
    givenName: o.person?.[1] ?? `Given${id}`,
    emails: o.email ? [o.email] : [],
    phones: o.phone ? [{ e164: o.phone }] : [],
    messengers: o.line ? [{ channel: 'LINE', handle: o.line }] : [],
  });
  return { buyer, contacts: [contact] };
}

function indexOf(records: ReturnType<typeof record>[]): DuplicateIndex {
  const index = new DuplicateIndex();
  for (const r of records) index.upsert(r.buyer, r.contacts);
  return index;
}

describe('findDuplicatePairs', () => {
  it('pairs two buyers of one office sharing a personal email, with the evidence', () => {
    const index = indexOf([
      record('b2', { name: '株式会社大阪食品', email: 'Suzuki@osaka-shokuhin.co.jp' }),
      record('b1', { name: 'Osaka Shokuhin', email: 'suzuki@OSAKA-shokuhin.co.jp' }),
      record('b3', { name: 'Unrelated', email: 'someone@example.jp' }),
    ]);
    const { pairs } = findDuplicatePairs(index);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      key: 'b1|b2',
      buyerIds: ['b1', 'b2'],
      officeId: 'tokyo',
      level: 'strong',
      evidence: [{ reason: 'email', value: 'suzuki@osaka-shokuhin.co.jp' }],
    });
    expect(duplicatePairKey('b2', 'b1')).toBe('b1|b2');
  });

  it('uses each strong key: phone, messenger ID, company + person; adds weak evidence to the score', () => {
    const index = indexOf([
      record('p1', { phone: '+819012345678' }),
      record('p2', { phone: '+819012345678' }),
      record('m1', { line: 'taro_y' }),
      record('m2', { line: 'TARO_Y' }),
      record('n1', {
        name: '株式会社山田商事',
        person: ['山田', '太郎'],
        website: 'https://yamada.jp',
      }),
      record('n2', {
        name: '山田商事',
        person: ['山田', '太郎'],
        website: 'http://www.yamada.jp/a',
      }),
    ]);
    const byKey = new Map(findDuplicatePairs(index).pairs.map((p) => [p.key, p]));
    expect([...byKey.keys()].sort()).toEqual(['m1|m2', 'n1|n2', 'p1|p2']);
    expect(byKey.get('p1|p2')!.evidence.map((e) => e.reason)).toEqual(['phone']);
    expect(byKey.get('m1|m2')!.evidence.map((e) => e.reason)).toEqual(['messenger']);
    const names = byKey.get('n1|n2')!;
    expect(new Set(names.evidence.map((e) => e.reason))).toEqual(
      new Set(['companyAndPerson', 'companyName', 'website']),
    );
    // 1 - (1 - 0.85)(1 - 0.5)(1 - 0.4)
    expect(names.score).toBeCloseTo(0.955, 3);
    // Strongest first.
    expect(findDuplicatePairs(index).pairs[0]!.key).toBe('n1|n2');
  });

  it('leaves weak matches (company name, shared mailbox, website) to the create warning', () => {
    const index = indexOf([
      record('a', {
        name: 'Kobe Marine Supply',
        email: 'info@kobe-marine.jp',
        website: 'https://kobe-marine.jp',
      }),
      record('b', {
        name: 'Kobe Marine Supply K.K.',
        email: 'info@kobe-marine.jp',
        website: 'https://kobe-marine.jp',
      }),
    ]);
    expect(findDuplicatePairs(index).pairs).toEqual([]);
    // 1 - 0.5 * 0.75 * 0.6 = 0.775: "possible", listed when asked for possible matches.
    const possible = findDuplicatePairs(index, { minScore: 0.5 }).pairs;
    expect(possible.map((p) => [p.key, p.level])).toEqual([['a|b', 'possible']]);
  });

  it('never pairs buyers of two offices, and can keep to one office', () => {
    const index = indexOf([
      record('t1', { email: 'kim@example.kr' }),
      record('t2', { email: 'kim@example.kr' }),
      record('s1', { email: 'kim@example.kr', officeId: 'shanghai' }),
      record('s2', { email: 'kim@example.kr', officeId: 'shanghai' }),
    ]);
    expect(findDuplicatePairs(index).pairs.map((p) => [p.key, p.officeId])).toEqual([
      ['s1|s2', 'shanghai'],
      ['t1|t2', 'tokyo'],
    ]);
    expect(findDuplicatePairs(index, { officeId: 'tokyo' }).pairs.map((p) => p.key)).toEqual([
      't1|t2',
    ]);
  });

  it('leaves out pairs a person marked "not a duplicate"', () => {
    const index = indexOf([
      record('x', { email: 'lee@example.vn' }),
      record('y', { email: 'lee@example.vn' }),
      record('z', { email: 'lee@example.vn' }),
    ]);
    const { pairs } = findDuplicatePairs(index, { dismissed: new Set(['x|y']) });
    expect(pairs.map((p) => p.key)).toEqual(['x|z', 'y|z']);
  });

  it('does not let one key shared by a crowd propose pairs', () => {
    const crowd = Array.from({ length: 60 }, (_, i) =>
      record(`crowd${String(i).padStart(2, '0')}`, { phone: '+81312345678' }),
    );
    const index = indexOf([
      ...crowd,
      // Two of the crowd also share an email: that pair is proposed, the phone adds evidence.
      record('pair-a', { phone: '+81312345678', email: 'ito@example.jp' }),
      record('pair-b', { phone: '+81312345678', email: 'ito@example.jp' }),
    ]);
    const result = findDuplicatePairs(index, { maxGroup: 50 });
    expect(result.crowdedKeys).toBe(1);
    expect(result.pairs.map((p) => p.key)).toEqual(['pair-a|pair-b']);
    expect(result.pairs[0]!.evidence.map((e) => e.reason)).toEqual(['email', 'phone']);
  });

  it('follows upserts and removes (shared keys kept up to date)', () => {
    const a = record('a', { email: 'park@example.kr' });
    const b = record('b', { email: 'park@example.kr' });
    const index = indexOf([a, b]);
    expect(findDuplicatePairs(index).pairs).toHaveLength(1);
    // b's email is corrected: no longer a pair.
    const fixed = record('b', { email: 'park2@example.kr' });
    index.upsert(fixed.buyer, fixed.contacts);
    expect(findDuplicatePairs(index).pairs).toEqual([]);
    expect(index.sharedKeys('email').size).toBe(0);
    index.upsert(b.buyer, b.contacts);
    expect(findDuplicatePairs(index).pairs).toHaveLength(1);
    // Merged: b is deleted.
    index.remove('b');
    expect(findDuplicatePairs(index).pairs).toEqual([]);
    // Two contacts of ONE buyer sharing a phone are not a pair.
    const one = makeBuyer('solo', { nameNative: 'Solo' });
    index.upsert(one, [
      makeContact('s1', 'solo', { familyName: 'A', phones: [{ e164: '+84901234567' }] }),
      makeContact('s2', 'solo', { familyName: 'B', phones: [{ e164: '+84901234567' }] }),
    ]);
    expect(index.sharedKeys('phone').size).toBe(0);
    expect(findDuplicatePairs(index).pairs).toEqual([]);
  });

  it('equals comparing every buyer with every other (random edits, small pools)', () => {
    const emails = ['a@x.jp', 'b@x.jp', 'info@x.jp'];
    const phones = ['+819011111111', '+819022222222'];
    const names = ['Alpha Trading', 'Beta Foods', 'Gamma Marine'];
    const people: [string, string][] = [
      ['Sato', 'Ken'],
      ['Ito', 'Yui'],
    ];
    const recordArb = fc.record({
      id: fc.constantFrom('b0', 'b1', 'b2', 'b3', 'b4', 'b5'),
      remove: fc.boolean(),
      officeId: fc.constantFrom('tokyo', 'tokyo', 'shanghai'),
      name: fc.constantFrom(...names),
      email: fc.option(fc.constantFrom(...emails), { nil: undefined }),
      phone: fc.option(fc.constantFrom(...phones), { nil: undefined }),
      line: fc.option(fc.constantFrom('l1', 'l2'), { nil: undefined }),
      person: fc.constantFrom(...people),
    });
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 25 }), fc.boolean(), (edits, possible) => {
        const minScore = possible ? 0.5 : 0.8;
        const index = new DuplicateIndex();
        const current = new Map<string, ReturnType<typeof record>>();
        for (const e of edits) {
          if (e.remove) {
            index.remove(e.id);
            current.delete(e.id);
          } else {
            const r = record(e.id, e);
            index.upsert(r.buyer, r.contacts);
            current.set(e.id, r);
          }
        }
        const expected: string[] = [];
        const ids = [...current.keys()].sort();
        for (const a of ids) {
          const ra = current.get(a)!;
          const matches = findDuplicates(ra, index);
          for (const m of matches) {
            if (m.buyerId <= a || m.score < minScore) continue;
            if (current.get(m.buyerId)!.buyer.officeId !== ra.buyer.officeId) continue;
            expected.push(`${a}|${m.buyerId}:${m.score}`);
          }
        }
        const got = findDuplicatePairs(index, { minScore, maxGroup: 1000 }).pairs.map(
          (p) => `${p.key}:${p.score}`,
        );
        expect(got.sort()).toEqual(expected.sort());
      }),
      { numRuns: 300 },
    );
  });

  it('scales with the shared keys, not with the buyers squared (100,000 buyers)', () => {
    const index = new DuplicateIndex();
    for (let i = 0; i < 100_000; i++) {
      const id = `b${String(i).padStart(6, '0')}`;
      // Built without zod for speed: the index reads only these fields.
      const buyer = {
        id,
        officeId: 'tokyo',
        nameNative: `Firm ${i}`,
        nameLatin: '',
        website: '',
      } as unknown as BuyerCompany;
      // Every 1,000th buyer has a twin (same phone as its predecessor).
      const phone = `+8190${String(i % 1000 === 1 ? i - 1 : i).padStart(8, '0')}`;
      index.upsert(buyer, [
        {
          id: `c${id}`,
          buyerId: id,
          familyName: `F${i}`,
          givenName: `G${i}`,
          latinFamily: '',
          latinGiven: '',
          emails: [],
          phones: [{ e164: phone, kind: 'mobile' }],
          messengers: [],
        } as unknown as Contact,
      ]);
    }
    const started = performance.now();
    const { pairs } = findDuplicatePairs(index);
    const ms = performance.now() - started;
    expect(pairs).toHaveLength(100);
    expect(pairs[0]!.key).toBe('b000000|b000001');
    // Shared keys only: a few hundred lookups, not 5·10⁹ comparisons (generous for loaded CI).
    expect(ms).toBeLessThan(250);
  });
});
