import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NameScript } from '@shared/crm/codes';
import { sortContacts } from '@shared/crm/collation';
import { createDatabase, type BridgeheadDatabase } from '../../../src-renderer/src/data/db';
import { createBuyer } from '../../../src-renderer/src/features/crm/data/buyer-repository';
import { CrmIndex } from '../../../src-renderer/src/features/crm/data/crm-index';

/**
 * The buyer list's name order (CrmIndex → buyer-order.ts → src-shared/crm/collation.ts)
 * with real names, in every UI language: the order is the data's, not the reader's.
 */
const BUYERS: { name: string; script: NameScript; reading?: string; country: string }[] = [
  // ja: by reading, legal forms (in the name and in the reading) ignored.
  {
    name: '有限会社和田商店',
    script: 'ja',
    reading: 'ユウゲンガイシャワダショウテン',
    country: 'JP',
  },
  { name: '株式会社山田商事', script: 'ja', reading: 'ヤマダショウジ', country: 'JP' },
  {
    name: '株式会社東洋水産',
    script: 'ja',
    reading: 'カブシキガイシャ トウヨウスイサン',
    country: 'JP',
  },
  { name: '佐藤食品', script: 'ja', reading: 'サトウショクヒン', country: 'JP' },
  { name: '阿部物産(株)', script: 'ja', reading: 'アベブッサン', country: 'JP' },
  // zh: pinyin, polyphonic surnames read as surnames (曾 Zēng, not céng; 单 Shàn, not dān…).
  { name: '曾氏茶业有限公司', script: 'zh', country: 'CN' },
  { name: '张氏贸易', script: 'zh', country: 'CN' },
  { name: '单记食品有限公司', script: 'zh', country: 'CN' },
  { name: '查氏纺织', script: 'zh', country: 'CN' },
  { name: '仇氏五金', script: 'zh', country: 'CN' },
  { name: '尉迟食品', script: 'zh', country: 'CN' },
  { name: '解氏机械', script: 'zh', country: 'CN' },
  { name: '朴氏人参', script: 'zh', country: 'CN' },
  { name: '区氏电器', script: 'zh', country: 'CN' },
  { name: '安达食品', script: 'zh', country: 'CN' },
  // ko: by the name, not the legal form before or after it.
  { name: '(주)한빛농산', script: 'ko', country: 'KR' },
  { name: '마루 주식회사', script: 'ko', country: 'KR' },
  { name: '(유)다온식품', script: 'ko', country: 'KR' },
  { name: '주식회사 가나무역', script: 'ko', country: 'KR' },
  { name: '나래상사', script: 'ko', country: 'KR' },
  // vi and Latin script together in one alphabet, legal forms ignored: Vietnamese by its
  // own rules (Đ after D, Ă after A), other Latin names as Latin readers expect (Côté with
  // Cote, before Cozy; Ângelo under A), a Latin-stored name in Vietnamese letters as Vietnamese.
  { name: 'Cozy Foods', script: 'latin', country: 'US' },
  { name: 'Côté Gourmet', script: 'latin', country: 'CA' },
  { name: 'Ângelo Alimentos', script: 'latin', country: 'BR' },
  { name: 'Ăn Ngon Foods', script: 'latin', country: 'VN' },
  { name: 'Zen Trading', script: 'latin', country: 'US' },
  { name: 'Công ty TNHH Hải Long', script: 'vi', country: 'VN' },
  { name: 'Minh Chau Seafood', script: 'latin', country: 'VN' },
  { name: 'CTCP Đông Á', script: 'vi', country: 'VN' },
  { name: 'Bình Minh Foods', script: 'latin', country: 'VN' },
  { name: 'Công ty Cổ phần An Phú', script: 'vi', country: 'VN' },
  { name: 'Apex Foods', script: 'latin', country: 'US' },
  { name: 'Công ty TNHH Bình Minh', script: 'vi', country: 'VN' },
  { name: 'Dũng Tiến', script: 'vi', country: 'VN' },
];

