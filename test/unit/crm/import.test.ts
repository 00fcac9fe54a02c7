import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuplicateIndex } from '@shared/crm/duplicates';
import {
  decodeText,
  detectImportFormat,
  planImport,
  readImportFile,
  splitFullName,
  suggestMapping,
  type ImportFormat,
  type PlanOptions,
  type RawTable,
} from '@shared/crm/io';
import { makeBuyer, makeContact } from './helpers/records';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(resolve(__dirname, '../../fixtures/crm', name)));

let seq = 0;
const tokyo: PlanOptions = {
  officeId: 'tokyo',
  officeCountry: 'JP',
  hanDefault: 'ja',
  newId: () => `new-${++seq}`,
};
const shanghai: PlanOptions = {
  ...tokyo,
  officeId: 'shanghai',
  officeCountry: 'CN',
  hanDefault: 'zh',
};
const hq: PlanOptions = { ...tokyo, officeId: 'hq', officeCountry: 'KR', hanDefault: 'zh' };
const hcmc: PlanOptions = {
  ...tokyo,
  officeId: 'hochiminh',
  officeCountry: 'VN',
  hanDefault: 'zh',
};
const none = { duplicates: DuplicateIndex.build([], []) };

async function table(name: string, format?: ImportFormat): Promise<RawTable> {
  const bytes = fixture(name);
  const detected = detectImportFormat(name, bytes);
  if (!detected.ok) throw new Error(detected.error.code);
  const r = await readImportFile(bytes, format ?? detected.value);
  if (!r.ok) throw new Error(r.error.code);
  return r.value.table;
}

describe('encodings', () => {
  it.each([
    ['buyers-ja.utf8.csv', 'utf-8', 'utf8-valid'],
    ['buyers-ja.sjis.csv', 'shift_jis', 'detected'],
    ['buyers-zh.gbk.csv', 'gbk', 'detected'],
    ['buyers-ko.cp949.csv', 'euc-kr', 'detected'],
  ])('%s decodes as %s', (name, encoding, via) => {
    const r = decodeText(fixture(name));
    expect(r.ok && r.value.encoding).toBe(encoding);
    expect(r.ok && r.value.via).toBe(via);
    const utf8 = new TextDecoder().decode(fixture(name.replace(/\.(sjis|gbk|cp949)\./, '.utf8.')));
    expect(r.ok && r.value.text).toBe(utf8);
  });

  it('honours a BOM and a user override, and refuses an override that does not fit', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b\n1,2\n')]);
    expect(decodeText(bom)).toMatchObject({ ok: true, value: { text: 'a,b\n1,2\n', via: 'bom' } });
    expect(decodeText(fixture('buyers-ja.sjis.csv'), 'shift_jis')).toMatchObject({
      ok: true,
      value: { via: 'override' },
    });
    expect(decodeText(fixture('buyers-ja.sjis.csv'), 'utf-8')).toEqual({
      ok: false,
      error: { code: 'crm.import.decode_failed', params: { encoding: 'utf-8' } },
    });
    expect(decodeText(new Uint8Array())).toEqual({
      ok: false,
      error: { code: 'crm.import.empty_file' },
    });
  });
});

