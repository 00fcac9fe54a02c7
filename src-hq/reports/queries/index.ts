/**
 * Report queries over the read models (projection/). SQL sums integer minor units per
 * (office, month, currency) — exact — and TypeScript converts each such sum to USD and KRW
 * with the HQ rate of its month (RateBook, rates.ts), in BigInt with one rounding per cell.
 */
export type { Period, Scope } from './common';
export { FigureAcc, RateBook } from './rates';
export { monthAvailableHours, utilizationRows } from './hours';
export { breakdown, headlineFigures, officeMonthRows, splitYears } from './figures';
export { drillTalks, freshness, topSmes } from './lists';
export { missionRows } from './missions';
