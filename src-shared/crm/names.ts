import type { Language } from '../i18n/languages';
import type { NameScript } from './codes';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const KANA = /[\u3040-\u30ff\uff66-\uff9f]/;
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** Letters only Vietnamese uses among Latin-script languages of our offices. */
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/;

/**
 * True when a reading cannot be derived from the name and must be typed: a
 * Japanese name with kanji (佐藤 is Satō, Sadō or Satoh; no offline dictionary
 * reads names reliably). Kana-only Japanese and Chinese (pinyin) can be.
 */
export function readingMustBeTyped(text: string, script: NameScript): boolean {
  return script === 'ja' && HAN.test(text.normalize('NFKC'));
}

/**
 * Guesses the script of a name. Han characters alone are ambiguous (Japanese
 * or Chinese), so `hanDefault` (the office's language) decides.
 */
export function detectNameScript(text: string, hanDefault: 'ja' | 'zh' = 'zh'): NameScript {
  const t = text.normalize('NFKC');
  if (HANGUL.test(t)) return 'ko';
  if (KANA.test(t)) return 'ja';
  if (HAN.test(t)) return hanDefault;
  if (VIETNAMESE.test(t.normalize('NFC'))) return 'vi';
  return 'latin';
}

/** Countries whose Han-character names are Chinese (pinyin readings, zh collation). */
const CHINESE_HAN_COUNTRIES = new Set(['CN', 'TW', 'HK', 'MO', 'SG']);

/**
 * Which language a name in Han characters alone is in, for `detectNameScript`: the
 * buyer's country where it says (a contact of a Japanese company is read as Japanese, also
 * at the Shanghai office), else the company name's script (a contact of a company abroad),
 * else the office's language. The office alone gave a Japanese surname entered in Shanghai
 * a Mandarin reading (佐藤 "zuo teng").
 */
export function hanScriptFor(context: {
  companyScript?: NameScript | undefined;
  country?: string | undefined;
  officeLanguage: string;
}): 'ja' | 'zh' {
  const country = context.country?.toUpperCase();
  if (country === 'JP') return 'ja';
  if (country && CHINESE_HAN_COUNTRIES.has(country)) return 'zh';
  if (context.companyScript === 'ja' || context.companyScript === 'zh')
    return context.companyScript;
  return context.officeLanguage === 'ja' ? 'ja' : 'zh';
}

export interface PersonName {
  familyName: string;
  givenName: string;
  latinFamily: string;
  latinGiven: string;
  nameScript: NameScript;
}

/**
 * The scripts of names a reader of each UI language reads: Han characters (Japanese and
 * Chinese names) for Japanese, Chinese and Korean readers; Hangul for Korean readers only
 * ("(주)한빛농산" is unreadable to Japanese staff); Latin letters, Vietnamese ones included,
 * for everyone.
 */
const READABLE_SCRIPTS: Readonly<Record<Language, readonly NameScript[]>> = {
  ko: ['ko', 'ja', 'zh', 'vi', 'latin'],
  ja: ['ja', 'zh', 'vi', 'latin'],
  'zh-CN': ['zh', 'ja', 'vi', 'latin'],
  vi: ['vi', 'latin'],
  en: ['vi', 'latin'],
};

/** Whether a reader of this UI language reads names written in this script. */
export function readsScript(reader: Language, script: NameScript): boolean {
  return READABLE_SCRIPTS[reader].includes(script);
}

/** A name as one reader reads it: `primary` to show, `secondary` small beside it (or null). */
export interface NameForReader {
  readonly primary: string;
  readonly secondary: string | null;
  /** The script of `primary` (for its `lang` attribute: `nameLang`). */
  readonly script: NameScript;
}

/**
 * The one rule for a name with a native and a Latin form (companies, people; CRM and HQ
 * lists alike): the native form to a reader of its script, else the Latin form with the
 * native one beside it (to match a card or a sign); whatever is filled when one is missing.
 * The script is detected from the native form when not given.
 */
export function nameForReader(
  name: { native: string; latin: string; script?: NameScript },
  reader: Language,
): NameForReader {
  const native = name.native.trim();
  const latin = name.latin.trim();
  const script = name.script ?? detectNameScript(native);
  const nativeFirst = !latin || (Boolean(native) && readsScript(reader, script));
  const primary = nativeFirst ? native || latin : latin;
  const secondary = nativeFirst ? (native ? latin : '') : native;
  return {
    primary,
    secondary: secondary && secondary !== primary ? secondary : null,
    script: nativeFirst && native ? script : detectNameScript(latin),
  };
}

function join(parts: readonly string[], sep: string): string {
  return parts.filter(Boolean).join(sep);
}

/** The name in Latin letters, East Asian ones family first in capitals (YAMADA Taro). */
export function latinForm(n: PersonName): string {
  if (!n.latinFamily && !n.latinGiven) return '';
  // East Asian names in Latin: family first and upper-case, so nobody guesses wrong.
  if (n.nameScript === 'ja' || n.nameScript === 'zh' || n.nameScript === 'ko') {
    return join([n.latinFamily.toUpperCase(), n.latinGiven], ' ');
  }
  return join([n.latinGiven, n.latinFamily], ' ');
}

/** The name in its own script and order: 山田 太郎, 张伟, 김철수, Nguyễn Văn Dũng, John Smith. */
export function nativeName(n: PersonName): string {
  switch (n.nameScript) {
    case 'ja':
      return join([n.familyName, n.givenName], ' ');
    case 'zh':
    case 'ko':
      return join([n.familyName, n.givenName], '');
    case 'vi':
      // Vietnamese is written family, middle, given: Nguyễn Văn Dũng.
      return join([n.familyName, n.givenName], ' ');
    case 'latin':
      return join([n.givenName, n.familyName], ' ');
  }
}

/**
 * Full name for a reader (`nameForReader`): Han-script names stay in their script for
 * ja/zh/ko readers, Hangul ones for ko readers; others get the printed Latin form when
 * there is one. Falls back to whatever is filled.
 */
export function formatPersonName(n: PersonName, readerLanguage: Language): string {
  return nameForReader(
    { native: nativeName(n), latin: latinForm(n), script: n.nameScript },
    readerLanguage,
  ).primary;
}

/**
 * The part of the name used with an honorific (the UI adds 様 / 님 / Ông / Mr):
 * Japanese by family name, Korean by full name, Vietnamese by the LAST word
 * of the given name (Ông Dũng, never "Mr Nguyen"), Latin by family name.
 */
export function addressName(n: PersonName): string {
  switch (n.nameScript) {
    case 'ja':
      return n.familyName || n.latinFamily;
    case 'zh':
    case 'ko':
      return nativeName(n) || latinForm(n);
    case 'vi': {
      const words = n.givenName.trim().split(/\s+/);
      return words[words.length - 1] || n.familyName;
    }
    case 'latin':
      return n.familyName || n.givenName || n.latinFamily;
  }
}

/** BCP 47 tag for the `lang` attribute of an element showing this name (font choice). */
export function nameLang(script: NameScript): string {
  return { ja: 'ja', zh: 'zh-CN', ko: 'ko', vi: 'vi', latin: 'en' }[script];
}
