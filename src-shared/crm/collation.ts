import type { NameScript } from './codes';
import type { BuyerCompany, Contact } from './schemas';

/**
 * Sorting follows the DATA's script, not the UI language: Japanese by its
 * kana reading (the ja collator orders kanji by code point), Chinese by
 * pinyin reading when known (the collator misreads polyphonic surnames),
 * Vietnamese people by given name, each with its own Intl.Collator.
 */
const LOCALE: Record<NameScript, string> = {
  ja: 'ja',
  zh: 'zh-CN',
  ko: 'ko',
  vi: 'vi',
  latin: 'en',
};
const collators = new Map<string, Intl.Collator>();
function collator(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

export interface SortKey {
  script: NameScript;
  /** What the collator compares. */
  primary: string;
  /** Tie-break (the full name as shown). */
  secondary: string;
}

export function buyerSortKey(
  b: Pick<BuyerCompany, 'nameNative' | 'reading' | 'nameScript'>,
): SortKey {
  const useReading = (b.nameScript === 'ja' || b.nameScript === 'zh') && b.reading;
  return {
    script: b.nameScript,
    primary: useReading ? b.reading : b.nameNative,
    secondary: b.nameNative,
  };
}

export function contactSortKey(
  c: Pick<
    Contact,
    'familyName' | 'givenName' | 'reading' | 'nameScript' | 'latinFamily' | 'latinGiven'
  >,
): SortKey {
  const full = `${c.familyName} ${c.givenName}`.trim() || `${c.latinFamily} ${c.latinGiven}`.trim();
  switch (c.nameScript) {
    case 'ja':
    case 'zh':
      return { script: c.nameScript, primary: c.reading || full, secondary: full };
    case 'vi': {
      const given = c.givenName.trim().split(/\s+/).pop() ?? '';
      return { script: 'vi', primary: `${given} ${c.familyName}`.trim(), secondary: full };
    }
    case 'latin':
      return { script: 'latin', primary: `${c.familyName} ${c.givenName}`.trim(), secondary: full };
    default:
      return { script: c.nameScript, primary: full, secondary: full };
  }
}

/**
 * Comparator over sort keys. Mixed lists are grouped by script (the office's
 * own script first, then the order given), each group sorted by its collator.
 */
export function compareSortKeys(
  scriptOrder: readonly NameScript[] = ['ja', 'zh', 'ko', 'vi', 'latin'],
) {
  const rank = (s: NameScript) => {
    const i = scriptOrder.indexOf(s);
    return i < 0 ? scriptOrder.length : i;
  };
  return (a: SortKey, b: SortKey): number => {
    if (a.script !== b.script) return rank(a.script) - rank(b.script);
    const c = collator(LOCALE[a.script]);
    return c.compare(a.primary, b.primary) || c.compare(a.secondary, b.secondary);
  };
}

export function sortBuyers<T extends Pick<BuyerCompany, 'nameNative' | 'reading' | 'nameScript'>>(
  buyers: readonly T[],
  scriptOrder?: readonly NameScript[],
): T[] {
  const cmp = compareSortKeys(scriptOrder);
  return buyers
    .map((b) => ({ b, k: buyerSortKey(b) }))
    .sort((x, y) => cmp(x.k, y.k))
    .map((x) => x.b);
}

export function sortContacts<T extends Parameters<typeof contactSortKey>[0]>(
  contacts: readonly T[],
  scriptOrder?: readonly NameScript[],
): T[] {
  const cmp = compareSortKeys(scriptOrder);
  return contacts
    .map((c) => ({ c, k: contactSortKey(c) }))
    .sort((x, y) => cmp(x.k, y.k))
    .map((x) => x.c);
}
