import { describe, expect, it } from 'vitest';
import {
  buyerCompanySchema,
  contactSchema,
  smeFirmSchema,
  toFieldErrors,
  tradeTalkSchema,
} from '@shared/crm/schemas';
import {
  formatHsCode,
  isSharedMailbox,
  normalizeBusinessRegistrationNumber,
  normalizeHsCode,
  toE164,
} from '@shared/crm/validators';
import { stampTalkAmount } from '@shared/crm/talk-amounts';
import { DEFAULT_FX_RATES } from '@shared/money';

const buyer = {
  id: 'b1',
  officeId: 'tokyo',
  nameNative: '株式会社山田商事',
  nameLatin: 'Yamada Shoji Co., Ltd.',
  reading: 'ヤマダショウジ',
  nameScript: 'ja',
  country: 'JP',
  industries: ['processed_food'],
  products: [{ name: 'Kimchi', hsCode: '2005.90' }],
};

describe('validators', () => {
  it('validates HS codes and keeps digits', () => {
    expect(normalizeHsCode('2005.90')).toBe('200590');
    expect(normalizeHsCode('0303.89.1000')).toBe('0303891000');
    expect(normalizeHsCode('8708')).toBe('8708');
    expect(normalizeHsCode('87083')).toBeNull(); // 5 digits
    expect(normalizeHsCode('770000')).toBeNull(); // reserved chapter
    expect(normalizeHsCode('980000')).toBeNull();
    expect(normalizeHsCode('ab1234')).toBeNull();
    expect(formatHsCode('0303891000')).toBe('0303.89.1000');
  });

  it('checks the business registration number check digit', () => {
    expect(normalizeBusinessRegistrationNumber('1248100998')).toBe('124-81-00998'); // a published valid number
    expect(normalizeBusinessRegistrationNumber('124-81-00999')).toBeNull();
    expect(normalizeBusinessRegistrationNumber('124-81-0099')).toBeNull();
  });

  it('stores phones as E.164 with the office country as default region', () => {
    expect(toE164('090-1234-5678', 'JP')).toBe('+819012345678');
    expect(toE164('138 1234 5678', 'CN')).toBe('+8613812345678');
    expect(toE164('0901 234 567', 'VN')).toBe('+84901234567');
    expect(toE164('(213) 234-5678', 'US')).toBe('+12132345678');
    expect(toE164('+82 10-1234-5678', 'JP')).toBe('+821012345678');
    expect(toE164('12', 'JP')).toBeNull();
  });

  it('recognises shared mailboxes', () => {
    expect(isSharedMailbox('info@yamada.co.jp')).toBe(true);
    expect(isSharedMailbox('Sales2@x.cn')).toBe(true);
    expect(isSharedMailbox('taro.yamada@yamada.co.jp')).toBe(false);
  });
});

describe('schemas', () => {
  it('accepts a buyer, fills defaults and normalizes HS codes', () => {
    const b = buyerCompanySchema.parse(buyer);
    expect(b.status).toBe('prospect');
    expect(b.products[0]!.hsCode).toBe('200590');
    expect(b.tags).toEqual([]);
  });

  it('returns translatable codes with paths', () => {
    const r = buyerCompanySchema.safeParse({
      ...buyer,
      nameNative: '',
      country: 'Japan',
      industries: ['spaceships'],
      products: [{ name: 'x', hsCode: '12' }],
      website: 'ftp://x',
    });
    expect(r.success).toBe(false);
    const errors = toFieldErrors(r.error!);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'nameNative', code: 'crm.required' },
        { path: 'country', code: 'crm.invalid_country' },
        { path: 'industries.0', code: 'crm.invalid_code' },
        { path: 'products.0.hsCode', code: 'crm.invalid_hs_code' },
        { path: 'website', code: 'crm.invalid_url' },
      ]),
    );
  });

  it('validates contacts: a name, E.164 phones, one preferred messenger, no duplicate channel IDs', () => {
    const base = {
      id: 'c1',
      officeId: 'tokyo',
      buyerId: 'b1',
      familyName: '山田',
      givenName: '太郎',
      nameScript: 'ja',
    };
    expect(contactSchema.parse(base).emails).toEqual([]);
    expect(contactSchema.safeParse({ ...base, familyName: '', givenName: '' }).success).toBe(false);
    expect(
      toFieldErrors(
        contactSchema.safeParse({ ...base, phones: [{ e164: '090-1234-5678' }] }).error!,
      )[0]!.code,
    ).toBe('crm.invalid_phone');
    const two = [
      { channel: 'LINE', handle: 'taro', preferred: true },
      { channel: 'WeChat', handle: 'taro', preferred: true },
    ];
    expect(
      toFieldErrors(contactSchema.safeParse({ ...base, messengers: two }).error!)[0]!.code,
    ).toBe('crm.multiple_preferred_messengers');
    const dup = [
      { channel: 'LINE', handle: 'Taro' },
      { channel: 'LINE', handle: 'taro' },
    ];
    expect(
      toFieldErrors(contactSchema.safeParse({ ...base, messengers: dup }).error!)[0]!.code,
    ).toBe('crm.duplicate_messenger');
    expect(
      contactSchema.safeParse({ ...base, messengers: [{ channel: 'Signal', handle: 'x' }] })
        .success,
    ).toBe(false);
    expect(
      contactSchema.parse({ ...base, consent: { date: '2025-03-01', scope: ['contact'] } }).consent
        ?.scope,
    ).toEqual(['contact']);
    expect(
      contactSchema.safeParse({ ...base, consent: { date: '2025-13-01', scope: ['contact'] } })
        .success,
    ).toBe(false);
  });

  it('validates SME firms with the check digit', () => {
    const firm = {
      id: 's1',
      nameKo: '(주)경남정밀',
      businessRegistrationNumber: '1248100998',
      industry: 'machinery',
    };
    expect(smeFirmSchema.parse(firm).businessRegistrationNumber).toBe('124-81-00998');
    expect(
      toFieldErrors(
        smeFirmSchema.safeParse({ ...firm, businessRegistrationNumber: '1248100997' }).error!,
      )[0]!.code,
    ).toBe('crm.invalid_business_number');
  });

  it('validates trade talks with USD snapshots', () => {
    const negotiated = stampTalkAmount(
      { amountMinor: 1_500_000, currency: 'JPY' },
      '2025-03-10T01:00:00Z',
      'Asia/Tokyo',
      [DEFAULT_FX_RATES],
    );
    expect(negotiated.fx.rateMonth).toBe('2025-03');
    expect(negotiated.usd).toEqual({ amountMinor: 1_006_711, currency: 'USD' }); // ¥1.5M / 149 = $10,067.11
    const talk = {
      id: 't1',
      officeId: 'tokyo',
      startsAt: '2025-03-10T01:00:00Z',
      timeZone: 'Asia/Tokyo',
      buyerId: 'b1',
      smeFirmId: 's1',
      negotiated,
    };
    expect(tradeTalkSchema.parse(talk).stage).toBe('inquiry');
    expect(tradeTalkSchema.safeParse({ ...talk, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(tradeTalkSchema.safeParse({ ...talk, startsAt: '2025-03-10 10:00' }).success).toBe(
      false,
    );
    expect(tradeTalkSchema.safeParse({ ...talk, stage: 'won' }).success).toBe(false);
    expect(
      tradeTalkSchema.safeParse({
        ...talk,
        negotiated: { ...negotiated, amount: { amountMinor: 1.5, currency: 'JPY' } },
      }).success,
    ).toBe(false);
  });
});
