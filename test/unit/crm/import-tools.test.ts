// Files made the way real tools make them (test/fixtures/crm/tools/README.md):
// every field and glyph checked, and every bad file refused with its code.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuplicateIndex } from '@shared/crm/duplicates';
import {
  countryCode,
  planImport,
  readImportSource,
  sourceTable,
  suggestMapping,
  MAX_IMPORT_BYTES,
  type ImportPlan,
  type PlanOptions,
} from '@shared/crm/io';
import { contactSchema } from '@shared/crm/schemas';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(resolve(__dirname, '../../fixtures/crm/tools', name)));

function office(country: string, hanDefault: 'ja' | 'zh' = 'zh'): PlanOptions {
  let n = 0;
  return { officeId: 'o1', officeCountry: country, hanDefault, newId: () => `id-${++n}` };
}
const none = { duplicates: DuplicateIndex.build([], []) };

async function plan(name: string, o: PlanOptions): Promise<ImportPlan & { encoding?: string }> {
  const src = await readImportSource(name, fixture(name));
  if (!src.ok) throw new Error(src.error.code);
  const t = sourceTable(src.value);
  if (!t.ok) throw new Error(t.error.code);
  return {
    ...planImport(t.value.table, suggestMapping(t.value.table.headers), none, o),
    encoding: src.value.decoded?.encoding,
  };
}

const people = (p: ImportPlan) =>
  p.buyers.flatMap((b) =>
    b.contacts.map((c) => ({
      company: b.buyer.nameNative,
      country: b.buyer.country,
      name: [c.familyName, c.givenName],
      reading: c.reading,
      title: c.title,
      emails: c.emails,
      phones: c.phones.map((ph) => `${ph.kind}:${ph.e164}${ph.asTyped ? ' (as typed)' : ''}`),
      messengers: c.messengers.map((m) => `${m.channel}:${m.handle}`),
      notes: c.notes,
    })),
  );

