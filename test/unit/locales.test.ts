import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '@shared/i18n/languages';

/**
 * Invariant 7: every user-visible string exists in all five languages,
 * translated. This checker reads every namespace found on disk (including
 * ones other engineers add) and reports each defect as one readable line.
 */

type Catalog = Record<string, Record<string, unknown>>; // namespace -> JSON tree
type Catalogs = Record<string, Catalog>; // language -> namespaces

const REFERENCE = 'en';
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * Words allowed to stay identical to English in a translation: product,
 * messenger and file-format names, and codes. Keep it short and explicit.
 */
const UNTRANSLATED_ALLOW_LIST = [
  'Bridgehead',
  'KakaoTalk',
  'WhatsApp',
  'WeChat',
  'LINE',
  'Zalo',
  'Excel',
  'vCard',
  'CSV',
  'ICS',
  'HQ',
  'UTC',
  'IANA',
  'KRW',
  'JPY',
  'CNY',
  'VND',
  'USD',
];

function flatten(tree: unknown, prefix: string, out: Map<string, unknown>): void {
  if (tree !== null && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) {
      flatten(value, prefix ? `${prefix}.${key}` : key, out);
    }
  } else {
    out.set(prefix, tree);
  }
}

function placeholders(text: string): string[] {
  // {{name}} and {{name, format}}: only the name must match across languages.
  const names = [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].sort();
}

function latinLetterCount(text: string): number {
  let rest = text.replace(/\{\{[^}]*\}\}/g, ' ');
  for (const word of UNTRANSLATED_ALLOW_LIST) rest = rest.split(word).join(' ');
  return (rest.match(/[A-Za-z]/g) ?? []).length;
}

interface Entry {
  /** key without plural suffix */
  base: string;
  /** plural categories present (empty for a plain key) */
  forms: Set<string>;
  /** a key without plural suffix exists too */
  plain: boolean;
  values: string[];
}

function entries(catalog: Record<string, unknown>, problems: string[], where: string) {
  const flat = new Map<string, unknown>();
  flatten(catalog, '', flat);
  const byBase = new Map<string, Entry>();
  for (const [key, value] of flat) {
    if (typeof value !== 'string') {
      problems.push(`${where}:${key} is not a string`);
      continue;
    }
    if (value.trim() === '') problems.push(`${where}:${key} is empty`);
    const match = PLURAL_SUFFIX.exec(key);
    const base = match ? key.slice(0, -match[0].length) : key;
    const entry = byBase.get(base) ?? { base, forms: new Set<string>(), plain: false, values: [] };
    if (match?.[1]) entry.forms.add(match[1]);
    else entry.plain = true;
    entry.values.push(value);
    byBase.set(base, entry);
  }
  for (const entry of byBase.values()) {
    if (entry.plain && entry.forms.size > 0) {
      problems.push(`${where}:${entry.base} is both a plain and a plural key`);
    }
  }
  return byBase;
}

/** Each language must carry exactly the plural forms its grammar uses (ko: other; en: one, other). */
function checkPluralForms(
  set: Map<string, Entry>,
  language: string,
  where: string,
  problems: string[],
): void {
  const want = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories]
    .sort()
    .join(',');
  for (const entry of set.values()) {
    if (entry.forms.size === 0) continue;
    const have = [...entry.forms].sort().join(',');
    if (have !== want)
      problems.push(`${where}:${entry.base} plural forms {${have}}, needs {${want}}`);
  }
}

function checkLocales(catalogs: Catalogs, languages: readonly string[]): string[] {
  const problems: string[] = [];
  const reference = catalogs[REFERENCE];
  if (!reference) return [`missing reference language ${REFERENCE}`];

  for (const language of languages) {
    if (!catalogs[language]) problems.push(`${language}: no locale folder`);
  }
  const namespaces = new Set(languages.flatMap((l) => Object.keys(catalogs[l] ?? {})));

  for (const ns of [...namespaces].sort()) {
    const refEntries = reference[ns]
      ? entries(reference[ns], problems, `${REFERENCE}/${ns}`)
      : null;
    for (const language of languages) {
      const catalog = catalogs[language]?.[ns];
      if (!catalog) {
        problems.push(`${language}/${ns}.json is missing`);
        continue;
      }
      if (language === REFERENCE || !refEntries) continue;
      const own = entries(catalog, problems, `${language}/${ns}`);
      for (const [base, ref] of refEntries) {
        const entry = own.get(base);
        if (!entry) {
          problems.push(`${language}/${ns}:${base} is missing`);
          continue;
        }
        if (ref.forms.size > 0 !== entry.forms.size > 0) {
          problems.push(`${language}/${ns}:${base} plural in one language, plain in the other`);
        }
        const expected = placeholders(ref.values.join(' ')).join(',');
        const actual = placeholders(entry.values.join(' ')).join(',');
        if (expected !== actual) {
          problems.push(
            `${language}/${ns}:${base} placeholders {${actual}} differ from en {${expected}}`,
          );
        }
        for (const value of entry.values) {
          if (ref.values.includes(value) && latinLetterCount(value) >= 4) {
            problems.push(`${language}/${ns}:${base} is untranslated English: "${value}"`);
          }
        }
      }
      for (const base of own.keys()) {
        if (!refEntries.has(base)) problems.push(`${language}/${ns}:${base} is not in en`);
      }
      checkPluralForms(own, language, `${language}/${ns}`, problems);
    }
    if (refEntries) checkPluralForms(refEntries, REFERENCE, `${REFERENCE}/${ns}`, problems);
  }
  return problems;
}

