import { monthOf, usdSnapshot, type FxRateTable, type Money } from '../money';
import type { TalkAmount } from './schemas';

/**
 * Stamps an amount with its USD value at the rate of the talk's month (the
 * office-local month of `startsAt`). Taken once when the amount is entered so
 * that reports never drift when rates change later.
 */
export function stampTalkAmount(
  amount: Money,
  startsAt: string,
  timeZone: string,
  tables: readonly FxRateTable[],
): TalkAmount {
  const month = monthOf(startsAt, timeZone);
  const snap = usdSnapshot(amount, month, tables);
  const { month: m, rateMonth, perUsd, source, tableVersion } = snap.rate;
  return { amount, usd: snap.usd, fx: { month: m, rateMonth, perUsd, source, tableVersion } };
}