describe('Excel CSV in each office legacy encoding', () => {
  it('Japanese (Shift_JIS): 担当者(姓)/(名) and フリガナ columns mapped, a number-typed phone read, a bad row refused whole', async () => {
    const p = await plan('excel-ja.sjis.csv', office('JP', 'ja'));
    expect(p.encoding).toBe('shift_jis');
    expect(people(p)).toEqual([
      {
        company: '株式会社山田商事',
        country: 'JP',
        name: ['山田', '太郎'],
        reading: 'ヤマダ タロウ',
        title: '営業部長',
        emails: ['taro.yamada@yamada-shoji.co.jp'],
        phones: ['mobile:+819012345678', 'work:+81832221234'],
        messengers: ['LINE:taro_y'],
        notes: '髙橋さん紹介, 2025/3/4 面会',
      },
      {
        company: '株式会社山田商事',
        country: 'JP',
        name: ['佐藤', '花子'],
        reading: 'サトウ ハナコ',
        title: '課長',
        emails: ['hanako.sato@yamada-shoji.co.jp'],
        phones: ['mobile:+818011112222', 'work:+81832221234'],
        messengers: [],
        notes: '',
      },
    ]);
    expect(p.buyers[0]!.buyer).toMatchObject({
      reading: 'ヤマダショウジ',
      addressLocal: '山口県下関市竹崎町1-2-3',
    });
    // The row with a broken email is refused whole (company 﨑田水産 not created either), with its value.
    expect(p.refused).toEqual([
      {
        row: 3,
        sourceRow: 4,
        issues: [
          {
            column: 'メールアドレス',
            field: 'contact.emails',
            code: 'crm.invalid_email',
            value: 'sakita@sakita-suisan',
          },
        ],
      },
    ]);
    expect(p.buyers.map((b) => b.buyer.nameNative)).not.toContain('有限会社﨑田水産');
    expect(p.ignoredColumns).toEqual([]);
  });

  it('Korean (CP949): 담당자 split, 연락처 as the work phone, 카카오톡, 대한민국/한국 as KR', async () => {
    const p = await plan('excel-ko.cp949.csv', office('KR'));
    expect(p.encoding).toBe('euc-kr');
    expect(people(p)).toEqual([
      expect.objectContaining({
        company: '(주)한빛무역',
        country: 'KR',
        name: ['김', '민수'],
        title: '과장',
        emails: ['minsu.kim@hanbit.co.kr'],
        phones: ['mobile:+821012345678', 'work:+8225551234'],
        messengers: ['KakaoTalk:minsu_k'],
        notes: '김치·홍삼 수입 관심',
      }),
      expect.objectContaining({ company: '남궁상사', country: 'KR', name: ['남궁', '민'] }),
    ]);
    expect(p.buyers[0]!.buyer.addressLocal).toBe('서울특별시 강남구 테헤란로 1');
  });

  it('Chinese (GBK): compound surname, 微信, 中华人民共和国 as CN', async () => {
    const p = await plan('excel-zh.gbk.csv', office('CN'));
    expect(p.encoding).toBe('gbk');
    expect(people(p)).toEqual([
      {
        company: '上海华鑫贸易有限公司',
        country: 'CN',
        name: ['欧阳', '娜'],
        reading: '',
        title: '采购经理',
        emails: ['ouyang.na@huaxin.cn'],
        phones: ['mobile:+8613812345678', 'work:+862158881234'],
        messengers: ['WeChat:ouyangna_hx'],
        notes: '关注泡菜、海苔',
      },
      expect.objectContaining({
        company: '成都蜀香食品有限公司',
        country: 'CN',
        name: ['曾', '强'],
      }),
    ]);
    expect(p.buyers.map((b) => b.buyer.city)).toEqual(['上海市', '成都市']);
  });

  it('Vietnamese (Windows-1258, ";" separated): tones composed, middle name before the given name', async () => {
    const p = await plan('excel-vi.cp1258.csv', office('VN'));
    expect(p.encoding).toBe('windows-1258');
    expect(people(p)).toEqual([
      {
        company: 'Công ty TNHH Thực phẩm Đại Việt',
        country: 'VN',
        name: ['Nguyễn', 'Văn Minh'],
        reading: '',
        title: 'Giám đốc',
        emails: ['minh.nguyen@daiviet.vn'],
        phones: ['mobile:+84901234567', 'work:+842838221234'],
        messengers: ['Zalo:0901234567'],
        notes: 'Gặp tại triển lãm; quan tâm kim chi',
      },
      expect.objectContaining({
        company: 'Công ty CP Xuất nhập khẩu Sài Gòn',
        country: 'VN',
        name: ['Trần', 'Thị Hương'],
        title: 'Trưởng phòng mua hàng',
      }),
    ]);
    expect(p.buyers[0]!.buyer.addressLocal).toBe('12 Lê Lợi, Quận 1, TP. Hồ Chí Minh');
    // Precomposed (NFC), as typed on a Vietnamese keyboard: search and duplicates compare these.
    expect(p.buyers[0]!.contacts[0]!.familyName).toBe('Nguy\u1ec5n');
  });
});

