import type { Language } from '../i18n/languages';
import { CURRENCY_DECIMALS, isCurrencyCode, type CurrencyCode } from '../money/currency';
import { cachedNumberFormat } from './cache';
import { FormatError } from './errors';
import { intlLocale } from './locale';

function decimalsOf(currency: CurrencyCode): number {
  if (!isCurrencyCode(currency)) {
    throw new FormatError('format.unknown_currency', `unsupported currency: ${String(currency)}`);
  }
  return CURRENCY_DECIMALS[currency];
}

function assertMinorUnits(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new FormatError(
      'format.invalid_amount',
      `minor units must be a safe integer: ${amountMinor}`,
    );
  }
}

/**
 * Major units (e.g. 1234.56 USD) to integer minor units (123456), rounding
 * half away from zero. toPrecision(15) first absorbs binary noise such as
 * 1.005 * 100 = 100.49999999999999.
 */
export function toMinorUnits(amount: number, currency: CurrencyCode): number {
  if (!Number.isFinite(amount)) {
    throw new FormatError('format.invalid_amount', `not a finite amount: ${amount}`);
  }
  const scaled = Number((Math.abs(amount) * 10 ** decimalsOf(currency)).toPrecision(15));
  const minor = Math.sign(amount) * Math.round(scaled);
  assertMinorUnits(minor);
  return minor === 0 ? 0 : minor; // never -0
}

export function fromMinorUnits(amountMinor: number, currency: CurrencyCode): number {
  assertMinorUnits(amountMinor);
  return amountMinor / 10 ** decimalsOf(currency);
}

export interface MoneyFormatOptions {
  /**
   * 'code' (e.g. "CNY 1,234.50") in tables mixing currencies: ¥ is both CNY
   * and JPY. 'symbol' (default) when the currency is clear from context.
   */
  currencyDisplay?: 'symbol' | 'narrowSymbol' | 'code' | 'name';
}

export function formatMoney(
  amountMinor: number,
  currency: CurrencyCode,
  language: Language,
  options: MoneyFormatOptions = {},
): string {
  const decimals = decimalsOf(currency);
  const amount = fromMinorUnits(amountMinor, currency);
  return cachedNumberFormat(intlLocale(language), {
    style: 'currency',
    currency,
    currencyDisplay: options.currencyDisplay ?? 'symbol',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(amount);
}

/** The currency a reader's own country writes with a bare sign (￥ yen in Japan, ¥ yuan in China). */
const HOME_CURRENCY: Readonly<Record<Language, CurrencyCode>> = {
  ko: 'KRW',
  ja: 'JPY',
  'zh-CN': 'CNY',
  vi: 'VND',
  en: 'USD',
};
/** Signs that stand for more than one currency: ¥/￥ yen or yuan, $ any dollar. */
const SHARED_SIGNS = new Set(['¥', '￥', '$']);

/**
 * How to name a currency beside an amount shown alone: by its sign where the reader cannot
 * mistake it (₩, ₫, JP¥, ￥ to a Japanese reader), by its code where the sign is shared ("¥"
 * to an English or Vietnamese reader could be yen or yuan: "JPY 1,234,568").
 */
export function currencyDisplayFor(currency: CurrencyCode, language: Language): 'symbol' | 'code' {
  if (HOME_CURRENCY[language] === currency) return 'symbol';
  const sign = cachedNumberFormat(intlLocale(language), { style: 'currency', currency })
    .formatToParts(0)
    .find((p) => p.type === 'currency')?.value;
  return sign !== undefined && SHARED_SIGNS.has(sign) ? 'code' : 'symbol';
}

/**
 * A headline amount, short: "USD 8700만", "USD 87M", "87 Tr USD". At most three significant
 * digits, so the CJK units (만/万/億) never carry a decimal after four digits ("USD 8696.7만"
 * read as mixed units); tables keep every unit with formatMoney.
 */
export function formatCompactMoney(
  amountMinor: number,
  currency: CurrencyCode,
  language: Language,
): string {
  return cachedNumberFormat(intlLocale(language), {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    notation: 'compact',
    maximumSignificantDigits: 3,
  }).format(fromMinorUnits(amountMinor, currency));
}