describe('CSV import in every encoding', () => {
  it.each(['buyers-ja.utf8.csv', 'buyers-ja.sjis.csv'])(
    '%s: Japanese headers map, rows group into buyers',
    async (name) => {
      const t = await table(name);
      const mapping = suggestMapping(t.headers);
      expect(mapping).toMatchObject({
        会社名: 'buyer.nameNative',
        セイ: 'contact.readingFamily',
        携帯: 'contact.phone.mobile',
        LINE: 'contact.LINE',
        備考: 'contact.notes',
      });
      const plan = planImport(t, mapping, none, tokyo);
      expect(plan.errors).toEqual([]);
      expect(plan.buyers).toHaveLength(2);
      const [yamada, sato] = plan.buyers;
      expect(yamada!.buyer).toMatchObject({
        nameNative: '株式会社山田商事',
        nameLatin: 'Yamada Shoji Co.',
        reading: 'ヤマダショウジ',
        nameScript: 'ja',
        country: 'JP',
        industries: ['processed_food'],
        tags: ['展示会'],
      });
      expect(yamada!.rows).toEqual([1, 2]);
      expect(yamada!.contacts.map((c) => [c.familyName, c.givenName, c.reading])).toEqual([
        ['山田', '太郎', 'ヤマダ タロウ'],
        ['佐藤', '花子', 'サトウ ハナコ'],
      ]);
      const taro = yamada!.contacts[0]!;
      expect(taro.phones).toEqual([
        { e164: '+819012345678', kind: 'mobile' },
        { e164: '+81832221234', kind: 'work' },
      ]);
      expect(taro.messengers).toEqual([{ channel: 'LINE', handle: 'taro_y', preferred: false }]);
      expect(taro.notes).toBe('下関の水産加工, 取引歴あり');
      expect(sato!.buyer.nameNative).toBe('ｻﾄｳ食品株式会社'); // stored as typed; search folds the width
    },
  );

  it.each(['buyers-zh.utf8.csv', 'buyers-zh.gbk.csv'])(
    '%s: Chinese names split, compound surnames kept',
    async (name) => {
      const t = await table(name);
      const plan = planImport(t, suggestMapping(t.headers), none, shanghai);
      expect(plan.errors).toEqual([]);
      const names = plan.buyers.flatMap((b) =>
        b.contacts.map((c) => `${c.familyName}|${c.givenName}|${c.nameScript}`),
      );
      expect(names).toEqual(['张|伟|zh', '欧阳|娜|zh', '曾|强|zh']);
      expect(plan.buyers[0]!.contacts[0]!.messengers[0]).toMatchObject({
        channel: 'WeChat',
        handle: 'zhangwei_hx',
      });
      expect(plan.buyers[0]!.contacts[0]!.phones[0]!.e164).toBe('+8613812345678');
    },
  );

  it.each(['buyers-ko.utf8.csv', 'buyers-ko.cp949.csv'])('%s: Korean', async (name) => {
    const t = await table(name);
    const plan = planImport(t, suggestMapping(t.headers), none, hq);
    expect(plan.errors).toEqual([]);
    expect(plan.buyers.map((b) => b.contacts[0]!.familyName)).toEqual(['김', '남궁']);
    expect(plan.buyers[0]!.contacts[0]!.messengers[0]!.channel).toBe('KakaoTalk');
    expect(plan.buyers[0]!.contacts[0]!.phones[0]!.e164).toBe('+821012345678');
  });

  it('Google Contacts CSV (Vietnamese, diacritics kept)', async () => {
    const t = await table('google-contacts.csv');
    const mapping = suggestMapping(t.headers);
    expect(mapping['Organization 1 - Name']).toBe('buyer.nameNative');
    expect(mapping['E-mail 2 - Value']).toBe('contact.emails');
    const plan = planImport(t, mapping, none, hcmc);
    expect(plan.errors).toEqual([]);
    const dung = plan.buyers[0]!.contacts[0]!;
    expect(dung).toMatchObject({
      familyName: 'Nguyễn',
      givenName: 'Văn Dũng',
      nameScript: 'vi',
      title: 'Giám đốc',
      emails: ['dung.nguyen@daiviet.vn', 'info@daiviet.vn'],
      notes: 'Gặp tại triển lãm',
    });
    expect(dung.phones[0]!.e164).toBe('+84901234567');
    expect(plan.buyers[0]!.buyer).toMatchObject({
      nameNative: 'Công ty TNHH Thực phẩm Đại Việt',
      website: 'https://daiviet.vn',
      country: 'VN',
      nameScript: 'vi',
    });
  });
});

