import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';
import { CRM_ERROR } from '@shared/crm/schemas';
import { IMPORT_FILE_ERRORS, IMPORT_ROW_CODES } from '@shared/crm/io';

const ROW_CODES = IMPORT_ROW_CODES;
const OTHER = [
  'crm.merge_same_buyer',
  'crm.merge_different_office',
  'money.currency_mismatch',
  'money.unsafe_integer',
  'money.bad_amount',
  'fx.no_rate',
  'fx.bad_month',
  'fx.bad_rate',
];
const ALL = [...Object.values(CRM_ERROR), ...IMPORT_FILE_ERRORS, ...ROW_CODES, ...OTHER];

const load = async (lang: string) =>
  (await import(`../../../locales/${lang}/errors.json`)).default as Record<string, unknown>;
const lookup = (tree: Record<string, unknown>, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('CRM error codes are translated', () => {
  it.each(SUPPORTED_LANGUAGES)(
    '%s has every code, non-empty, with the English placeholders',
    async (lang) => {
      const [tree, en] = await Promise.all([load(lang), load('en')]);
      for (const code of ALL) {
        const text = lookup(tree, code);
        expect(typeof text === 'string' && text.trim().length > 0, `${lang}: ${code}`).toBe(true);
        expect(placeholders(text as string), `${lang}: ${code}`).toEqual(
          placeholders(lookup(en, code) as string),
        );
        if (lang !== 'en')
          expect(text, `${lang}: ${code} is untranslated`).not.toBe(lookup(en, code));
      }
    },
  );
});
