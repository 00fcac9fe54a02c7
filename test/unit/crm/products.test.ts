// Products of interest read in the reader's language (issue 16): the ja buyer detail showed
// "Instant noodles (HS 1902.30)". A catalog product (the demo's) is named in all five
// languages; anything the office typed itself stays as typed.
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../src-shared/crm/demo';
import { PRODUCT_CATALOG, catalogProduct, productLabel } from '../../../src-shared/crm/products';
import { SUPPORTED_LANGUAGES } from '../../../src-shared/i18n/languages';

describe('product labels', () => {
  it('names each catalog product in all five languages, each differently from English', () => {
    for (const p of PRODUCT_CATALOG) {
      for (const language of SUPPORTED_LANGUAGES) expect(p.names[language].trim()).not.toBe('');
      for (const language of ['ko', 'ja', 'zh-CN'] as const) {
        expect(p.names[language], `${p.hsCode} ${language}`).not.toBe(p.names.en);
      }
    }
  });

  it('shows a stored catalog product in the reader language, by any of its names', () => {
    const noodles = { name: 'Instant noodles', hsCode: '190230' };
    expect(productLabel(noodles, 'ja')).toBe('インスタントラーメン');
    expect(productLabel(noodles, 'ko')).toBe('라면');
    expect(productLabel(noodles, 'zh-CN')).toBe('方便面');
    expect(productLabel(noodles, 'vi')).toBe('Mì ăn liền');
    expect(productLabel(noodles, 'en')).toBe('Instant noodles');
    // Typed in Japanese in Tokyo, read by a Korean official; no HS code needed.
    expect(productLabel({ name: 'キムチ' }, 'ko')).toBe('김치');
    expect(productLabel({ name: ' kimchi ' }, 'vi')).toBe('Kim chi');
  });

  it('leaves the office’s own wording as typed (another name, or the same name under another HS code)', () => {
    expect(productLabel({ name: 'Frozen Pacific oysters, half shell' }, 'ja')).toBe(
      'Frozen Pacific oysters, half shell',
    );
    expect(catalogProduct({ name: 'Kimchi', hsCode: '190230' })).toBeUndefined();
    expect(productLabel({ name: 'Kimchi', hsCode: '190230' }, 'ja')).toBe('Kimchi');
  });

  it('every demo buyer’s product is a catalog product', () => {
    const demo = generateDemoData({ buyers: 40, seed: 7 });
    const products = demo.buyers.flatMap((b) => b.products);
    expect(products.length).toBeGreaterThan(0);
    for (const p of products) expect(catalogProduct(p), p.name).toBeDefined();
    expect(products.some((p) => productLabel(p, 'ja') !== p.name)).toBe(true);
  });
});