const EXPECTED = [
  '阿部物産(株)',
  '佐藤食品',
  '株式会社東洋水産',
  '株式会社山田商事',
  '有限会社和田商店',
  '安达食品', // ān
  '区氏电器', // Ōu
  '朴氏人参', // Piáo
  '仇氏五金', // Qiú
  '单记食品有限公司', // Shàn
  '解氏机械', // Xiè
  '尉迟食品', // Yùchí
  '曾氏茶业有限公司', // Zēng
  '查氏纺织', // Zhā
  '张氏贸易', // Zhāng
  '주식회사 가나무역',
  '나래상사',
  '(유)다온식품',
  '마루 주식회사',
  '(주)한빛농산',
  'Công ty Cổ phần An Phú',
  'Ângelo Alimentos',
  'Apex Foods',
  'Ăn Ngon Foods',
  'Công ty TNHH Bình Minh',
  'Bình Minh Foods',
  'Côté Gourmet',
  'Cozy Foods',
  'Dũng Tiến',
  'CTCP Đông Á',
  'Công ty TNHH Hải Long',
  'Minh Chau Seafood',
  'Zen Trading',
];

describe('buyer list name order, per UI language', () => {
  let db: BridgeheadDatabase;
  let index: CrmIndex;
  const nameOf = new Map<string, string>();

  beforeAll(async () => {
    db = createDatabase(`crm-name-order-${crypto.randomUUID()}`);
    for (const b of BUYERS) {
      const { buyer } = await createBuyer(db, 'tokyo', {
        buyer: {
          nameNative: b.name,
          nameScript: b.script,
          reading: b.reading ?? '',
          country: b.country,
        },
        contacts: [],
      });
      nameOf.set(buyer.id, b.name);
    }
    index = new CrmIndex(db).start();
    await index.settled();
  });
  afterAll(async () => {
    index.dispose();
    db.close();
    await db.delete();
  });

  it.each(['ko', 'ja', 'zh-CN', 'vi', 'en'])('%s', async (lng) => {
    const ids = await index.whenSorted('name', lng);
    expect(ids.map((id) => nameOf.get(id))).toEqual(EXPECTED);
    // The list shows that order, and country/last-talk orders break ties with it.
    expect(index.query({ text: '', filters: {}, sort: 'name', collation: lng }).ids).toEqual(ids);
    const cn = (await index.whenSorted('country', lng))
      .map((id) => nameOf.get(id))
      .filter((n) => BUYERS.find((b) => b.name === n)!.country === 'CN');
    expect(cn).toEqual(EXPECTED.filter((n) => BUYERS.find((b) => b.name === n)!.country === 'CN'));
  });
});

describe('contact name order', () => {
  const person = (familyName: string, givenName: string, nameScript: NameScript, reading = '') => ({
    familyName,
    givenName,
    nameScript,
    reading,
    latinFamily: '',
    latinGiven: '',
  });

  it('reads Chinese family names as surnames: Qiú < Shàn < Zēng', () => {
    const sorted = sortContacts([
      person('曾', '伟', 'zh'),
      person('单', '丽', 'zh'),
      person('仇', '明', 'zh'),
      person('尉迟', '敬', 'zh'),
      person('王', '芳', 'zh'),
    ]);
    expect(sorted.map((c) => c.familyName)).toEqual(['仇', '单', '王', '尉迟', '曾']);
  });

  it('sorts a Vietnamese name typed without diacritics among the Vietnamese ones', () => {
    const sorted = sortContacts([
      person('Trần', 'Thị Mai', 'vi'),
      person('Do', 'Van Binh', 'latin'),
      person('Lê', 'Văn Dũng', 'vi'),
      person('Phạm', 'Anh', 'vi'),
    ]);
    // Vietnamese people by given name (Anh, Dũng, Mai), the Latin-script one by family name
    // (Do): one alphabet, one collator, not the Latin ones after all the Vietnamese.
    expect(sorted.map((c) => c.familyName)).toEqual(['Phạm', 'Do', 'Lê', 'Trần']);
  });

  it('reads a name stored as Latin in Vietnamese letters as Vietnamese (by given name)', () => {
    const sorted = sortContacts([
      person('Trần', 'Thị Mai', 'vi'),
      person('Nguyễn', 'Văn Hùng', 'latin'),
      person('Do', 'Van Binh', 'latin'),
      person('Phạm', 'Anh', 'vi'),
    ]);
    expect(sorted.map((c) => c.familyName)).toEqual(['Phạm', 'Do', 'Nguyễn', 'Trần']);
  });

  it('orders other Latin-script names as Latin readers do: accents only break ties', () => {
    const sorted = sortContacts([
      person('Cozens', 'Bob', 'latin'),
      person('Côté', 'Marie', 'latin'),
      person('Ôstlund', 'Eva', 'latin'),
      person('Olsen', 'Per', 'latin'),
      person('Cote', 'Anne', 'latin'),
    ]);
    expect(sorted.map((c) => c.familyName)).toEqual(['Cote', 'Côté', 'Cozens', 'Olsen', 'Ôstlund']);
  });
});
