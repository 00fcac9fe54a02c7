// @vitest-environment happy-dom
/**
 * Amounts show digit grouping while typed, per the reader's language, and the form keeps the
 * exact plain decimal string (issue 16 item 6).
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigProvider, Form } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '@shared/i18n/languages';
import { parseDecimalAmount } from '@shared/money';
import { AmountInput } from '../../../src-renderer/src/ui/AmountInput';
import { formatAmountText, parseAmountText } from '../../../src-renderer/src/ui/amount-text';

afterEach(() => cleanup());

describe('amount text', () => {
  it.each([
    ['en', '127743584', '127,743,584'],
    ['ja', '127743584', '127,743,584'],
    ['ko', '25548716823', '25,548,716,823'],
    ['zh-CN', '1234.5', '1,234.5'],
    ['vi', '25548716823', '25.548.716.823'],
    ['vi', '1234.5', '1.234,5'],
    ['en', '1234.', '1,234.'],
    ['en', '', ''],
  ] as const)('%s shows %s as %s and reads it back', (language, plain, shown) => {
    expect(formatAmountText(plain, language as Language)).toBe(shown);
    expect(parseAmountText(shown, language as Language)).toBe(plain);
  });

  it('drops what is not a digit or the decimal mark; full-width digits count', () => {
    expect(parseAmountText('¥ 1,234,567', 'ja')).toBe('1234567');
    expect(parseAmountText('１２３４５', 'ja')).toBe('12345');
    expect(parseAmountText('1.2.3', 'en')).toBe('1.23');
  });
});

function Harness({ language, onValue }: { language: Language; onValue: (v: unknown) => void }) {
  return (
    <ConfigProvider>
      <Form onValuesChange={(_, all) => onValue((all as { amount?: unknown }).amount)}>
        <Form.Item name="amount">
          <AmountInput language={language} aria-label="Amount" data-testid="amount" />
        </Form.Item>
      </Form>
    </ConfigProvider>
  );
}

describe('AmountInput', () => {
  it.each([
    ['en', '127,743,584'],
    ['vi', '127.743.584'],
  ] as const)(
    'typing 127743584 in %s shows %s and stores the exact number',
    async (language, shown) => {
      let stored: unknown;
      render(<Harness language={language} onValue={(v) => (stored = v)} />);
      const input = screen.getByLabelText('Amount') as HTMLInputElement;
      // The e2e tests fill amounts by test id: it must reach the <input> itself.
      expect(screen.getByTestId('amount')).toBe(input);
      await userEvent.setup().type(input, '127743584');
      expect(input.value).toBe(shown);
      expect(stored).toBe('127743584');
      expect(parseDecimalAmount(String(stored), 'JPY')).toEqual({
        amountMinor: 127743584,
        currency: 'JPY',
      });
    },
  );
});
