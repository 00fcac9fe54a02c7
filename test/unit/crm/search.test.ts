import { describe, expect, it } from 'vitest';
import { BuyerSearchIndex } from '@shared/crm/search-index';
import { buildSearchDocument, stripLegalForm } from '@shared/crm/search-keys';
import { generateDemoData } from '@shared/crm/demo';
import { SEED_OFFICES } from '@shared/offices/seed';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { makeBuyer, makeContact } from './helpers/records';

function fixture(): { buyers: BuyerCompany[]; contacts: Contact[] } {
  const buyers = [
    makeBuyer('ja1', {
      nameNative: '株式会社山田商事',
      nameLatin: 'Yamada Shoji Co., Ltd.',
      reading: 'ヤマダショウジ',
      nameScript: 'ja',
    }),
    makeBuyer('ja2', {
      nameNative: 'サトウ食品株式会社',
      nameLatin: 'Sato Foods',
      reading: 'サトウショクヒン',
      nameScript: 'ja',
    }),
    makeBuyer('zh1', {
      nameNative: '上海华鑫贸易有限公司',
      nameLatin: 'Shanghai Huaxin Trading Co., Ltd.',
      nameScript: 'zh',
      country: 'CN',
      officeId: 'shanghai',
    }),
    makeBuyer('vi1', {
      nameNative: 'Công ty TNHH Thực phẩm Đại Việt',
      nameLatin: 'Dai Viet Food Co., Ltd.',
      nameScript: 'vi',
      country: 'VN',
    }),
    makeBuyer('ko1', {
      nameNative: '경남정밀 주식회사',
      nameLatin: 'Gyeongnam Precision',
      nameScript: 'ko',
      country: 'KR',
    }),
    makeBuyer('en1', {
      nameNative: 'Pacific Harbor Imports LLC',
      nameScript: 'latin',
      country: 'US',
      tags: ['exhibition'],
    }),
    makeBuyer('en2', { nameNative: 'Harbor Freight Trading', nameScript: 'latin', country: 'US' }),
  ];
  const contacts = [
    makeContact('c-ja1', 'ja1', {
      familyName: '山田',
      givenName: '太郎',
      latinFamily: 'Yamada',
      latinGiven: 'Taro',
      reading: 'ヤマダ タロウ',
      nameScript: 'ja',
      emails: ['taro.yamada@yamada-shoji.co.jp', 'info@yamada-shoji.co.jp'],
      phones: [{ e164: '+819012345678' }],
    }),
    makeContact('c-ja2', 'ja2', {
      familyName: '佐藤',
      givenName: '花子',
      latinFamily: 'Sato',
      latinGiven: 'Hanako',
      reading: 'サトウ ハナコ',
      nameScript: 'ja',
      messengers: [{ channel: 'LINE', handle: 'hanako_sato' }],
    }),
    makeContact('c-zh1', 'zh1', {
      familyName: '张',
      givenName: '伟',
      latinFamily: 'Zhang',
      latinGiven: 'Wei',
      reading: 'zhang wei',
      nameScript: 'zh',
      phones: [{ e164: '+8613812345678' }],
    }),
    makeContact('c-zh2', 'zh1', {
      familyName: '曾',
      givenName: '强',
      latinFamily: 'Zeng',
      latinGiven: 'Qiang',
      nameScript: 'zh',
    }),
    makeContact('c-vi1', 'vi1', {
      familyName: 'Nguyễn',
      givenName: 'Văn Dũng',
      latinFamily: 'Nguyen',
      latinGiven: 'Van Dung',
      nameScript: 'vi',
    }),
    makeContact('c-vi2', 'vi1', { familyName: 'Đoàn', givenName: 'Thị Mai', nameScript: 'vi' }),
    makeContact('c-ko1', 'ko1', {
      familyName: '김',
      givenName: '철수',
      latinFamily: 'Kim',
      latinGiven: 'Chul-soo',
      nameScript: 'ko',
    }),
    makeContact('c-en1', 'en1', {
      familyName: 'Smith',
      givenName: 'John',
      nameScript: 'latin',
      emails: ['john.smith@pacificharbor.com'],
      phones: [{ e164: '+12132345678' }],
    }),
  ];
  return { buyers, contacts };
}

function buildIndex() {
  const { buyers, contacts } = fixture();
  return BuyerSearchIndex.build(
    buyers.map((b) =>
      buildSearchDocument(
        b,
        contacts.filter((c) => c.buyerId === b.id),
      ),
    ),
  );
}

const ids = (index: BuyerSearchIndex, q: string) => index.search(q).hits.map((h) => h.buyerId);

