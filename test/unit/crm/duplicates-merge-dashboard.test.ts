import { describe, expect, it } from 'vitest';
import { DuplicateIndex, findDuplicates } from '@shared/crm/duplicates';
import { MergeError, applyTalkRepoints, mergeBuyers } from '@shared/crm/merge';
import { officeDashboard } from '@shared/crm/dashboard';
import { stampTalkAmount } from '@shared/crm/talk-amounts';
import { tradeTalkSchema, type TradeTalk } from '@shared/crm/schemas';
import { DEFAULT_FX_RATES, type FxRateTable, type Money } from '@shared/money';
import { makeBuyer, makeContact } from './helpers/records';

const yamada = makeBuyer('b1', {
  nameNative: '株式会社山田商事',
  nameLatin: 'Yamada Shoji Co., Ltd.',
  nameScript: 'ja',
  website: 'https://www.yamada-shoji.co.jp/',
});
const taro = makeContact('c1', 'b1', {
  familyName: '山田',
  givenName: '太郎',
  latinFamily: 'Yamada',
  latinGiven: 'Taro',
  nameScript: 'ja',
  emails: ['Taro.Yamada@yamada-shoji.co.jp', 'info@yamada-shoji.co.jp'],
  phones: [{ e164: '+819012345678' }],
  messengers: [{ channel: 'LINE', handle: 'taro_y' }],
});
const other = makeBuyer('b2', {
  nameNative: 'Kobe Marine Supply',
  website: 'https://kobe-marine.jp',
});
const otherContact = makeContact('c2', 'b2', {
  familyName: 'Ito',
  givenName: 'Ken',
  emails: ['info@kobe-marine.jp'],
});

const index = DuplicateIndex.build([yamada, other], [taro, otherContact]);
const blank = {
  familyName: '',
  givenName: '',
  latinFamily: '',
  latinGiven: '',
  emails: [],
  phones: [],
  messengers: [],
};

describe('findDuplicates', () => {
  it('a personal email is strong evidence, case-insensitive', () => {
    const m = findDuplicates(
      {
        buyer: { nameNative: 'Something else', nameLatin: '', website: '' },
        contacts: [{ ...blank, emails: ['taro.yamada@YAMADA-SHOJI.co.jp'] }],
      },
      index,
    );
    expect(m[0]).toMatchObject({
      buyerId: 'b1',
      level: 'strong',
      evidence: [{ reason: 'email', contactId: 'c1' }],
    });
  });

  it('a shared info@ address alone is only weak evidence', () => {
    const m = findDuplicates(
      {
        buyer: { nameNative: 'Unrelated Trading', nameLatin: '', website: '' },
        contacts: [{ ...blank, emails: ['info@yamada-shoji.co.jp'] }],
      },
      index,
    );
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ buyerId: 'b1', level: 'weak', score: 0.25 });
    expect(m[0]!.evidence[0]!.reason).toBe('sharedEmail');
  });

  it('matches E.164 phone, messenger ID and company + person name (any Latin order, legal form ignored)', () => {
    const byPhone = findDuplicates(
      {
        buyer: { nameNative: 'x', nameLatin: '', website: '' },
        contacts: [{ ...blank, phones: [{ e164: '+819012345678', kind: 'mobile' }] }],
      },
      index,
    );
    expect(byPhone[0]!.evidence[0]!.reason).toBe('phone');
    const byLine = findDuplicates(
      {
        buyer: { nameNative: 'x', nameLatin: '', website: '' },
        contacts: [
          { ...blank, messengers: [{ channel: 'LINE', handle: 'TARO_Y', preferred: false }] },
        ],
      },
      index,
    );
    expect(byLine[0]!.evidence[0]!.reason).toBe('messenger');
    const sameHandleOtherChannel = findDuplicates(
      {
        buyer: { nameNative: 'x', nameLatin: '', website: '' },
        contacts: [
          { ...blank, messengers: [{ channel: 'WeChat', handle: 'taro_y', preferred: false }] },
        ],
      },
      index,
    );
    expect(sameHandleOtherChannel).toEqual([]);
    const byName = findDuplicates(
      {
        buyer: { nameNative: '山田商事', nameLatin: 'YAMADA SHOJI', website: '' },
        contacts: [{ ...blank, latinFamily: 'Yamada', latinGiven: 'Taro' }],
      },
      index,
    );
    expect(byName[0]!.level).toBe('strong');
    expect(byName[0]!.evidence.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['companyAndPerson', 'companyName']),
    );
  });

  it('combines independent weak signals and ignores the record itself', () => {
    const m = findDuplicates(
      {
        buyer: { nameNative: 'Yamada Shoji', nameLatin: '', website: 'http://yamada-shoji.co.jp' },
        contacts: [],
      },
      index,
    );
    expect(m[0]!.score).toBeCloseTo(1 - 0.5 * 0.6, 5); // company name 0.5 + website 0.4
    expect(m[0]!.level).toBe('possible');
    const self = findDuplicates({ buyer: { ...yamada }, contacts: [taro] }, index);
    expect(self).toEqual([]);
  });

  it('updates incrementally', () => {
    const idx = DuplicateIndex.build([yamada], [taro]);
    idx.remove('b1');
    expect(
      findDuplicates(
        { buyer: { nameNative: '山田商事', nameLatin: '', website: '' }, contacts: [] },
        idx,
      ),
    ).toEqual([]);
    idx.upsert(yamada, [taro]);
    expect(
      findDuplicates(
        { buyer: { nameNative: '山田商事', nameLatin: '', website: '' }, contacts: [] },
        idx,
      ),
    ).toHaveLength(1);
  });
});

