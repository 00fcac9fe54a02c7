import { describe, expect, it } from 'vitest';
import { createDemoGenerator, generateDemoData, generateSmeFirms } from '@shared/crm/demo';
import {
  buyerCompanySchema,
  contactSchema,
  smeFirmSchema,
  tradeTalkSchema,
} from '@shared/crm/schemas';
import { toE164 } from '@shared/crm/validators';
import { SEED_OFFICES } from '@shared/offices/seed';

describe('demo data', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const office = SEED_OFFICES.find((o) => o.id === 'shanghai')!;
    const a = generateDemoData({ office, buyers: 30, seed: 1 });
    const b = generateDemoData({ office, buyers: 30, seed: 1 });
    const c = generateDemoData({ office, buyers: 30, seed: 2 });
    expect(a).toEqual(b);
    expect(a.buyers.map((x) => x.nameNative)).not.toEqual(c.buyers.map((x) => x.nameNative));
  });

  it.each(SEED_OFFICES.map((o) => [o.id, o] as const))(
    '%s: every record is valid, in the office script and currency',
    (_, office) => {
      const d = generateDemoData({ office, buyers: 40, talks: 60 });
      for (const b of d.buyers) expect(buyerCompanySchema.parse(b)).toEqual(b);
      for (const c of d.contacts) {
        expect(contactSchema.parse(c)).toEqual(c);
        for (const p of c.phones) expect(toE164(p.e164)).toBe(p.e164); // real, valid numbers
      }
      for (const f of d.smeFirms) expect(smeFirmSchema.parse(f)).toEqual(f);
      for (const t of d.talks) {
        expect(tradeTalkSchema.parse(t)).toEqual(t);
        expect(t.negotiated!.amount.currency).toBe(office.currency);
        expect(t.negotiated!.usd.currency).toBe('USD');
      }
      expect(d.contacts).toHaveLength(80);
      const expected = {
        ja: /[\u3040-\u30ff\u4e00-\u9fff]/,
        'zh-CN': /[\u4e00-\u9fff]/,
        vi: /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
        ko: /[\uac00-\ud7af]/,
        en: /^[A-Za-z .,]+$/,
      }[office.localLanguage];
      expect(d.contacts.some((c) => expected.test(`${c.familyName}${c.givenName}`))).toBe(true);
      if (office.localLanguage === 'ja')
        expect(d.contacts.every((c) => /^[\u30a0-\u30ff ]+$/.test(c.reading))).toBe(true);
      if (office.localLanguage === 'zh-CN')
        expect(d.contacts.every((c) => /^[a-z ]+$/.test(c.reading))).toBe(true);
    },
  );

  it('generates SME firms with Korean names and valid registration numbers', () => {
    const firms = generateSmeFirms(20);
    expect(
      firms.every((f) => /[\uac00-\ud7af]/.test(f.nameKo) && smeFirmSchema.safeParse(f).success),
    ).toBe(true);
  });

  it('is the same data whatever the slice sizes of the generator', () => {
    const office = SEED_OFFICES.find((o) => o.id === 'chengdu')!;
    const whole = generateDemoData({ office, buyers: 90, talks: 40, seed: 3 });
    const gen = createDemoGenerator({ office, buyers: 90, talks: 40, seed: 3 });
    const buyers = [];
    const contacts = [];
    for (const n of [1, 7, 50, 100]) {
      const part = gen.nextBuyers(n);
      buyers.push(...part.buyers);
      contacts.push(...part.contacts);
    }
    expect(gen.made).toBe(90);
    expect(gen.nextBuyers(10).buyers).toEqual([]);
    const talks = [...gen.nextTalks(15), ...gen.nextTalks(100)];
    expect(gen.nextTalks(5)).toEqual([]);
    expect({ buyers, contacts, smeFirms: gen.smeFirms, talks }).toEqual(whole);
  });

  it.each([
    ['shanghai', ['上海', '浦东', '苏州', '杭州', '宁波', '无锡'], ['成都', '青岛', '济南']],
    ['chengdu', ['成都', '绵阳', '德阳', '重庆', '乐山'], ['上海', '青岛', '苏州']],
    ['shandong', ['青岛', '济南', '烟台', '潍坊', '威海'], ['上海', '成都']],
  ])(
    '%s: companies are in the office region and in the city they are named after',
    (id, own, others) => {
      const office = SEED_OFFICES.find((o) => o.id === id)!;
      const d = generateDemoData({ office, buyers: 200, talks: 0 });
      const cities = new Set(d.buyers.map((b) => b.city));
      expect(cities.size).toBeGreaterThan(2);
      for (const b of d.buyers) {
        const head = own.find((p) => b.nameNative.startsWith(p));
        expect(head, b.nameNative).toBeDefined();
        expect(
          b.city.startsWith(head === '浦东' ? '上海市浦东' : head!),
          `${b.nameNative} in ${b.city}`,
        ).toBe(true);
        for (const o of others)
          expect(b.nameNative.startsWith(o) || b.city.startsWith(o)).toBe(false);
      }
    },
  );

  it.each([
    ['shimonoseki', /^(下関|宇部|山口|周南|北九州|福岡)/],
    ['tokyo', /^(東京都|横浜|川崎|千葉|さいたま)/],
    ['hochiminh', /^(Thành phố Hồ Chí Minh|Bình Dương|Đồng Nai|Long An|Cần Thơ)$/],
    ['losangeles', /^(Los Angeles|Torrance|Irvine|Long Beach|Gardena)$/],
    ['hq', /^(창원|김해|진주|통영|거제)시$/],
  ])('%s: cities belong to the office', (id, pattern) => {
    const office = SEED_OFFICES.find((o) => o.id === id)!;
    const d = generateDemoData({ office, buyers: 120, talks: 0 });
    for (const b of d.buyers) expect(b.city).toMatch(pattern);
    if (office.localLanguage === 'ja') {
      // A company named after a place is in that place (株式会社下関水産 is in 下関市).
      for (const b of d.buyers) {
        const place =
          /^株式会社(下関|宇部|山口|周南|北九州|福岡|東京|品川|横浜|川崎|千葉|大宮)/.exec(
            b.nameNative,
          )?.[1];
        // 山口 is also a family name (株式会社山口商事 may be Mr Yamaguchi's firm).
        if (place && !['東京', '品川', '大宮', '山口'].includes(place))
          expect(b.city).toBe(`${place}市`);
      }
    }
  });
});