describe('XLSX import', () => {
  it('reads a hand-made sheet (hyperlink, rich text, blank rows)', async () => {
    const t = await table('buyers-ja.xlsx');
    expect(t.rows).toHaveLength(2);
    const plan = planImport(t, suggestMapping(t.headers), none, tokyo);
    expect(plan.errors).toEqual([]);
    expect(plan.buyers[0]!.buyer).toMatchObject({
      website: 'https://www.yamada-shoji.co.jp',
      city: '下関市',
    });
    expect(plan.buyers[0]!.contacts[0]!).toMatchObject({
      notes: '重要 取引先',
      phones: [{ e164: '+819012345678', kind: 'mobile' }],
    });
  });
});

describe('vCard import', () => {
  it('iOS vCard 3 (phonetic names, X-ABLabel groups, IMPP, X-SOCIALPROFILE)', async () => {
    const t = await table('ios-contacts.v3.vcf');
    const plan = planImport(t, suggestMapping(t.headers), none, tokyo);
    expect(plan.errors).toEqual([]);
    const [yamada, smith] = plan.buyers;
    expect(yamada!.buyer).toMatchObject({
      nameNative: '株式会社山田商事',
      reading: 'ヤマダショウジ',
      city: '下関市',
      country: 'JP',
      website: 'https://www.yamada-shoji.co.jp',
      tags: ['バイヤー', '展示会'],
    });
    const taro = yamada!.contacts[0]!;
    expect(taro).toMatchObject({
      familyName: '山田',
      givenName: '太郎',
      reading: 'ヤマダ タロウ',
      title: '部長',
      emails: ['taro.yamada@yamada-shoji.co.jp'],
      notes: 'FOODEX 2025で面会, 水産加工品に関心',
    });
    expect(taro.phones).toEqual([
      { e164: '+819012345678', kind: 'mobile' },
      { e164: '+81832221234', kind: 'work' },
    ]);
    expect(taro.messengers).toEqual([
      { channel: 'LINE', handle: 'taro_y', preferred: true },
      { channel: 'WeChat', handle: 'taro-wechat', preferred: false },
      { channel: 'WhatsApp', handle: '819012345678', preferred: false },
    ]);
    expect(smith!.buyer).toMatchObject({
      nameNative: 'Pacific Harbor Imports LLC',
      country: 'US',
      city: 'Los Angeles',
    });
    expect(smith!.contacts[0]!.phones[0]!.e164).toBe('+12132345678');
  });

  it('Outlook vCard (bare TYPE parameters, LANGUAGE on N)', async () => {
    const t = await table('outlook.v3.vcf');
    const plan = planImport(t, suggestMapping(t.headers), none, shanghai);
    expect(plan.errors).toEqual([]);
    const b = plan.buyers[0]!;
    expect(b.buyer).toMatchObject({
      nameNative: '上海华鑫贸易有限公司',
      country: 'CN',
      city: '上海市',
      website: 'http://www.huaxin.cn',
    });
    expect(b.contacts[0]).toMatchObject({
      familyName: '张',
      givenName: '伟',
      nameScript: 'zh',
      title: '总经理',
    });
    expect(b.contacts[0]!.phones.map((p) => p.kind)).toEqual(['mobile', 'work']);
  });

  it('vCard 4 (tel: URIs, Zalo IMPP, LANG)', async () => {
    const t = await table('contacts.v4.vcf');
    const plan = planImport(t, suggestMapping(t.headers), none, hcmc);
    expect(plan.errors).toEqual([]);
    expect(plan.buyers[0]!.contacts[0]).toMatchObject({
      familyName: 'Lê',
      givenName: 'Quang',
      preferredLanguage: 'vi',
      phones: [{ e164: '+84901234568', kind: 'mobile' }],
      messengers: [{ channel: 'Zalo', handle: '0901234568', preferred: true }],
    });
  });
});

