import { describe, expect, it } from 'vitest';
import { DuplicateIndex } from '@shared/crm/duplicates';
import { generateDemoData } from '@shared/crm/demo';
import {
  exportCsv,
  exportVcard,
  exportXlsx,
  planImport,
  readImportFile,
  suggestMapping,
  textBytes,
  type ImportFormat,
} from '@shared/crm/io';
import type { BuyerCompany, Contact } from '@shared/crm/schemas';
import { SEED_OFFICES } from '@shared/offices/seed';
import { makeBuyer, makeContact } from './helpers/records';

/** Records that use every field, with the characters that break naive exporters. */
function richRecords(): { buyers: BuyerCompany[]; contacts: Contact[] } {
  const buyers = [
    makeBuyer('rb1', {
      nameNative: '株式会社山田商事',
      nameLatin: 'Yamada Shoji Co., Ltd.',
      reading: 'ヤマダショウジ',
      nameScript: 'ja',
      country: 'JP',
      city: '下関市',
      addressLocal: '竹崎町4-1-1',
      website: 'https://www.yamada-shoji.co.jp/ja/',
      industries: ['processed_food', 'fishery_products'],
      products: [{ name: 'Frozen oysters', hsCode: '030719' }, { name: 'Kimchi' }],
      status: 'active',
      tags: ['展示会', 'FOODEX 2025'],
      notes: 'Line one, with comma\nLine two; with "quotes"',
    }),
    makeBuyer('rb2', {
      nameNative: 'Công ty TNHH Đại Việt',
      nameLatin: 'Dai Viet Co., Ltd.',
      nameScript: 'vi',
      country: 'VN',
      status: 'dormant',
    }),
  ];
  const contacts = [
    makeContact('rc1', 'rb1', {
      familyName: '山田',
      givenName: '太郎',
      latinFamily: 'Yamada',
      latinGiven: 'Taro',
      reading: 'ヤマダ タロウ',
      nameScript: 'ja',
      title: '営業部長',
      emails: ['taro.yamada@yamada-shoji.co.jp', 'info@yamada-shoji.co.jp'],
      phones: [
        { e164: '+819012345678', kind: 'mobile' },
        { e164: '+81832221234', kind: 'work' },
        { e164: '+81832221235', kind: 'fax' },
      ],
      messengers: [
        { channel: 'LINE', handle: 'taro_y', preferred: true },
        { channel: 'WeChat', handle: 'taro wechat/名', preferred: false },
        { channel: 'WhatsApp', handle: '+819012345678', preferred: false },
      ],
      preferredLanguage: 'ja',
      consent: {
        date: '2025-03-10',
        scope: ['contact', 'share_with_sme'],
        source: 'FOODEX 名刺交換',
        noticeVersion: 'v2',
        noticeLanguage: 'ja',
      },
      notes: 'Prefers mornings, "never" Fridays',
    }),
    makeContact('rc2', 'rb1', {
      familyName: 'Smith',
      givenName: 'John',
      latinFamily: 'Smith',
      latinGiven: 'John',
      nameScript: 'latin',
      emails: ['john@x.com'],
    }),
  ];
  return { buyers, contacts };
}

function demoRecords() {
  const out = { buyers: [] as BuyerCompany[], contacts: [] as Contact[] };
  for (const id of ['tokyo', 'shanghai', 'hochiminh', 'losangeles']) {
    const d = generateDemoData({
      office: SEED_OFFICES.find((o) => o.id === id)!,
      buyers: 5,
      talks: 0,
      seed: 9,
    });
    out.buyers.push(...d.buyers);
    out.contacts.push(...d.contacts);
  }
  return out;
}

async function exportBytes(
  format: ImportFormat,
  buyers: BuyerCompany[],
  contacts: Contact[],
): Promise<Uint8Array> {
  if (format === 'csv') return textBytes(exportCsv(buyers, contacts));
  if (format === 'xlsx') return exportXlsx(buyers, contacts);
  return textBytes(exportVcard(buyers, contacts));
}

const byId = <T extends { id: string }>(xs: readonly T[]) =>
  [...xs].sort((a, b) => a.id.localeCompare(b.id));

describe.each(['csv', 'xlsx', 'vcard'] as const)('%s export → import round trip', (format) => {
  it.each([
    ['rich records', richRecords],
    ['demo records in four scripts', demoRecords],
  ])('loses nothing: %s', async (_, make) => {
    const { buyers, contacts } = make();
    const bytes = await exportBytes(format, buyers, contacts);
    const read = await readImportFile(bytes, format);
    if (!read.ok) throw new Error(read.error.code);
    if (format !== 'xlsx') expect(read.value.decoded?.encoding).toBe('utf-8');
    const plan = planImport(
      read.value.table,
      suggestMapping(read.value.table.headers),
      { duplicates: DuplicateIndex.build([], []) },
      {
        officeId: buyers[0]!.officeId,
        officeCountry: 'KR',
        hanDefault: 'zh',
        newId: () => {
          throw new Error('every record carries its id');
        },
      },
    );
    expect(plan.errors).toEqual([]);
    // officeId comes from the importing office, as in real use; compare per office
    const imported = plan.buyers.map((p) => ({
      ...p.buyer,
      officeId: buyers.find((b) => b.id === p.buyer.id)!.officeId,
    }));
    const importedContacts = plan.buyers.flatMap((p) =>
      p.contacts.map((c) => ({ ...c, officeId: contacts.find((x) => x.id === c.id)!.officeId })),
    );
    expect(byId(imported)).toEqual(byId(buyers));
    expect(byId(importedContacts)).toEqual(byId(contacts));
  });
});

describe('export formats', () => {
  it('CSV starts with a UTF-8 BOM and uses the field names as headers', () => {
    const { buyers, contacts } = richRecords();
    const csv = exportCsv(buyers, contacts);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toMatch(/^\ufeffbuyer\.id,buyer\.nameNative,/);
    expect(textBytes(csv).subarray(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('vCard 3.0 (what every address book reads): IMPP with X-SERVICE-TYPE, TYPE=pref, phones as numbers', () => {
    const { buyers, contacts } = richRecords();
    const vcf = exportVcard(buyers, contacts);
    expect(vcf).toContain('VERSION:3.0');
    expect(vcf).not.toContain('VERSION:4.0');
    expect(vcf).toContain('IMPP;X-SERVICE-TYPE=LINE;TYPE=pref:line:taro_y');
    expect(vcf).toMatch(/IMPP;X-SERVICE-TYPE=WeChat:weixin:taro%20wechat%2F/);
    expect(vcf).toContain('TEL;TYPE=cell:+819012345678');
    expect(vcf).toContain('EMAIL;TYPE=internet,pref:taro.yamada@yamada-shoji.co.jp');
    expect(vcf).toContain('N:山田;太郎;;;');
    expect(vcf).toContain('X-BRIDGEHEAD-LATIN-FAMILY;VALUE=TEXT:Yamada');
    // vCard 3 has no KIND and one N: a company card is Apple's X-ABShowAs:COMPANY with an empty N.
    expect(vcf).not.toMatch(/^KIND|ALTID/m);
    expect(vcf).toContain('X-ABSHOWAS;VALUE=TEXT:COMPANY\r\nFN:Công ty TNHH Đại Việt\r\nN:;;;;');
  });
});
