import { z } from 'zod';

/** ISO 4217 codes the offices work in (same union as `Office['currency']`). */
export const CURRENCY_CODES = ['KRW', 'JPY', 'CNY', 'VND', 'USD'] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

/** Minor-unit digits per ISO 4217 (VND's minor unit is not used in practice: 0). */
export const CURRENCY_DECIMALS: Readonly<Record<CurrencyCode, number>> = {
  KRW: 0,
  JPY: 0,
  VND: 0,
  CNY: 2,
  USD: 2,
};

export const currencyCodeSchema = z.enum(CURRENCY_CODES);

/** An amount in integer minor units, so sums are exact. */
export const moneySchema = z.object({
  amountMinor: z.number().int().refine(Number.isSafeInteger, 'money.unsafe_integer'),
  currency: currencyCodeSchema,
});
export type Money = z.infer<typeof moneySchema>;

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && (CURRENCY_CODES as readonly string[]).includes(value);
}

export class MoneyError extends Error {
  constructor(
    readonly code: 'money.currency_mismatch' | 'money.unsafe_integer' | 'money.bad_amount',
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'MoneyError';
  }
}

function checkSafe(n: number): number {
  if (!Number.isSafeInteger(n)) throw new MoneyError('money.unsafe_integer');
  return n;
}

export function money(amountMinor: number, currency: CurrencyCode): Money {
  return { amountMinor: checkSafe(amountMinor), currency };
}

export function zeroMoney(currency: CurrencyCode): Money {
  return { amountMinor: 0, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new MoneyError('money.currency_mismatch');
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function sumMoney(items: readonly Money[], currency: CurrencyCode): Money {
  return items.reduce((acc, m) => addMoney(acc, m), zeroMoney(currency));
}

/**
 * Integer division rounding half away from zero, on BigInt so that
 * intermediate products never lose precision. Deterministic everywhere
 * (no banker's rounding, no float).
 */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError('money.bad_amount', 'division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/**
 * Parses a user- or file-supplied decimal ("1,234.5", "1234") into minor units.
 * Rejects more fraction digits than the currency has rather than rounding
 * silently. Grouping commas and spaces are accepted; a decimal comma is not
 * (ambiguous with grouping in vi/en).
 */
export function parseDecimalAmount(text: string, currency: CurrencyCode): Money | null {
  const cleaned = text.trim().replace(/[\s,\u00a0_]/g, '');
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!m) return null;
  const decimals = CURRENCY_DECIMALS[currency];
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return null;
  const minor = BigInt(m[2] + fraction.padEnd(decimals, '0')) * (m[1] === '-' ? -1n : 1n);
  const asNumber = Number(minor);
  if (!Number.isSafeInteger(asNumber)) return null;
  return { amountMinor: asNumber === 0 ? 0 : asNumber, currency };
}

/** Plain decimal string ("1234.50"), for files and inputs; display uses Intl. */
export function formatDecimalAmount(m: Money): string {
  const decimals = CURRENCY_DECIMALS[m.currency];
  const negative = m.amountMinor < 0;
  const digits = String(Math.abs(m.amountMinor));
  if (decimals === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(decimals + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/** Major-unit number for Intl.NumberFormat display only (never for arithmetic). */
export function toMajorUnits(m: Money): number {
  return m.amountMinor / 10 ** CURRENCY_DECIMALS[m.currency];
}
