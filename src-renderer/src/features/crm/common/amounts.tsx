import { formatMoney } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import type { TalkAmount } from '@shared/crm/schemas';

/** "¥15,000,000 (US$100,000)": the original currency plus its USD snapshot. */
export function AmountView({
  amount,
  language,
}: {
  amount: TalkAmount | undefined;
  language: Language;
}) {
  if (!amount) return null;
  const original = formatMoney(amount.amount.amountMinor, amount.amount.currency, language, {
    currencyDisplay: 'code',
  });
  const usd =
    amount.amount.currency === 'USD'
      ? null
      : formatMoney(amount.usd.amountMinor, 'USD', language, { currencyDisplay: 'code' });
  return (
    <span className="bh-crm-amount">
      {original}
      {usd ? <span className="bh-crm-muted"> ({usd})</span> : null}
    </span>
  );
}
