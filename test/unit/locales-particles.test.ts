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
