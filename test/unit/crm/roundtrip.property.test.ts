import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDUSTRY_CODES, MESSENGER_CHANNELS, PHONE_KINDS } from '@shared/crm/codes';
import { DuplicateIndex } from '@shared/crm/duplicates';
import {
  createExportWriter,
  encodeLegacy,
  planImport,
  readImportFile,
  suggestMapping,
  type ExportFormat,
  type LegacyCsvEncoding,
} from '@shared/crm/io';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { buyerCompanySchema, contactSchema } from '@shared/crm/schemas';
import { toE164 } from '@shared/crm/validators';

/*
 * Property: any selection of buyers, exported as CSV (UTF-8 with BOM, or a legacy
 * code page), XLSX or vCard 3.0 and imported again, gives the same records.
 * Lists are generated in the order the export writes them (phones by kind,
 * messengers by service): that order is the canonical one.
 */

type Script = 'ja' | 'zh' | 'ko' | 'vi' | 'latin';
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const word = (chars: string, min = 1, max = 4) =>
  fc.array(pick([...chars]), { minLength: min, maxLength: max }).map((a) => a.join(''));

const FAMILY: Record<Script, fc.Arbitrary<string>> = {
  ja: pick(['山田', '佐藤', '髙橋', '鈴木', '渡邊', 'さとう']),
  zh: pick(['王', '李', '欧阳', '诸葛', '张', '陈']),
  ko: pick(['김', '이', '박', '남궁', '최', '정']),
  vi: pick(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Đặng']),
  latin: pick(['Smith', "O'Brien", 'Müller', 'García', 'van der Berg']),
};
const GIVEN: Record<Script, fc.Arbitrary<string>> = {
  ja: word('太郎花子一美千代ゆき', 1, 3),
  zh: word('伟芳娜秀英敏静丽强', 1, 2),
  ko: word('민준서연지호하은도윤', 1, 2),
  // With the middle name, as Vietnamese writes it (Văn Minh, Thị Hồng).
  vi: fc
    .tuple(pick(['Văn', 'Thị', 'Đức', 'Ngọc', '']), pick(['Minh', 'Hồng', 'Dũng', 'Thảo', 'Ánh']))
    .map(([m, g]) => [m, g].filter(Boolean).join(' ')),
  // Given and middle names ("Mary Ann", "José Luis").
  latin: fc
    .tuple(pick(['John', 'Mary', 'José', 'Zoë']), pick(['', 'Ann', 'Luis', 'Q.']))
    .map(([g, m]) => [g, m].filter(Boolean).join(' ')),
};
const COMPANY: Record<Script, fc.Arbitrary<string>> = {
  ja: word('山田商事東京食品丸紅', 2, 4).map((w) => `株式会社${w}`),
  zh: word('上海浦东华鑫贸易食品', 2, 4).map((w) => `${w}有限公司`),
  ko: word('경남정밀한국무역식품', 2, 4).map((w) => `(주)${w}`),
  vi: word('ĐạiViệtSàiGònPhúc', 3, 8).map((w) => `Công ty TNHH ${w}`),
  latin: word('ACMEFoodsTrading', 3, 8).map((w) => `${w} Co., Ltd.`),
};
const SCRIPT_OF_COUNTRY: Record<Script, string[]> = {
  ja: ['JP'],
  zh: ['CN', 'TW', 'SG'],
  ko: ['KR'],
  vi: ['VN'],
  latin: ['US', 'GB', 'DE'],
};
/** Valid numbers: each reads back to the same E.164. */
const PHONES = [
  '+819012345678',
  '+81832221234',
  '+8613912345678',
  '+862152345678',
  '+821012345678',
  '+82552345678',
  '+84901234567',
  '+842838123456',
  '+12135550123',
  '+442079460000',
];
/** Numbers no country reads: kept as typed (flagged), as the import keeps them. */
const AS_TYPED = ['内線 1234', '代表 内線 12', 'ext 77', '총무과 내선 3', 'máy lẻ 204', '分机 808'];
/** Free text: commas, quotes, line breaks, tabs, emoji in any script. */
const TEXT_CHARS = 'abc XYZ 山田 华鑫 경남 Đặng ,;"\'\n\t€☃😀';
/** What every legacy code page here holds (ASCII, and the script's own characters). */
const PLAIN_CHARS = 'abc XYZ ,;"\'\n\t';
const freeText = (chars: string, max: number) =>
  fc.array(pick([...chars]), { maxLength: max }).map((a) =>
    a
      .join('')
      .trim()
      .replace(/\s*\n\s*/g, '\n'),
  );
const simple = (chars: string, max = 12) =>
  fc.array(pick([...chars]), { maxLength: max }).map((a) => a.join('').trim());

const HANDLES = ['taro_y', 'wxid_8a7s6d', '+84901234567', 'kim.minjun', 'name with space/x'];

function contactArb(script: Script, country: string, chars: string) {
  const messengerHandle = pick(chars === TEXT_CHARS ? [...HANDLES, 'Ngọc-Ánh'] : HANDLES);
  return fc
    .record({
      familyName: FAMILY[script],
      givenName: GIVEN[script],
      latin: fc.option(fc.tuple(pick(['Yamada', 'Wang', 'Kim', 'Nguyen']), pick(['Taro', 'Minh']))),
      reading: script === 'ja' ? fc.option(pick(['ヤマダ タロウ', 'サトウ'])) : fc.constant(null),
      title: freeText(chars, 20).map((t) => t.replace(/\s+/g, ' ')),
      emails: fc.uniqueArray(
        fc
          .tuple(simple('abcxyz019._', 10), pick(['example.jp', 'mail.cn', 'corp.co.kr', 'x.vn']))
          .filter(
            ([local]) => /^[a-z0-9]([a-z0-9._]*[a-z0-9])?$/.test(local) && !local.includes('..'),
          )
          .map(([local, domain]) => `${local}@${domain}`),
        { maxLength: 3 },
      ),
      phones: fc.uniqueArray(
        fc.tuple(
          fc.oneof(
            pick(PHONES),
            pick(AS_TYPED).filter((p) => !toE164(p, country) && !toE164(p, 'KR')),
          ),
          pick(PHONE_KINDS),
        ),
        { maxLength: 4, selector: ([n]) => n },
      ),
      messengers: fc.uniqueArray(fc.tuple(pick(MESSENGER_CHANNELS), messengerHandle), {
        maxLength: 3,
        selector: ([c, h]) => `${c}:${h.toLowerCase()}`,
      }),
      preferred: fc.boolean(),
      preferredLanguage: fc.option(pick(['ja', 'zh-CN', 'ko', 'vi', 'en'])),
      consent: fc.option(
        fc.record({
          date: pick(['2024-02-29', '2025-03-10']),
          scope: fc.subarray(['contact', 'marketing', 'transfer_abroad'] as const, {
            minLength: 1,
          }),
          source: freeText(chars, 20).map((t) => t.replace(/\s+/g, ' ')),
        }),
      ),
      notes: freeText(chars, 40),
    })
    .map((g) => {
      const phones = g.phones
        .map(([e164, kind]) => ({ e164, kind, ...(e164.startsWith('+') ? {} : { asTyped: true }) }))
        .sort((a, b) => PHONE_KINDS.indexOf(a.kind) - PHONE_KINDS.indexOf(b.kind));
      const messengers = g.messengers
        .map(([channel, handle]) => ({ channel, handle, preferred: false }))
        .sort(
          (a, b) => MESSENGER_CHANNELS.indexOf(a.channel) - MESSENGER_CHANNELS.indexOf(b.channel),
        );
      // Lists carry the preferred SERVICE: the first handle of that service is the preferred one.
      if (g.preferred && messengers[0]) messengers[0].preferred = true;
      return {
        familyName: g.familyName,
        givenName: g.givenName,
        latinFamily: g.latin?.[0] ?? '',
        latinGiven: g.latin?.[1] ?? '',
        reading: g.reading ?? '',
        nameScript: script,
        title: g.title,
        emails: g.emails,
        phones,
        messengers,
        ...(g.preferredLanguage ? { preferredLanguage: g.preferredLanguage } : {}),
        ...(g.consent ? { consent: g.consent } : {}),
        notes: g.notes,
      };
    });
}

const buyerArb = (scripts: readonly Script[], chars = TEXT_CHARS) =>
  pick(scripts).chain((script) =>
    pick(SCRIPT_OF_COUNTRY[script]).chain((country) =>
      fc.record({
        script: fc.constant(script),
        country: fc.constant(country),
        nameNative: COMPANY[script],
        nameLatin: fc.option(pick(['Yamada Shoji Co., Ltd.', 'Huaxin "HX" Trading', 'Dai Viet'])),
        reading: script === 'ja' ? fc.option(pick(['ヤマダショウジ'])) : fc.constant(null),
        city: freeText(chars, 12).map((t) => t.replace(/\s+/g, ' ')),
        addressLocal: freeText(chars, 20).map((t) => t.replace(/\s+/g, ' ')),
        website: fc.option(pick(['https://www.example.jp/ja/', 'https://x.cn'])),
        industries: fc.subarray([...INDUSTRY_CODES].slice(0, 6)),
        products: fc.uniqueArray(
          fc.tuple(
            pick(
              chars === TEXT_CHARS
                ? ['Frozen oysters', '김치', '汽车零件', 'Nước mắm']
                : ['Frozen oysters', 'Kimchi', 'Auto parts'],
            ),
            fc.option(pick(['030719', '200590'])),
          ),
          { maxLength: 3, selector: ([n]) => n },
        ),
        status: pick(['prospect', 'active', 'dormant'] as const),
        tags: fc.uniqueArray(
          pick(
            chars === TEXT_CHARS
              ? ['展示会', 'FOODEX 2025', 'VIP', '중요', 'Hội chợ, 2024']
              : ['FOODEX 2025', 'VIP', 'fair, 2024'],
          ),
          { maxLength: 3 },
        ),
        notes: freeText(chars, 40),
        contacts: fc.array(contactArb(script, country, chars), { maxLength: 3 }),
      }),
    ),
  );

let serial = 0;
function materialize(generated: readonly GeneratedBuyer[]) {
  const buyers: BuyerCompany[] = [];
  const contacts: Contact[] = [];
  for (const g of generated) {
    const id = `b${++serial}`;
    buyers.push(
      buyerCompanySchema.parse({
        id,
        officeId: 'tokyo',
        nameNative: g.nameNative,
        nameLatin: g.nameLatin ?? '',
        reading: g.reading ?? '',
        nameScript: g.script,
        country: g.country,
        city: g.city,
        addressLocal: g.addressLocal,
        website: g.website ?? '',
        industries: g.industries,
        products: g.products.map(([name, hsCode]) => (hsCode ? { name, hsCode } : { name })),
        status: g.status,
        tags: g.tags,
        notes: g.notes,
      }),
    );
    for (const c of g.contacts)
      contacts.push(
        contactSchema.parse({ ...c, id: `c${++serial}`, buyerId: id, officeId: 'tokyo' }),
      );
  }
  return { buyers, contacts };
}
type GeneratedBuyer = ReturnType<typeof buyerArb> extends fc.Arbitrary<infer T> ? T : never;

async function exportAndImport(
  buyers: BuyerCompany[],
  contacts: Contact[],
  format: ExportFormat,
  encoding?: LegacyCsvEncoding,
) {
  const writer = createExportWriter(format, encoding ? { encoding } : {});
  writer.add(buyers, contacts);
  const out = await writer.finish();
  expect(out.unencodable).toEqual([]);
  const bytes =
    out.parts[0] instanceof Uint8Array
      ? out.parts[0]
      : new TextEncoder().encode(out.parts.join(''));
  const read = await readImportFile(bytes, format, encoding ? { encoding } : {});
  if (!read.ok) throw new Error(read.error.code);
  const plan = planImport(
    read.value.table,
    suggestMapping(read.value.table.headers),
    { duplicates: DuplicateIndex.build([], []) },
    {
      officeId: 'tokyo',
      officeCountry: 'JP',
      hanDefault: 'ja',
      newId: () => {
        throw new Error('every exported record carries its id');
      },
    },
  );
  expect(plan.refused).toEqual([]);
  return {
    buyers: plan.buyers.map((p) => p.buyer),
    contacts: plan.buyers.flatMap((p) => p.contacts),
  };
}

const byId = <T extends { id: string }>(xs: readonly T[]) =>
  [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const ALL: Script[] = ['ja', 'zh', 'ko', 'vi', 'latin'];

describe('export → import round trip (property)', () => {
  it.each(['csv', 'xlsx', 'vcard'] as const)(
    '%s: any selection of buyers in every script re-imports to the same records',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(fc.array(buyerArb(ALL), { minLength: 1, maxLength: 4 }), async (gen) => {
          const { buyers, contacts } = materialize(gen);
          const back = await exportAndImport(buyers, contacts, format);
          expect(byId(back.buyers)).toEqual(byId(buyers));
          expect(byId(back.contacts)).toEqual(byId(contacts));
        }),
        { numRuns: format === 'xlsx' ? 15 : 40 },
      );
    },
    60_000,
  );

  // Older Excel: each code page with the scripts it holds (Node's ICU reads euc-kr
  // without the UHC extension, so the Korean names here are KS X 1001 syllables).
  it.each([
    ['shift_jis', ['ja', 'latin']],
    ['gbk', ['zh', 'latin']],
    ['euc-kr', ['ko', 'latin']],
  ] as const)(
    'CSV in %s re-imports to the same records',
    async (encoding, scripts) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(buyerArb(scripts, PLAIN_CHARS), { minLength: 1, maxLength: 4 }),
          async (gen) => {
            const { buyers, contacts } = materialize(gen);
            // Names of the code page's script (the pools' other-script tags and products aside).
            fc.pre(!encodeLegacy(JSON.stringify([buyers, contacts]), encoding).unencodable.length);
            const back = await exportAndImport(buyers, contacts, 'csv', encoding);
            expect(byId(back.buyers)).toEqual(byId(buyers));
            expect(byId(back.contacts)).toEqual(byId(contacts));
          },
        ),
        { numRuns: 30 },
      );
    },
    60_000,
  );

  it('reports the characters a code page cannot hold instead of dropping them', async () => {
    const { buyers, contacts } = materialize(fc.sample(buyerArb(['vi']), { numRuns: 1, seed: 3 }));
    const writer = createExportWriter('csv', { encoding: 'shift_jis' });
    writer.add(buyers, contacts);
    const out = await writer.finish();
    expect(out.unencodable.length).toBeGreaterThan(0);
    expect(out.unencodable.join('')).toMatch(/[Đđạễơưăậảấầẩẫặẻẽếềểệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
  });
});
