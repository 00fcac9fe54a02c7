import { describe, expect, it } from 'vitest';
import { generateDemoData, generateSmeFirms } from '@shared/crm/demo';
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
});
