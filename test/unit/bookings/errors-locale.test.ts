import { describe, expect, it } from 'vitest';
import en from '@locales/en/errors.json';
import ja from '@locales/ja/errors.json';
import ko from '@locales/ko/errors.json';
import vi from '@locales/vi/errors.json';
import zhCN from '@locales/zh-CN/errors.json';
import { BOOKING_ERROR_CODES } from '@shared/bookings/errors';
import { validateTripAgainstVehicle } from '@shared/bookings/schemas';
import { wallTimeToInstant } from '@shared/bookings/wall-time';
import { trip, van } from './helpers';

const LOCALES = { en, ja, ko, vi, 'zh-CN': zhCN } as const;

function lookup(tree: unknown, code: string): string | undefined {
  let node: unknown = tree;
  for (const part of code.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('bookings error codes in errors.json', () => {
  it.each(Object.entries(LOCALES))(
    '%s has every code, non-empty, same placeholders as en',
    (_lang, tree) => {
      for (const code of BOOKING_ERROR_CODES) {
        const text = lookup(tree, code);
        expect(text, code).toBeTruthy();
        expect(placeholders(text!), code).toEqual(placeholders(lookup(en, code)!));
      }
    },
  );

  it('the params the domain emits cover every placeholder of its message', () => {
    const cases = [
      wallTimeToInstant({ date: '2025-11-02', time: '01:30' }, 'America/Los_Angeles'),
      wallTimeToInstant({ date: '2025-03-09', time: '02:30' }, 'America/Los_Angeles'),
    ].map((r) => (r.ok ? null : r.error));
    cases.push(
      validateTripAgainstVehicle(
        trip('t', '2025-04-01T17:00:00Z', '2025-04-01T18:00:00Z', { passengers: 9 }),
        van,
      ),
    );
    for (const error of cases) {
      expect(error).not.toBeNull();
      const needed = placeholders(lookup(en, error!.code)!);
      for (const name of needed)
        expect(error!.params, `${error!.code}:${name}`).toHaveProperty(name);
    }
  });
});