describe('address-book exports', () => {
  it('Google Contacts CSV: middle name kept, labels route phones (Mobile, Work) and messengers (Zalo, WhatsApp), " ::: " split', async () => {
    const p = await plan('google-contacts.csv', office('VN'));
    expect(people(p)).toEqual([
      {
        company: 'Công ty TNHH Thực phẩm Đại Việt',
        country: 'VN',
        name: ['Nguyễn', 'Văn Minh'],
        reading: '',
        title: 'Giám đốc',
        emails: ['minh.nguyen@daiviet.vn', 'info@daiviet.vn'],
        phones: ['mobile:+84901234567', 'work:+842838221234'],
        messengers: ['Zalo:0901234567'],
        notes: 'Gặp tại triển lãm Foodex',
      },
      {
        company: 'Công ty CP Thương mại Hà Nội',
        country: 'VN',
        name: ['Phạm', 'Thị Lan'],
        reading: '',
        title: 'Trưởng phòng',
        emails: ['lan.pham@hanoitrade.vn'],
        phones: ['mobile:+84912345678'],
        messengers: ['WhatsApp:+84 91 234 5678'],
        notes: '',
      },
    ]);
    expect(p.buyers[0]!.buyer).toMatchObject({
      city: 'Hồ Chí Minh',
      addressLocal: '12 Lê Lợi, Quận 1',
      website: 'https://daiviet.vn',
      tags: ['Buyers'], // Google's system group "* myContacts" is not a tag
    });
    expect(p.ignoredColumns).toEqual([]);
  });

  it('Outlook CSV (Windows-1252): its fixed columns, "United States of America", the en dash and accents', async () => {
    const p = await plan('outlook-contacts.csv', office('US'));
    expect(p.encoding).toBe('windows-1252');
    expect(people(p)).toEqual([
      {
        company: 'Pacific Harbor Imports LLC',
        country: 'US',
        name: ['Martínez', 'José Luis'],
        reading: '',
        title: 'Purchasing Manager',
        emails: ['jmartinez@pacificharbor.com'],
        phones: ['mobile:+13105550199', 'work:+12135550142', 'fax:+12135550143'],
        messengers: [],
        notes: 'Met at Natural Products Expo – wants café-grade yuzu',
      },
    ]);
    expect(p.buyers[0]!.buyer).toMatchObject({
      city: 'Los Angeles',
      addressLocal: '500 S Grand Ave CA 90071',
      website: 'https://www.pacificharbor.com',
      tags: ['Buyers', 'Trade show'],
    });
    // E-mail Type / Display Name, Initials, Priority…: technical, not asked about.
    expect(p.ignoredColumns).toEqual([]);
  });

  it('Outlook vCard 2.1: quoted-printable UTF-8 with soft line breaks, bare types, PHOTO skipped', async () => {
    const p = await plan('outlook-contact.v21.vcf', office('JP', 'ja'));
    expect(people(p)).toEqual([
      {
        company: '株式会社山田商事',
        country: 'JP',
        name: ['山田', '太郎'],
        reading: '',
        title: '部長',
        emails: ['taro.yamada@yamada-shoji.co.jp'],
        phones: ['mobile:+819012345678', 'work:+81832221234', 'fax:+81832221235'],
        messengers: [],
        notes:
          'FOODEX 2025で面会。水産加工品（ふぐ・あんこう）に強い関心、年内に見積もり依頼予定。',
      },
    ]);
    expect(p.buyers[0]!.buyer).toMatchObject({
      city: '下関市',
      addressLocal: '750-0025 山口県 竹崎町1-2-3',
      website: 'http://www.yamada-shoji.co.jp',
    });
  });

  it('Android vCard 2.1: QP names, X-PHONETIC, X-WECHAT, TEL;X-Zalo; a Vietnamese company is in VN', async () => {
    const p = await plan('android-contacts.v21.vcf', office('CN'));
    expect(people(p)).toEqual([
      {
        company: '上海华鑫贸易有限公司',
        country: 'CN',
        name: ['张', '伟'],
        reading: 'Zhang Wei',
        title: '总经理',
        emails: ['zhangwei@huaxin.cn'],
        phones: ['mobile:+8613812345678', 'work:+862158881234'],
        messengers: ['WeChat:zhangwei_hx'],
        notes: '上海进口食品展认识，关注韩国泡菜和海苔，微信联系最快。',
      },
      expect.objectContaining({
        company: 'Công ty TNHH Sao Mai',
        country: 'VN',
        name: ['Lê', 'Quang'],
        phones: ['mobile:+84901234568'],
        messengers: ['Zalo:0901234568'],
      }),
    ]);
  });

  it('iOS vCard 3.0: a fold inside a multi-byte character, an X-ABLabel LINE phone, PHOTO ignored', async () => {
    const p = await plan('ios-folded.v3.vcf', office('JP', 'ja'));
    expect(p.encoding).toBe('utf-8');
    expect(people(p)).toEqual([
      {
        company: '株式会社川口物産',
        country: 'JP',
        name: ['佐藤', '花子'],
        reading: 'サトウ ハナコ',
        title: '課長',
        emails: ['hanako@kawaguchi.jp'],
        phones: ['mobile:+818011112222'],
        messengers: ['LINE:090-8888-7777'],
        notes:
          '福岡の展示会で名刺交換。冷凍水産品と韓国海苔に関心があり、来月の訪問団の商談を希望。通訳は日本語・韓国語。',
      },
    ]);
  });
});

