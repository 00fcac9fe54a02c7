export { intlLocale } from './locale';
export { FormatError, type FormatErrorCode } from './errors';
export {
  formatDate,
  formatDateTime,
  formatTime,
  formatUtcOffset,
  isValidTimeZone,
  toDate,
  type DateStyle,
  type Instant,
} from './datetime';
export { formatCompact, formatNumber } from './number';
export {
  currencyDisplayFor,
  formatCompactMoney,
  formatMoney,
  fromMinorUnits,
  toMinorUnits,
  type MoneyFormatOptions,
} from './money';
export { formatterCacheSize } from './cache';
