import { formatUtcOffset } from '@shared/format';

export interface TimeZoneOption {
  value: string;
  label: string;
  /** lower-case text the search matches: zone, zone with spaces, offset */
  search: string;
}

/** Every IANA zone the runtime knows, labelled with its current UTC offset. */
export function timeZoneOptions(at: number): TimeZoneOption[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return zones.map((zone) => {
    const offset = formatUtcOffset(zone, at);
    const label = `${zone.replace(/_/g, ' ')} (${offset})`;
    return { value: zone, label, search: `${zone} ${label}`.toLowerCase() };
  });
}

/**
 * A zone as people say it in their language ("Japan Time", "일본 시간"), not its IANA id;
 * the id (with spaces) only where the runtime has no name for it.
 */
export function zoneDisplayName(zone: string, locale: string): string {
  try {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(0)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT|^UTC/.test(name)) return name;
  } catch {
    // an unknown zone: fall through to the id
  }
  return zone.replace(/_/g, ' ');
}

export function matchesTimeZone(input: string, option: TimeZoneOption | undefined): boolean {
  if (!option) return false;
  const terms = input.toLowerCase().trim().split(/\s+/);
  return terms.every((term) => option.search.includes(term));
}
