/**
 * HQ's exchange-rate table as it syncs: ONE ROW PER MONTH in the shared `fxRates` table,
 * `{ id: 'YYYY-MM', month: 'YYYY-MM', perUsd: { KRW: '1385.5', … }, note? }`: units of each
 * currency per 1 US dollar, as exact decimal strings (never floats).
 */
import {
  FX_RATE_CURRENCIES,
  FX_TABLE,
  fxMonthRowSchema,
  monthSchema,
  type FxMonthRow,
} from '@shared/money';

import type { Language } from '@shared/i18n/languages';
import { formatAmountText } from '../../../ui/amount-text';

export { FX_TABLE, fxMonthRowSchema, type FxMonthRow };
export const RATE_CURRENCIES = FX_RATE_CURRENCIES;
export type RateCurrency = (typeof FX_RATE_CURRENCIES)[number];
export const NOTE_MAX = 1000;

export type RateInputError = 'required' | 'format' | 'zero' | 'tooManyDigits';

/**
 * A rate typed by a person → its canonical exact decimal ("1,385.50" → "1385.5"), or why not.
 * Grouping commas and spaces are accepted; a decimal comma is not (ambiguous in vi/en).
 */
export function parseRate(text: string): { value: string } | { error: RateInputError } {
  const cleaned = text.trim().replace(/[\s,\u00a0_]/g, '');
  if (!cleaned) return { error: 'required' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!m) return { error: 'format' };
  const int = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (int.length > 9 || frac.length > 8) return { error: 'tooManyDigits' };
  if (/^0+$/.test(int) && frac === '') return { error: 'zero' };
  const value = frac ? `${int}.${frac}` : int;
  return { value };
}

export interface RateDraft {
  month: string;
  rates: Partial<Record<RateCurrency, string>>;
  note: string;
}

export type DraftErrors = Partial<
  Record<RateCurrency | 'note' | 'month', RateInputError | 'noteTooLong'>
>;

/**
 * Validates a month's edit. Every currency is required (a report must state one rate per
 * currency and month). Returns the row to write, or the field errors; nothing is written
 * when any field is wrong.
 */
export function draftToRow(draft: RateDraft): { row: FxMonthRow } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!monthSchema.safeParse(draft.month).success) errors.month = 'format';
  const perUsd: FxMonthRow['perUsd'] = {};
  for (const c of RATE_CURRENCIES) {
    const parsed = parseRate(draft.rates[c] ?? '');
    if ('error' in parsed) errors[c] = parsed.error;
    else perUsd[c] = parsed.value;
  }
  const note = draft.note.trim();
  if (note.length > NOTE_MAX) errors.note = 'noteTooLong';
  if (Object.keys(errors).length) return { errors };
  return {
    row: { id: draft.month, month: draft.month, perUsd, ...(note ? { note } : {}) },
  };
}

/** The twelve `YYYY-MM` of a year. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** A month's rates in the change history, grouped as amounts are ("KRW 1,450 · JPY 149.5"). */
export function ratesText(row: Record<string, unknown> | null, language: Language): string {
  const parsed = fxMonthRowSchema.safeParse(row);
  if (!parsed.success) return '–';
  const rate = (v: string | undefined) => (v ? formatAmountText(v, language) : '–');
  return RATE_CURRENCIES.map((c) => `${c} ${rate(parsed.data.perUsd[c])}`).join(' · ');
}