describe('search across scripts', () => {
  const index = buildIndex();
  it.each([
    ['nguyen', 'vi1'],
    ['Nguyễn', 'vi1'],
    ['NGUYEN VAN', 'vi1'],
    ['dung', 'vi1'],
    ['Doan', 'vi1'],
    ['Đoàn Thị', 'vi1'],
    ['dai viet', 'vi1'],
    ['ｻﾄｳ', 'ja2'],
    ['サトウ', 'ja2'],
    ['さとう', 'ja2'],
    ['sato', 'ja2'],
    ['山田', 'ja1'],
    ['やまだ', 'ja1'],
    ['yamada taro', 'ja1'],
    ['taro', 'ja1'],
    ['张伟', 'zh1'],
    ['zw', 'zh1'],
    ['zhangwei', 'zh1'],
    ['zhang wei', 'zh1'],
    ['zengqiang', 'zh1'], // polyphonic surname 曾 read zeng, not ceng
    ['华鑫', 'zh1'],
    ['huaxin', 'zh1'],
    ['ㄱㅊㅅ', 'ko1'],
    ['김철수', 'ko1'],
    ['경남', 'ko1'],
    ['ㄱㄴㅈㅁ', 'ko1'],
    ['taro.yamada@', 'ja1'],
    ['hanako_sato', 'ja2'],
    ['090-1234', 'ja1'],
    ['+81 90 1234 5678', 'ja1'],
    ['13812345678', 'zh1'],
    ['(213) 234', 'en1'],
    ['smith', 'en1'],
  ])('%s finds %s first', (q, id) => {
    expect(ids(index, q)[0]).toBe(id);
  });

  it('finds nothing for nonsense and for an empty query', () => {
    expect(ids(index, 'xqzv')).toEqual([]);
    expect(ids(index, '   ')).toEqual([]);
  });

  it('reports the matched contact and field', () => {
    const hit = index.search('ㄱㅊㅅ').hits[0]!;
    expect(hit).toMatchObject({
      buyerId: 'ko1',
      contactId: 'c-ko1',
      field: 'contactInitials',
      tier: 'exact',
    });
    const company = index.search('Pacific Harbor Imports LLC').hits[0]!;
    expect(company).toMatchObject({ contactId: null, field: 'companyNative', tier: 'exact' });
  });
});

describe('ranking', () => {
  const index = buildIndex();
  it('ranks exact > prefix > word-prefix > substring', () => {
    // "harbor": prefix of "harbor freight trading", word-prefix in "pacific harbor imports"
    const hits = index.search('harbor').hits;
    expect(hits.map((h) => [h.buyerId, h.tier])).toEqual([
      ['en2', 'prefix'],
      ['en1', 'wordPrefix'],
    ]);
    expect(index.search('arbor').hits.map((h) => h.tier)).toEqual(['substring', 'substring']);
    expect(index.search('sato foods').hits[0]!.tier).toBe('exact');
  });

  it('weights fields inside a tier: a company name beats a tag', () => {
    const { buyers, contacts } = fixture();
    const extra = makeBuyer('tagged', { nameNative: 'Zeta Corp', tags: ['pacific trade fair'] });
    const idx = BuyerSearchIndex.build(
      [...buyers, extra].map((b) =>
        buildSearchDocument(
          b,
          contacts.filter((c) => c.buyerId === b.id),
        ),
      ),
    );
    const hits = idx.search('pacific').hits;
    expect(hits[0]!.buyerId).toBe('en1');
    expect(hits[0]!.tier).toBe('prefix');
    expect(hits[1]).toMatchObject({ buyerId: 'tagged', field: 'tag', tier: 'prefix' });
  });

  it('honours the limit and strips legal forms for prefix search', () => {
    expect(index.search('s').hits.length).toBeGreaterThan(2);
    expect(index.search('s', { limit: 2 }).hits).toHaveLength(2);
    expect(stripLegalForm('株式会社山田商事')).toBe('山田商事');
    expect(stripLegalForm('Công ty TNHH Thực phẩm Đại Việt')).toBe('Thực phẩm Đại Việt');
    expect(stripLegalForm('Yamada Shoji Co., Ltd.')).toBe('Yamada Shoji');
    expect(stripLegalForm('Lincoln Corporate Gifts Inc.')).toBe('Lincoln Corporate Gifts');
    expect(stripLegalForm('Pacific Harbor Co.')).toBe('Pacific Harbor');
    expect(stripLegalForm('(주)경남정밀')).toBe('경남정밀');
    expect(index.search('山田商').hits[0]).toMatchObject({ buyerId: 'ja1', tier: 'prefix' });
  });
});

