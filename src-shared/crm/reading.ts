// Reading suggestions need pinyin-pro's dictionary (~200 KB): kept out of
// names.ts so the app's first load does not carry it (the forms import this lazily).
import { pinyin } from 'pinyin-pro';
import { isKana, toKatakana } from 'wanakana';
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