describe('bad files: a clear code and nothing produced', () => {
  it.each([
    ['malformed.csv', 'csv', 'crm.import.csv_malformed'],
    ['not-a-workbook.xlsx', 'xlsx', 'crm.import.xlsx_unreadable'],
    ['truncated.vcf', 'vcard', 'crm.import.truncated'],
  ] as const)('%s → %s', async (name, format, code) => {
    const r = await readImportFile(fixture(name), format);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe(code);
    expect('value' in r).toBe(false);
  });

  it('vCard 2.1 with quoted-printable Shift_JIS (CHARSET=shift_jis) is read', async () => {
    const t = await table('outlook-legacy.v21.vcf');
    expect(t.rows[0]).toMatchObject({ 'contact.familyName': '山田', 'contact.givenName': '太郎' });
  });

  it('names a repeated column instead of refusing it; refuses an empty or non-vCard file', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const repeated = await readImportFile(enc('a,a,b\n1,2,3\n'), 'csv');
    expect(repeated.ok && repeated.value.table).toMatchObject({
      headers: ['a', 'a (2)', 'b'],
      rows: [{ a: '1', 'a (2)': '2', b: '3' }],
    });
    expect(await readImportFile(enc('   \n'), 'csv')).toMatchObject({
      ok: false,
      error: { code: 'crm.import.empty_file' },
    });
    expect(await readImportFile(enc('hello'), 'vcard')).toMatchObject({
      ok: false,
      error: { code: 'crm.import.vcard_unreadable' },
    });
    expect(await readImportFile(new Uint8Array(), 'xlsx')).toMatchObject({
      ok: false,
      error: { code: 'crm.import.empty_file' },
    });
  });
});

