/**
 * Korean strings never glue a particle to a name or value filled in at run time: "SATO
 * Daisuke이(가)" reads badly, and the right particle depends on the last sound of a name in
 * another script. The name goes after a colon or in a phrase that needs no particle.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../locales/ko');

function strings(value: unknown, path: string, out: Array<[string, string]>) {
  if (typeof value === 'string') out.push([path, value]);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

describe('ko wording', () => {
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => strings(JSON.parse(readFileSync(join(dir, f), 'utf8')), f, []));

  it('has no particle after an interpolated value, nor the "이(가)" double forms', () => {
    const glued = all.filter(
      ([, s]) =>
        // 의 never changes; after "({{x}})" the particle belongs to the word before the brackets.
        /\}\}\s?(이|가|을|를|은|는|과|와|으로|로|에게)(?=[\s.,!?]|$)/.test(s) ||
        /\((가|를|는|와|으)\)/.test(s),
    );
    expect(glued).toEqual([]);
  });

  it('calls a name reading 읽는 법, not 읽기 (reading a book)', () => {
    const reading = all.filter(([, s]) => /읽기(?! 전용)/.test(s));
    expect(reading).toEqual([]);
  });
});

/** Months are filled in as words ("2026年12月", "tháng 12 năm 2026", formatMonth). */
describe('a month filled in as words', () => {
  const read = (lng: string, ns: string) =>
    strings(JSON.parse(readFileSync(resolve(dir, `../${lng}/${ns}.json`), 'utf8')), ns, []);

  it('is not set off by spaces in Japanese or Chinese ("2026年12月 は" read like a gap)', () => {
    for (const lng of ['ja', 'zh-CN']) {
      const spaced = [...read(lng, 'audit'), ...read(lng, 'hq')].filter(([, s]) =>
        /[\u3040-\u30ff\u4e00-\u9fff] \{\{month\}\}|\{\{month\}\} [\u3040-\u30ff\u4e00-\u9fff]/.test(
          s,
        ),
      );
      expect(spaced, lng).toEqual([]);
    }
  });

  it('is not preceded by "tháng" in Vietnamese (the words already say it: "Tỷ giá tháng tháng 1")', () => {
    const doubled = [...read('vi', 'audit'), ...read('vi', 'hq')].filter(([, s]) =>
      /tháng \{\{month\}\}/i.test(s),
    );
    expect(doubled).toEqual([]);
  });
});
