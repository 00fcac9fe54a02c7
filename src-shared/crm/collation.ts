import type { NameScript } from './codes';
import { stripKanaLegalForm, stripLegalForm } from './legal-forms';
import type { BuyerCompany, Contact } from './schemas';
import { withSurnameReading } from './zh-surnames';

/**
 * THE name order of buyers and contacts (the CRM list sorts with it). It follows
 * the DATA's script, not the UI language:
 * - Japanese by its kana reading (the ja collator orders kanji by code point);
 * - Chinese by the zh-CN collator's pinyin order, the surname respelled first
 *   (zh-surnames.ts: the collator misreads polyphonic surnames, 曾 as céng);
 * - Korean by Hangul;
 * - Vietnamese and other Latin-script names in one alphabet (a Vietnamese name
 *   typed without diacritics or stored as Latin script sorts among the
 *   Vietnamese ones), each by its own rules: Vietnamese by the vi collator
 *   (ă, â after a; đ after d; people by given name), other Latin-script names
 *   as Latin readers expect (Côté with Cote, Ângelo under A; accents only
 *   break ties). One collator for the group keeps the order consistent: the vi
 *   one, over Latin names with their accents taken off (vi orders plain Latin
 *   letters as the root collation does). A name stored as Latin that has
 *   letters only Vietnamese uses (ă, đ, ơ, ư, ạ, ấ…) is read as Vietnamese;
 * - companies by their name, without the legal form ((주)한빛농산 under ㅎ,
 *   株式会社山田商事 under ヤ, Công ty TNHH An Phú under A).
 * No dependencies beyond Intl (it runs on the main thread over 100,000 buyers).
 */

/** Scripts sorted together with one collator. */
export type SortGroup = 'ja' | 'zh' | 'ko' | 'latin';

const GROUP_OF: Readonly<Record<NameScript, SortGroup>> = {
  ja: 'ja',
  zh: 'zh',
  ko: 'ko',
  vi: 'latin',
  latin: 'latin',
};
/** The collator of each group (vi orders ă, â, đ, ê… as Vietnamese readers expect; plain Latin letters as root does). */
const GROUP_LOCALE: Readonly<Record<SortGroup, string>> = {
  ja: 'ja',
  zh: 'zh-CN',
  ko: 'ko',
  latin: 'vi',
};
const DEFAULT_ORDER: readonly NameScript[] = ['ja', 'zh', 'ko', 'vi', 'latin'];

const collators: Partial<Record<SortGroup, Intl.Collator>> = {};
function collator(group: SortGroup): Intl.Collator {
  return (collators[group] ??= new Intl.Collator(GROUP_LOCALE[group], {
    sensitivity: 'base',
    numeric: true,
  }));
}

export interface SortKey {
  group: SortGroup;
  /** What the group's collator compares. */
  primary: string;
  /** Tie-break (the full name as shown). */
  secondary: string;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/**
 * Letters no other Latin-script language of our buyers writes (â, ê, ô alone are also
 * French and Portuguese): ă, đ, ơ, ư and the Vietnamese block (ạ ả ấ ầ … ỹ).
 */
const VIETNAMESE_ONLY = /[ăđơưĂĐƠƯ\u1ea0-\u1ef9]/;
// Most names are plain ASCII: nothing to normalize (keys are made for 100,000 buyers).
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** The script a name sorts by: a name stored as Latin in Vietnamese letters is Vietnamese. */
function sortScript(script: NameScript, text: string): NameScript {
  if (script !== 'latin' || ASCII.test(text)) return script;
  return VIETNAMESE_ONLY.test(text.normalize('NFC')) ? 'vi' : script;
}

/**
 * A Latin-script (not Vietnamese) name as the vi collator must see it to order it as
 * Latin readers do: without accents (ô is a letter of its own in Vietnamese, an accented
 * o in French). Accents are secondary in the root order anyway (no đ here: that is
 * Vietnamese).
 */
function latinKey(name: string): string {
  if (ASCII.test(name)) return name;
  return name.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Chinese text by its hanzi (surname respelled), or by its pinyin reading when it has no hanzi. */
function chineseKey(name: string, reading: string): string {
  return HAN.test(name) ? withSurnameReading(name) : reading || name;
}

export function buyerSortKey(
  b: Pick<BuyerCompany, 'nameNative' | 'reading' | 'nameScript'>,
): SortKey {
  const reading = b.reading ? stripKanaLegalForm(b.reading) || b.reading : '';
  const group = GROUP_OF[b.nameScript] ?? 'latin';
  // Japanese with a reading needs no stripped name (100,000 keys are made while the list loads).
  if (b.nameScript === 'ja' && reading) return { group, primary: reading, secondary: b.nameNative };
  const name = stripLegalForm(b.nameNative) || b.nameNative;
  const script = sortScript(b.nameScript, name);
  const primary =
    script === 'zh' ? chineseKey(name, reading) : script === 'latin' ? latinKey(name) : name;
  return { group, primary, secondary: b.nameNative };
}

export function contactSortKey(
  c: Pick<
    Contact,
    'familyName' | 'givenName' | 'reading' | 'nameScript' | 'latinFamily' | 'latinGiven'
  >,
): SortKey {
  const full = `${c.familyName} ${c.givenName}`.trim() || `${c.latinFamily} ${c.latinGiven}`.trim();
  const group = GROUP_OF[c.nameScript] ?? 'latin';
  switch (sortScript(c.nameScript, full)) {
    case 'ja':
      return { group, primary: c.reading || full, secondary: full };
    case 'zh':
      return {
        group,
        primary: chineseKey(`${c.familyName}${c.givenName}`.trim() || full, c.reading),
        secondary: full,
      };
    case 'vi': {
      const given = c.givenName.trim().split(/\s+/).pop() ?? '';
      return { group, primary: `${given} ${c.familyName}`.trim(), secondary: full };
    }
    case 'latin':
      return { group, primary: latinKey(full), secondary: full };
    default:
      return { group, primary: full, secondary: full };
  }
}

/**
 * Comparator over sort keys. Mixed lists are grouped by script (the order
 * given, the office's own script first; vi and latin are one group), each
 * group sorted by its collator.
 */
export function compareSortKeys(scriptOrder: readonly NameScript[] = DEFAULT_ORDER) {
  const rank: Record<SortGroup, number> = { ja: 99, zh: 99, ko: 99, latin: 99 };
  scriptOrder.forEach((s, i) => {
    const g = GROUP_OF[s];
    rank[g] = Math.min(rank[g], i);
  });
  return (a: SortKey, b: SortKey): number => {
    if (a.group !== b.group) return rank[a.group] - rank[b.group];
    const c = collator(a.group);
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
