/**
 * An amount typed with digit grouping (antd InputNumber, per the user's language), holding the
 * plain decimal string in the form so amounts stay exact (stringMode: no float rounding).
 */
import { InputNumber, type InputNumberProps } from 'antd';
import type { Language } from '@shared/i18n/languages';
import { formatAmountText, parseAmountText } from './amount-text';

export type AmountInputProps = Omit<
  InputNumberProps<string>,
  'stringMode' | 'formatter' | 'parser' | 'controls'
> & { language: Language };

export function AmountInput({ language, ...props }: AmountInputProps) {
  return (
    <InputNumber<string>
      {...props}
      stringMode
      controls={false}
      inputMode="decimal"
      formatter={(value) => formatAmountText(value, language)}
      parser={(text) => parseAmountText(text, language)}
    />
  );
}