describe('planImport dry run', () => {
  const t: RawTable = {
    headers: ['Company', 'Name', 'Email', 'Mobile', 'LINE', 'Industry', 'HS'],
    rows: [
      {
        Company: 'Kobe Marine',
        Name: 'Ken Ito',
        Email: 'ken@kobe-marine.jp',
        Mobile: '090-1111-2222',
        LINE: '',
        Industry: 'machinery',
        HS: '',
      },
      {
        Company: '',
        Name: 'No Company',
        Email: 'x@y.jp',
        Mobile: '',
        LINE: '',
        Industry: '',
        HS: '',
      },
      {
        Company: 'Bad Mail Co',
        Name: 'Jo',
        Email: 'not-an-email',
        Mobile: '12',
        LINE: '',
        Industry: '',
        HS: '',
      },
      {
        Company: 'Odd Industry',
        Name: '',
        Email: '',
        Mobile: '',
        LINE: '',
        Industry: 'spaceships',
        HS: '',
      },
      {
        Company: '株式会社山田商事',
        Name: '山田 太郎',
        Email: 'info@yamada-shoji.co.jp',
        Mobile: '',
        LINE: '',
        Industry: '',
        HS: '',
      },
    ],
  };
  const mapping = { ...suggestMapping(t.headers), HS: '' as const };
  const existing = {
    duplicates: DuplicateIndex.build(
      [makeBuyer('b1', { nameNative: '株式会社山田商事', nameScript: 'ja' })],
      [
        makeContact('c1', 'b1', {
          familyName: '山田',
          givenName: '太郎',
          nameScript: 'ja',
          emails: ['info@yamada-shoji.co.jp'],
        }),
      ],
    ),
    buyerIds: new Set(['b1']),
  };

  it('reports per-row, per-column translatable errors and keeps only valid records', () => {
    const plan = planImport(t, mapping, existing, tokyo);
    expect(plan.rowCount).toBe(5);
    expect(plan.errors).toEqual([
      { row: 2, column: 'Company', field: 'buyer.nameNative', code: 'crm.import.missing_company' },
      {
        row: 3,
        column: 'Email',
        field: 'contact.emails',
        code: 'crm.invalid_email',
        value: 'not-an-email',
      },
      {
        row: 4,
        column: 'Industry',
        field: 'buyer.industries',
        code: 'crm.invalid_code',
        value: 'spaceships',
      },
    ]);
    expect(plan.validRows).toBe(2);
    // A row is taken whole or not at all: Bad Mail Co is not created without its contact.
    expect(plan.buyers.map((b) => [b.buyer.nameNative, b.contacts.length])).toEqual([
      ['Kobe Marine', 1],
      ['株式会社山田商事', 1],
    ]);
    // Its unreadable phone would have been kept as typed (a note, not a refusal).
    expect(plan.refused.find((r) => r.row === 3)!.issues.map((i) => i.code)).toEqual([
      'crm.invalid_email',
    ]);
    expect(plan.buyers[0]!.contacts[0]).toMatchObject({
      familyName: 'Ito',
      givenName: 'Ken',
      nameScript: 'latin',
    });
  });

  it('flags duplicates of existing buyers with reasons', () => {
    const plan = planImport(t, mapping, existing, tokyo);
    const yamada = plan.buyers.find((b) => b.buyer.nameNative === '株式会社山田商事')!;
    expect(yamada.duplicates[0]).toMatchObject({ buyerId: 'b1', level: 'strong' });
    expect(yamada.duplicates[0]!.evidence.map((e) => e.reason)).toEqual([
      'companyAndPerson',
      'companyName',
      'sharedEmail',
    ]);
    expect(plan.buyers[0]!.duplicates).toEqual([]);
  });

  it('splits full names by script', () => {
    expect(splitFullName('John Smith', 'latin')).toEqual({
      familyName: 'Smith',
      givenName: 'John',
    });
    expect(splitFullName('Nguyễn Văn Dũng', 'vi')).toEqual({
      familyName: 'Nguyễn',
      givenName: 'Văn Dũng',
    });
    expect(splitFullName('山田 太郎', 'ja')).toEqual({ familyName: '山田', givenName: '太郎' });
    expect(splitFullName('山田太郎', 'ja')).toEqual({ familyName: '山田太郎', givenName: '' });
    expect(splitFullName('诸葛亮', 'zh')).toEqual({ familyName: '诸葛', givenName: '亮' });
    expect(splitFullName('김철수', 'ko')).toEqual({ familyName: '김', givenName: '철수' });
  });
});

describe('re-importing known records', () => {
  it('groups rows by buyer id and reports ids that already exist', () => {
    const t: RawTable = {
      headers: ['buyer.id', 'buyer.nameNative', 'contact.id', 'contact.familyName'],
      rows: [
        {
          'buyer.id': 'b1',
          'buyer.nameNative': 'Kobe Marine',
          'contact.id': 'c1',
          'contact.familyName': 'Ito',
        },
        {
          'buyer.id': 'b1',
          'buyer.nameNative': 'Kobe Marine (renamed)',
          'contact.id': 'c2',
          'contact.familyName': 'Sato',
        },
        {
          'buyer.id': 'b1',
          'buyer.nameNative': 'Kobe Marine',
          'contact.id': 'c2',
          'contact.familyName': 'Sato',
        },
      ],
    };
    const plan = planImport(
      t,
      suggestMapping(t.headers),
      {
        duplicates: DuplicateIndex.build([], []),
        buyerIds: new Set(['b1']),
        contactIds: new Set(['c2']),
      },
      tokyo,
    );
    expect(plan.buyers).toHaveLength(1);
    expect(plan.buyers[0]).toMatchObject({ idExists: true, existingContactIds: ['c2'] });
    expect(plan.buyers[0]!.buyer.nameNative).toBe('Kobe Marine'); // the first row of a buyer defines it
    expect(plan.errors).toEqual([
      {
        row: 3,
        column: 'contact.id',
        field: 'contact.id',
        code: 'crm.import.duplicate_id',
        value: 'c2',
      },
    ]);
  });
});
