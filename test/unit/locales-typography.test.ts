import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from '../../src-renderer/src/ui/relative-time';
import { formatRelativeHours } from '../../src-renderer/src/features/hq/common';
import { formatMonthCell } from '../../src-renderer/src/features/hq/dashboard/report-model';

/**
 * Typography the screen read of issue 16 found wrong, as rules over every string: ja and
 * zh-CN write a count against its counter ("記録6件", "300社", not "記録 6 件"); zh-CN uses
 * full-width punctuation in Chinese text; en spells the US way throughout.
 */
const dir = resolve(import.meta.dirname, '../../locales');

function strings(language: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') out.push([path, node]);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const file of readdirSync(join(dir, language))) {
    walk(JSON.parse(readFileSync(join(dir, language, file), 'utf8')), file.replace('.json', ''));
  }
  return out;
}

const CJK = '[\\u3040-\\u30ff\\u3400-\\u9fff\\uff08\\uff09]';
/** Placeholders that hold a number (a count, a row, minutes). */
const NUMBER =
  '\\{\\{(?:count|formatted|total|shown|flagged|n|rows|row|taken|buyers|refused|noted|valid|errors|merged|contacts|loaded|seq|placed|percent|passengers|seats|max|min|default|available|booked|talks|minutes|failures|hours|days)\\}\\}%?';

describe('locale typography', () => {
  it.each(['ja', 'zh-CN'])('%s: no space between a number and its counter or noun', (language) => {
    const spaced = new RegExp(`${CJK} ${NUMBER}|${NUMBER} ${CJK}`);
    const found = strings(language)
      .filter(([, text]) => spaced.test(text))
      .map(([path, text]) => `${path}: ${text}`);
    expect(found).toEqual([]);
  });

  it('zh-CN: full-width punctuation in Chinese text', () => {
    const halfWidth = new RegExp(`${CJK}[,;?!(]|${CJK}:(?!\\d)|[(][^)]*${CJK}[^)]*[)]`);
    const found = strings('zh-CN')
      .filter(([, text]) => halfWidth.test(text))
      .map(([path, text]) => `${path}: ${text}`);
    expect(found).toEqual([]);
  });

  it('en: US spelling throughout', () => {
    const british = /\b(licence|recognis\w*|organis\w*|colour\w*|behaviour\w*|centre)\b/i;
    const found = strings('en')
      .filter(([, text]) => british.test(text))
      .map(([path, text]) => `${path}: ${text}`);
    expect(found).toEqual([]);
  });

  it('ja and zh-CN relative times keep the number against its unit ("24時間後")', () => {
    const now = Date.UTC(2026, 11, 8, 9);
    // An enrollment code's expiry at HQ (hours up to two days): "24 時間後" on the screen read.
    expect(formatRelativeHours(now + 24 * 3_600_000, now, 'ja')).toBe('24時間後');
    expect(formatRelativeTime(now + 3 * 3_600_000, now, 'ja')).toBe('3時間後');
    expect(formatRelativeTime(now - 5 * 60_000, now, 'ja')).toBe('5分前');
    expect(formatRelativeTime(now - 5 * 60_000, now, 'zh-CN')).toBe('5分钟前');
    expect(formatRelativeTime(now - 5 * 60_000, now, 'en')).toBe('5 minutes ago');
  });

  it('a month at the start of a table cell is capitalized (vi), other languages unchanged', () => {
    expect(formatMonthCell('2026-12', 'vi')).toMatch(/^Tháng 12/);
    expect(formatMonthCell('2026-12', 'en')).toBe('December 2026');
    expect(formatMonthCell('2026-12', 'ja')).toBe('2026年12月');
  });
});