function loadFromDisk(root: string): Catalogs {
  const catalogs: Catalogs = {};
  for (const language of readdirSync(root)) {
    const catalog: Catalog = {};
    for (const file of readdirSync(join(root, language)).filter((f) => f.endsWith('.json'))) {
      catalog[file.replace(/\.json$/, '')] = JSON.parse(
        readFileSync(join(root, language, file), 'utf8'),
      );
    }
    catalogs[language] = catalog;
  }
  return catalogs;
}

const LOCALES_DIR = resolve(__dirname, '../../locales');

describe('locale files', () => {
  const catalogs = loadFromDisk(LOCALES_DIR);

  it('has exactly the five language folders', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  it('covers every namespace on disk, menu.json included', () => {
    expect(Object.keys(catalogs.en ?? {})).toEqual(
      expect.arrayContaining(['common', 'nav', 'screens', 'settings', 'errors', 'menu']),
    );
  });

  it('holds the same keys, placeholders and plural forms in every language, all translated', () => {
    expect(checkLocales(catalogs, SUPPORTED_LANGUAGES)).toEqual([]);
  });
});

describe('checkLocales catches each defect', () => {
  const good = (): Catalogs => ({
    en: {
      app: {
        title: 'Buyers',
        greeting: 'Hello {{name}}',
        count_one: 'One buyer',
        count_other: '{{count}} buyers',
        product: 'Bridgehead on LINE',
      },
    },
    ko: {
      app: {
        title: '바이어',
        greeting: '{{name}}님 안녕하세요',
        count_other: '바이어 {{count}}명',
        product: 'Bridgehead on LINE',
      },
    },
  });
  const langs = ['ko', 'en'] as const;

  it('accepts a correct fixture (allow-listed names may stay in English)', () => {
    expect(checkLocales(good(), langs)).toEqual([]);
  });

  it('reports a missing nested key and an extra key', () => {
    const c = good();
    delete (c.ko!.app as Record<string, unknown>).title;
    (c.ko!.app as Record<string, unknown>).extra = '추가';
    expect(checkLocales(c, langs)).toEqual([
      'ko/app:title is missing',
      'ko/app:extra is not in en',
    ]);
  });

  it('reports a missing namespace and a missing language folder', () => {
    const c = good();
    c.en!.other = { a: 'Alpha' };
    expect(checkLocales(c, langs)).toContain('ko/other.json is missing');
    expect(checkLocales(good(), ['ko', 'en', 'vi'])).toContain('vi: no locale folder');
  });

  it('reports an empty value', () => {
    const c = good();
    (c.ko!.app as Record<string, unknown>).title = '  ';
    expect(checkLocales(c, langs)).toEqual(['ko/app:title is empty']);
  });

  it('reports different placeholders', () => {
    const c = good();
    (c.ko!.app as Record<string, unknown>).greeting = '{{nmae}}님 안녕하세요';
    expect(checkLocales(c, langs)).toEqual([
      'ko/app:greeting placeholders {nmae} differ from en {name}',
    ]);
  });

  it('reports inconsistent plural key sets', () => {
    const extra = good();
    (extra.ko!.app as Record<string, unknown>).count_one = '바이어 1명';
    expect(checkLocales(extra, langs)).toEqual([
      'ko/app:count plural forms {one,other}, needs {other}',
    ]);

    const plain = good();
    delete (plain.ko!.app as Record<string, unknown>).count_other;
    (plain.ko!.app as Record<string, unknown>).count = '바이어 {{count}}명';
    expect(checkLocales(plain, langs)).toEqual([
      'ko/app:count plural in one language, plain in the other',
    ]);

    const enMissingOne = good();
    delete (enMissingOne.en!.app as Record<string, unknown>).count_one;
    expect(checkLocales(enMissingOne, langs)).toEqual([
      'en/app:count plural forms {other}, needs {one,other}',
    ]);
  });

  it('reports English left in a translation, but not short codes or allow-listed names', () => {
    const c = good();
    (c.ko!.app as Record<string, unknown>).title = 'Buyers';
    expect(checkLocales(c, langs)).toEqual(['ko/app:title is untranslated English: "Buyers"']);

    const short = good();
    (short.en!.app as Record<string, unknown>).title = 'OK';
    (short.ko!.app as Record<string, unknown>).title = 'OK';
    expect(checkLocales(short, langs)).toEqual([]);
  });

  it('reports a key that is both plain and plural', () => {
    const c = good();
    (c.ko!.app as Record<string, unknown>).count = '바이어';
    expect(checkLocales(c, langs)).toEqual(['ko/app:count is both a plain and a plural key']);
  });

  it('reports a non-string value', () => {
    const c = good();
    (c.ko!.app as Record<string, unknown>).title = 3;
    expect(checkLocales(c, langs)).toContain('ko/app:title is not a string');
  });
});
