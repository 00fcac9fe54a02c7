import { formatMoney } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import type { TalkAmount } from '@shared/crm/schemas';

/** "141.762.238 JPY" with a plain space beside the code (Intl puts a no-break space there). */
export function breakableCode(money: string): string {
  return money.replace(
    /(?<=\d)[\u00a0\u202f](?=[A-Z]{3})|(?<=[A-Z]{3})[\u00a0\u202f](?=[\d-])/g,
    ' ',
  );
}

/**
 * "¥15,000,000 (US$100,000)": the original currency plus its USD snapshot. `breakable`
 * (a narrow board card): the number and its code may go on two lines, the number never.
 */
export function AmountView({
  amount,
  language,
  breakable = false,
}: {
  amount: TalkAmount | undefined;
  language: Language;
  breakable?: boolean;
}) {
  if (!amount) return null;
  const text = breakable ? breakableCode : (money: string) => money;
  const original = text(
    formatMoney(amount.amount.amountMinor, amount.amount.currency, language, {
      currencyDisplay: 'code',
    }),
  );
  const usd =
    amount.amount.currency === 'USD'
      ? null
      : text(formatMoney(amount.usd.amountMinor, 'USD', language, { currencyDisplay: 'code' }));
  return (
    <span className="bh-crm-amount">
      {original}
      {usd ? <span className="bh-crm-muted"> ({usd})</span> : null}
    </span>
  );
}