function talk(
  id: string,
  buyerId: string,
  startsAt: string,
  o: Partial<TradeTalk> = {},
): TradeTalk {
  return tradeTalkSchema.parse({
    id,
    officeId: 'tokyo',
    startsAt,
    timeZone: 'Asia/Tokyo',
    buyerId,
    smeFirmId: 's1',
    ...o,
  });
}

describe('mergeBuyers', () => {
  const dup = makeBuyer('b3', {
    nameNative: '山田商事',
    nameLatin: '',
    nameScript: 'ja',
    city: '下関市',
    tags: ['Exhibition', 'food'],
    industries: ['processed_food'],
    notes: 'met at FOODEX',
    products: [{ name: 'Kimchi', hsCode: '200590' }],
  });
  const a = { ...yamada, tags: ['exhibition'], notes: 'since 2019' };
  const contacts = [
    taro,
    makeContact('c3', 'b3', { familyName: '佐藤', givenName: '花子', nameScript: 'ja' }),
  ];
  const talks = [
    talk('t1', 'b3', '2025-03-01T00:00:00Z'),
    talk('t2', 'b1', '2025-03-02T00:00:00Z'),
  ];

  it('keeps the survivor id, takes chosen fields, unites lists and re-points talks and contacts', () => {
    const plan = mergeBuyers(a, dup, { fields: { nameNative: 'b' } }, { contacts, talks });
    expect(plan.survivor.id).toBe('b1');
    expect(plan.survivor.nameNative).toBe('山田商事');
    expect(plan.survivor.nameLatin).toBe('Yamada Shoji Co., Ltd.');
    expect(plan.survivor.city).toBe('下関市'); // empty on the survivor: filled from the other
    expect(plan.survivor.tags).toEqual(['exhibition', 'food']);
    expect(plan.survivor.notes).toBe('since 2019\n\nmet at FOODEX');
    expect(plan.removedBuyerId).toBe('b3');
    expect(plan.movedContacts).toEqual([{ ...contacts[1], buyerId: 'b1' }]);
    expect(plan.talkRepoints).toEqual([{ talkId: 't1', fromBuyerId: 'b3', toBuyerId: 'b1' }]);
    expect(applyTalkRepoints(talks, plan.talkRepoints).map((t) => t.buyerId)).toEqual(['b1', 'b1']);
    expect(plan.before).toEqual({ a, b: dup });
  });

  it('can keep the other record and refuses nonsense merges', () => {
    const plan = mergeBuyers(a, dup, { survivor: 'b' }, { contacts, talks });
    expect(plan.survivor.id).toBe('b3');
    expect(plan.talkRepoints).toEqual([{ talkId: 't2', fromBuyerId: 'b1', toBuyerId: 'b3' }]);
    expect(() => mergeBuyers(a, a, {}, { contacts, talks })).toThrow(MergeError);
    expect(() => mergeBuyers(a, { ...dup, officeId: 'shanghai' }, {}, { contacts, talks })).toThrow(
      'crm.merge_different_office',
    );
  });
});