describe('a hand-kept workbook', () => {
  it('finds the header under a merged title, fills the merged company down, reads date, number and formula cells', async () => {
    const src = await readImportSource('buyers-title.xlsx', fixture('buyers-title.xlsx'));
    if (!src.ok) throw new Error(src.error.code);
    expect(src.value.sheets.map((s) => s.name)).toEqual(['メモ', 'バイヤー一覧']);
    expect(src.value.defaultSheet).toBe(1); // the sheet with a list, not the one-line memo
    const t = sourceTable(src.value);
    if (!t.ok) throw new Error(t.error.code);
    expect(t.value.headerRow).toBe(2);
    const { table } = t.value;
    expect(table.rows.map((r) => [r['会社名'], r['同意日'], r['携帯'], r['氏名(確認用)']])).toEqual(
      [
        ['株式会社山田商事', '2025-03-04', '9012345678', '山田 太郎様'],
        ['株式会社山田商事', '2025-03-05', '080-1111-2222', '佐藤 花子様'],
        ['Hanoi Seafood JSC', '2025/03/06', '+84 912 000 111', ''],
      ],
    );
    expect(table.sourceRows).toEqual([4, 5, 6]);
    const mapping = suggestMapping(table.headers);
    const p = planImport(table, mapping, none, office('JP', 'ja'));
    expect(people(p).map((x) => [x.company, x.country, x.name, x.phones])).toEqual([
      ['株式会社山田商事', 'JP', ['山田', '太郎'], ['mobile:+819012345678']],
      ['株式会社山田商事', 'JP', ['佐藤', '花子'], ['mobile:+818011112222']],
      ['Hanoi Seafood JSC', 'VN', ['Đỗ', 'Minh Khôi'], ['mobile:+84912000111']],
    ]);
    // Columns with values that would be lost are named before importing.
    expect(p.ignoredColumns).toEqual([
      { column: '同意日', values: 3 },
      { column: '氏名(確認用)', values: 2 },
    ]);
    // Mapped, the formula saved without its result refuses that row with a clear code.
    const withCheck = planImport(
      table,
      { ...mapping, '氏名(確認用)': 'contact.notes' },
      none,
      office('JP', 'ja'),
    );
    expect(withCheck.refused).toEqual([
      {
        row: 3,
        sourceRow: 6,
        issues: [
          { column: '氏名(確認用)', field: 'contact.notes', code: 'crm.import.formula_no_value' },
        ],
      },
    ]);
  });
});

