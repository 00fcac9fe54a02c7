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

export interface PersonName {
  familyName: string;
  givenName: string;
  latinFamily: string;
  latinGiven: string;
  nameScript: NameScript;
}

/** Languages whose readers read the native CJK scripts. */
const CJK_READERS: readonly Language[] = ['ja', 'zh-CN', 'ko'];

function join(parts: readonly string[], sep: string): string {
  return parts.filter(Boolean).join(sep);
}

function latinForm(n: PersonName): string {
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
 * Full name for a reader. CJK names stay in their script for ja/zh/ko
 * readers; for vi/en readers the printed Latin form is used when there is
 * one. Falls back to whatever is filled.
 */
export function formatPersonName(n: PersonName, readerLanguage: Language): string {
  const native = nativeName(n);
  const latin = latinForm(n);
  const cjk = n.nameScript === 'ja' || n.nameScript === 'zh' || n.nameScript === 'ko';
  if (cjk && !CJK_READERS.includes(readerLanguage) && latin) return latin;
  return native || latin;
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