describe('officeDashboard', () => {
  const hq: FxRateTable = {
    source: 'hq',
    version: 'v1',
    months: { '2025-03': { JPY: '150', KRW: '1400' }, '2025-04': { JPY: '140', KRW: '1400' } },
  };
  const amt = (minor: number, startsAt: string, currency: Money['currency'] = 'JPY') =>
    stampTalkAmount({ amountMinor: minor, currency }, startsAt, 'Asia/Tokyo', [
      hq,
      DEFAULT_FX_RATES,
    ]);
  const buyers = [yamada, other];
  const talks = [
    talk('t1', 'b1', '2025-03-03T01:00:00Z', {
      negotiated: amt(1_500_000, '2025-03-03T01:00:00Z'),
    }),
    talk('t2', 'b1', '2025-03-20T01:00:00Z', {
      negotiated: amt(3_000_000, '2025-03-20T01:00:00Z'),
      contract: amt(1_500_000, '2025-03-20T01:00:00Z'),
      smeFirmId: 's2',
    }),
    // 2025-03-31T16:00Z is April 1st in Tokyo
    talk('t3', 'b1', '2025-03-31T16:00:00Z', {
      negotiated: amt(1_400_000, '2025-03-31T16:00:00Z'),
      actualExport: amt(1_400_000, '2025-03-31T16:00:00Z'),
    }),
    talk('t4', 'b2', '2025-04-10T01:00:00Z', {
      negotiated: amt(100_000, '2025-04-10T01:00:00Z', 'USD'),
    }),
    talk('t5', 'b2', '2024-04-10T01:00:00Z', { negotiated: amt(100, '2024-04-10T01:00:00Z') }),
    { ...talk('t6', 'b2', '2025-04-10T01:00:00Z'), officeId: 'shanghai' },
  ];

  it('counts distinct buyers and firms per month and per year (not the sum of months)', () => {
    const d = officeDashboard(talks, buyers, {
      year: 2025,
      currencyView: 'usd',
      officeCurrency: 'JPY',
      fxTables: [hq],
      officeId: 'tokyo',
    });
    const mar = d.byMonth.find((r) => r.month === '2025-03')!;
    const apr = d.byMonth.find((r) => r.month === '2025-04')!;
    expect(mar).toMatchObject({ buyersMet: 1, talks: 2, firmsHelped: 2 });
    expect(apr).toMatchObject({ buyersMet: 2, talks: 2, firmsHelped: 1 });
    expect(d.total).toMatchObject({ buyersMet: 2, talks: 4, firmsHelped: 2 });
    expect(d.byMonth).toHaveLength(12);
    expect(d.buyersMetByCountry).toEqual({ JP: 2 });
  });

  it('sums USD snapshots, or converts them at each month rate and states the rates', () => {
    const usd = officeDashboard(talks, buyers, {
      year: 2025,
      currencyView: 'usd',
      officeCurrency: 'JPY',
      fxTables: [hq],
      officeId: 'tokyo',
    });
    // ¥1.5M/150 + ¥3M/150 = $30,000 in March; ¥1.4M/140 + $1,000 in April
    expect(usd.byMonth[2]!.negotiated).toEqual({ amountMinor: 3_000_000, currency: 'USD' });
    expect(usd.byMonth[3]!.negotiated).toEqual({ amountMinor: 1_100_000, currency: 'USD' });
    expect(usd.total.contracted.amountMinor).toBe(1_000_000);
    expect(usd.total.exported.amountMinor).toBe(1_000_000);
    expect(usd.ratesUsed).toEqual([]);

    const yen = officeDashboard(talks, buyers, {
      year: 2025,
      month: 4,
      currencyView: 'office',
      officeCurrency: 'JPY',
      fxTables: [hq],
      officeId: 'tokyo',
    });
    expect(yen.byMonth).toHaveLength(1);
    // original yen kept as is; $1,000 → ¥140,000 at April's rate
    expect(yen.total.negotiated).toEqual({ amountMinor: 1_540_000, currency: 'JPY' });
    expect(yen.ratesUsed.map((r) => `${r.currency}@${r.rateMonth}:${r.perUsd}`)).toEqual([
      'JPY@2025-04:140',
    ]);

    const krw = officeDashboard(talks, buyers, {
      year: 2025,
      month: 3,
      currencyView: 'KRW',
      officeCurrency: 'JPY',
      fxTables: [hq],
      officeId: 'tokyo',
    });
    expect(krw.total.negotiated).toEqual({ amountMinor: 42_000_000, currency: 'KRW' });
    expect(krw.ratesUsed[0]).toMatchObject({ currency: 'KRW', source: 'hq', tableVersion: 'v1' });
  });

  it('HQ sees every office when no office is given', () => {
    const d = officeDashboard(talks, buyers, {
      year: 2025,
      currencyView: 'usd',
      officeCurrency: 'KRW',
      fxTables: [hq],
    });
    expect(d.total.talks).toBe(5);
  });
});
