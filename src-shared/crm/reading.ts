// Reading suggestions need pinyin-pro's dictionary (~200 KB): kept out of
// names.ts so the app's first load does not carry it (the forms import this lazily).
import { romanize } from 'es-hangul';
import { pinyin } from 'pinyin-pro';
import { isKana, toKatakana, toRomaji } from 'wanakana';
import type { NameScript } from './codes';
import { HAN } from './names';

/**
 * Suggests the reading field: katakana for kana-only Japanese, toneless
 * pinyin for Chinese. Returns null when it cannot be derived reliably (kanji
 * names have several readings: the user types them).
 */
export function suggestReading(
  text: string,
  script: NameScript,
  kind: 'person' | 'company' = 'person',
): string | null {
  const t = text.normalize('NFKC').trim();
  if (!t) return null;
  if (script === 'ja') {
    const compact = t.replace(/[\s・]/g, '');
    return isKana(compact) ? toKatakana(t) : null;
  }
  if (script === 'zh') {
    if (!HAN.test(t)) return null;
    // 'surname' mode reads polyphonic family names right (曾 zeng, 单 shan, 解 xie).
    return pinyin(t, {
      toneType: 'none',
      mode: kind === 'person' ? 'surname' : 'normal',
      nonZh: 'consecutive',
    })
      .replace(/\s+/g, ' ')
      .trim();
  }
  return null;
}

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * A city missing from the place table, in Latin letters where a library can read it:
 * hangul (Revised Romanization, es-hangul), hanzi (toneless pinyin), kana (Hepburn). The
 * trailing 市 / 시 ("city") is left off, as in the table (Changwon, Suzhou). Null for
 * Japanese kanji (several readings each: 鳥取 is Tottori, never Niǎoqǔ) and for anything
 * else it cannot read whole.
 */
export function romanizeCity(city: string, script: NameScript): string | null {
  const t = city.normalize('NFKC').trim();
  if (!t) return null;
  if (script === 'ko') {
    if (!/^[\p{Script=Hangul}\s]+$/u.test(t)) return null;
    return t
      .replace(/(.)시$/u, '$1')
      .split(/\s+/)
      .map((w) => capitalize(romanize(w)))
      .join(' ');
  }
  if (script === 'ja') {
    const compact = t.replace(/[\s・]/g, '').replace(/(.)市$/u, '$1');
    if (!isKana(compact)) return null;
    return capitalize(toRomaji(compact));
  }
  if (script === 'zh') {
    if (!/^\p{Script=Han}+$/u.test(t)) return null;
    const name = t.length > 2 ? t.replace(/市$/u, '') : t;
    // Syllables run together, with the apostrophe pinyin puts before a, e, o (Xi'an).
    const syllables = pinyin(name, { toneType: 'none', type: 'array' });
    return capitalize(syllables.map((y, i) => (i > 0 && /^[aeo]/.test(y) ? `'${y}` : y)).join(''));
  }
  return null;
}