describe('files that are not what they claim: a clear code, nothing read', () => {
  it.each([
    ['web-page.csv', 'crm.import.html_file'],
    ['binary.csv', 'crm.import.binary_file'],
    ['empty.csv', 'crm.import.empty_file'],
    ['header-only.csv', 'crm.import.no_rows'],
    ['truncated.csv', 'crm.import.truncated'],
    ['legacy.xls', 'crm.import.xls_legacy'],
  ])('%s → %s', async (name, code) => {
    const src = await readImportSource(name, fixture(name));
    const r = src.ok ? sourceTable(src.value) : src;
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code }) });
  });

  it('a 50 MB file is refused before it is parsed; a cut workbook or vCard is refused', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    expect(await readImportSource('huge.csv', big)).toEqual({
      ok: false,
      error: {
        code: 'crm.import.file_too_large',
        params: { max: String(MAX_IMPORT_BYTES / 1048576) },
      },
    });
    const xlsx = fixture('buyers-title.xlsx');
    expect(await readImportSource('cut.xlsx', xlsx.subarray(0, xlsx.length / 2))).toMatchObject({
      ok: false,
      error: { code: 'crm.import.xlsx_unreadable' },
    });
    const vcf = fixture('ios-folded.v3.vcf');
    expect(await readImportSource('cut.vcf', vcf.subarray(0, 200))).toMatchObject({
      ok: false,
      error: { code: 'crm.import.truncated' },
    });
  });
});

describe('values', () => {
  it('countries in any of the five languages, English and codes', () => {
    const cases: [string, string | null][] = [
      ['Vietnam', 'VN'],
      ['Việt Nam', 'VN'],
      ['ベトナム', 'VN'],
      ['越南', 'VN'],
      ['베트남', 'VN'],
      ['日本', 'JP'],
      ['Nhật Bản', 'JP'],
      ['일본', 'JP'],
      ['JPN', 'JP'],
      ['jp', 'JP'],
      ['中国', 'CN'],
      ['中华人民共和国', 'CN'],
      ['Trung Quốc', 'CN'],
      ['중국', 'CN'],
      ['대한민국', 'KR'],
      ['韓国', 'KR'],
      ['Hàn Quốc', 'KR'],
      ['South Korea', 'KR'],
      ['United States of America', 'US'],
      ['USA', 'US'],
      ['米国', 'US'],
      ['美国', 'US'],
      ['Mỹ', 'US'],
      ['Germany', 'DE'],
      ['ドイツ', 'DE'],
      ['Atlantis', null],
      ['XX', null],
    ];
    for (const [text, code] of cases) expect([text, countryCode(text)]).toEqual([text, code]);
  });

  it('a phone no country reads is kept as typed (flagged), with a note; the contact is imported', () => {
    const table = {
      headers: ['Company', 'Name', 'Email', 'Phone', 'Mobile'],
      rows: [
        {
          Company: 'Kobe Marine',
          Name: 'Ken Ito',
          Email: 'ken@kobe-marine.jp',
          Phone: '12',
          Mobile: '8.19012E+11',
        },
      ],
    };
    const p = planImport(table, suggestMapping(table.headers), none, office('JP', 'ja'));
    expect(p.refused).toEqual([]);
    expect(p.buyers[0]!.contacts[0]!.phones).toEqual([
      { e164: '8.19012E+11', kind: 'mobile', asTyped: true },
      { e164: '12', kind: 'work', asTyped: true },
    ]);
    expect(p.warnings[0]!.issues.map((i) => [i.column, i.code, i.value])).toEqual([
      ['Mobile', 'crm.import.phone_excel_number', '8.19012E+11'],
      ['Phone', 'crm.import.phone_kept_as_typed', '12'],
    ]);
    // The schema accepts such a phone only flagged.
    const c = p.buyers[0]!.contacts[0]!;
    expect(contactSchema.safeParse({ ...c, phones: [{ e164: '12', kind: 'work' }] }).success).toBe(
      false,
    );
  });

  it('duplicates inside one file are found with the duplicate warning scoring', () => {
    const table = {
      headers: ['Company', 'Name', 'Email'],
      rows: [
        { Company: 'Kobe Marine', Name: 'Ken Ito', Email: 'ken@kobe-marine.jp' },
        { Company: 'Kobe Marine Co., Ltd.', Name: 'Ken Ito', Email: 'ken@kobe-marine.jp' },
        { Company: 'Osaka Foods', Name: 'Aya Mori', Email: 'aya@osaka-foods.jp' },
      ],
    };
    const p = planImport(table, suggestMapping(table.headers), none, office('JP', 'ja'));
    expect(p.buyers.map((b) => b.inFile.map((d) => [d.buyer, d.level]))).toEqual([
      [],
      [[0, 'strong']],
      [],
    ]);
    expect(p.buyers[1]!.inFile[0]!.evidence.map((e) => e.reason)).toContain('email');
  });
});