describe('incremental updates', () => {
  it('adds, updates and removes one buyer without a rebuild', () => {
    const index = buildIndex();
    const b = makeBuyer('new1', { nameNative: 'Kobe Marine Supply' });
    index.upsert(buildSearchDocument(b, []));
    expect(ids(index, 'kobe marine')).toEqual(['new1']);
    expect(index.stats().deltaEntries).toBeGreaterThan(0);

    index.upsert(buildSearchDocument({ ...b, nameNative: 'Osaka Marine Supply' }, []));
    expect(ids(index, 'kobe')).toEqual([]);
    expect(ids(index, 'osaka marine')).toEqual(['new1']);
    expect(ids(index, 'rine')).toEqual(['new1']); // substring in the delta
    expect(ids(index, 'rine sup')).toEqual([]); // multi-word queries match word prefixes only

    // updating a buyer of the main segment replaces its old keys
    const { buyers, contacts } = fixture();
    index.upsert(
      buildSearchDocument(
        { ...buyers[0]!, nameNative: '株式会社川口物産', reading: '' },
        contacts.filter((c) => c.buyerId === 'ja1'),
      ),
    );
    expect(ids(index, '山田商事')).toEqual([]);
    expect(ids(index, '川口')).toEqual(['ja1']);
    expect(ids(index, 'taro')).toEqual(['ja1']); // contacts still indexed

    expect(index.remove('new1')).toBe(true);
    expect(index.remove('new1')).toBe(false);
    expect(ids(index, 'osaka')).toEqual([]);
    expect(index.size).toBe(7);

    index.rebuild();
    expect(index.stats().deltaEntries).toBe(0);
    expect(ids(index, '川口')).toEqual(['ja1']);
    expect(ids(index, 'hanako')).toEqual(['ja2']);
  });

  it('gives the same answers with or without warm-up', () => {
    const data = generateDemoData({
      office: SEED_OFFICES.find((o) => o.id === 'hochiminh')!,
      buyers: 400,
      talks: 0,
    });
    const docs = data.buyers.map((b) =>
      buildSearchDocument(
        b,
        data.contacts.filter((c) => c.buyerId === b.id),
      ),
    );
    const cold = BuyerSearchIndex.build(docs);
    const warm = BuyerSearchIndex.build(docs);
    warm.warmUp();
    for (const q of ['ng', 'nguyen van', 'Trần', 'dung', 'mai', 'thanh dat', 'info@']) {
      expect(cold.search(q).hits).toEqual(warm.search(q).hits);
    }
    expect(cold.search('nguyen').hits.length).toBeGreaterThan(10);
  });
});

describe('prefix-only fields', () => {
  const index = buildIndex();
  it('finds everyone at an email domain by "@domain"', () => {
    expect(index.search('@yamada-shoji').hits.map((h) => [h.buyerId, h.field])).toEqual([
      ['ja1', 'email'],
    ]);
  });
  it('does not substring-match inside emails or phone numbers', () => {
    expect(ids(index, 'amada@')).toEqual([]);
    expect(ids(index, '2345678')).toEqual([]);
    expect(ids(index, '9012345678')).toEqual(['ja1']); // the subscriber number is a key of its own
  });
});

describe('every contact is findable at scale', () => {
  it.each(['tokyo', 'shanghai', 'hochiminh', 'losangeles'])(
    '%s: by email, phone, messenger ID and name',
    (officeId) => {
      const data = generateDemoData({
        office: SEED_OFFICES.find((o) => o.id === officeId)!,
        buyers: 300,
        talks: 0,
        seed: 5,
      });
      const docs = data.buyers.map((b) =>
        buildSearchDocument(
          b,
          data.contacts.filter((c) => c.buyerId === b.id),
        ),
      );
      const index = BuyerSearchIndex.build(docs);
      let finished = index.warmUp(0); // a zero budget sorts at most one bucket per call
      for (let i = 0; i < 5000 && !finished; i++) finished = index.warmUp(0);
      expect(finished).toBe(true);
      for (const c of data.contacts) {
        const email = index.search(c.emails[0]!).hits;
        expect(email[0]).toMatchObject({ buyerId: c.buyerId, tier: 'exact' });
        // one hit per buyer: a colleague with the same generated name may be the one reported
        const reported = data.contacts.find((x) => x.id === email[0]!.contactId)!;
        expect(reported.emails).toContain(c.emails[0]);
        expect(index.search(c.phones[0]!.e164).hits[0]).toMatchObject({
          contactId: c.id,
          tier: 'exact',
        });
        expect(index.search(c.messengers[0]!.handle).hits[0]!.buyerId).toBe(c.buyerId);
        const name = `${c.familyName}${c.nameScript === 'vi' || c.nameScript === 'latin' ? ' ' : ''}${c.givenName}`;
        expect(index.search(name, { limit: 300 }).hits.map((h) => h.buyerId)).toContain(c.buyerId);
      }
    },
  );
});
