/**
 * Building an Intl formatter costs far more than using one (locale data
 * lookup, pattern generation): every formatter is built once per locale and
 * option set and reused. The key space is small (5 locales x a handful of
 * styles x the zones in use), so the caches are never evicted.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cacheKey(locale: string, options: object): string {
  return `${locale}|${JSON.stringify(options)}`;
}

export function cachedDateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = cacheKey(locale, options);
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function cachedNumberFormat(
  locale: string,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = cacheKey(locale, options);
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** For tests and diagnostics: how many formatters are alive. */
export function formatterCacheSize(): number {
  return dateTimeFormats.size + numberFormats.size;
}
