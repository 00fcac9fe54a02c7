/**
 * Headline amounts in the office dashboard: short, but never a decimal inside a CJK unit
 * ("USD 8696.7만" reads as mixed units); issue 16 item 9.
 */
import { describe, expect, it } from 'vitest';
import { formatCompactMoney } from '@shared/format';

describe('formatCompactMoney', () => {
  it.each([
    ['ko', 'USD 8700만'],
    ['ja', 'USD 8700万'],
    ['zh-CN', 'USD 8700万'],
    ['en', 'USD 87M'],
    ['vi', '87 Tr USD'],
  ] as const)('%s: USD 86,967,000.00 is %s', (language, expected) => {
    const text = formatCompactMoney(8_696_700_000, 'USD', language).replace(/\u00a0/g, ' ');
    expect(text).toBe(expected);
  });

  it('keeps three significant digits below ten thousand units, never a decimal after four digits', () => {
    for (const language of ['ko', 'ja', 'zh-CN'] as const) {
      for (const minor of [8_696_700_000, 123_456_789_012_00, 1_274_000_00, 99_999_00]) {
        const text = formatCompactMoney(minor, 'USD', language);
        expect(text, text).not.toMatch(/\d{4}[.,]\d/);
      }
    }
    expect(formatCompactMoney(127_743_584, 'JPY', 'ja').replace(/\u00a0/g, ' ')).toBe('JPY 1.28億');
  });
});
