import { describe, expect, it } from 'vitest';
import en from '@locales/en/errors.json';
import ja from '@locales/ja/errors.json';
import ko from '@locales/ko/errors.json';
import vi from '@locales/vi/errors.json';
import zhCN from '@locales/zh-CN/errors.json';
import { MISSION_ERROR_CODES } from '@shared/missions';

const LOCALES = { en, ja, ko, vi, 'zh-CN': zhCN } as const;

function lookup(tree: unknown, code: string): string | undefined {
  let node: unknown = tree;
  for (const part of code.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

describe('mission error codes in errors.json', () => {
  it.each(Object.entries(LOCALES))('%s translates every code', (lang, tree) => {
    for (const code of MISSION_ERROR_CODES) {
      const text = lookup(tree, code);
      expect(text, code).toBeTruthy();
      if (lang !== 'en') expect(text, code).not.toBe(lookup(en, code));
    }
  });
});