describe("Outlook in Japanese and Google's older CSV", () => {
  it('Outlook CSV on Japanese Windows (CP932): Japanese column names, フリガナ columns, every field', async () => {
    const p = await plan('outlook-contacts-ja.sjis.csv', office('JP', 'ja'));
    expect(p.encoding).toBe('shift_jis');
    expect(p.refused).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(people(p)).toEqual([
      {
        company: '株式会社関門フーズ',
        country: 'JP',
        name: ['髙田', '一郎'],
        reading: 'タカダ イチロウ',
        title: '購買部 課長',
        emails: ['ichiro.takada@kanmon-foods.co.jp', 'info@kanmon-foods.co.jp'],
        phones: ['mobile:+819087654321', 'work:+81832661234', 'fax:+81832661235'],
        messengers: [],
        notes: 'ふぐ加工品に関心。FOODEX 2025 で名刺交換',
      },
    ]);
    expect(p.buyers[0]!.buyer).toMatchObject({
      nameScript: 'ja',
      reading: 'カンモンフーズ',
      city: '下関市',
      addressLocal: '東大和町1-2-3 山口県 750-0066',
      website: 'https://www.kanmon-foods.co.jp',
      tags: ['展示会', 'バイヤー'],
    });
    // 電子メールの種類 / 表示名, イニシャル, 優先度, 非公開, 秘密度: technical, not asked about.
    expect(p.ignoredColumns).toEqual([]);
  });

  it('Google CSV before 2023: Given/Additional/Family Name, Yomi readings, Group Membership, IM service columns', async () => {
    const p = await plan('google-contacts-old.csv', office('CN'));
    expect(p.encoding).toBe('utf-8');
    expect(p.refused).toEqual([]);
    expect(people(p)).toEqual([
      {
        company: '上海华鑫贸易有限公司',
        country: 'CN',
        name: ['王', '小明'],
        reading: '',
        title: '采购经理',
        emails: ['wang.xm@huaxin-trade.cn'],
        phones: ['mobile:+8613912345678', 'work:+862152345678'],
        messengers: ['WeChat:wxid_wangxm'],
        notes: '上海食品展认识, 对 "泡菜" 感兴趣',
      },
      {
        company: '株式会社山田商事',
        country: 'JP',
        // Latin names: the additional (middle) name after the given name.
        name: ['Yamada', 'Taro K.'],
        reading: 'ヤマダ タロウ',
        title: '部長',
        emails: ['taro@yamada-shoji.co.jp', 't.yamada@gmail.com'],
        phones: ['work:+81832221234'],
        messengers: ['LINE:taro_y'],
        notes: '',
      },
    ]);
    expect(p.buyers[0]!.buyer).toMatchObject({
      nameScript: 'zh',
      city: '上海',
      addressLocal: '浦东新区世纪大道100号',
      website: 'http://www.huaxin-trade.cn',
      tags: ['采购商'], // "* My Contacts" is Google's system group, not a tag
    });
    // A kanji-only company in Japan reads as Japanese, even imported in a Chinese office.
    expect(p.buyers[1]!.buyer).toMatchObject({
      nameScript: 'ja',
      reading: 'ヤマダショウジ',
      tags: [],
    });
    expect(p.buyers[1]!.contacts[0]!.nameScript).toBe('latin');
    expect(p.ignoredColumns).toEqual([]);
  });
});
