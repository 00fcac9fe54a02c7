import { formatUtcOffset } from '@shared/format';

export interface TimeZoneOption {
  value: string;
  label: string;
  /** lower-case text the search matches: zone, zone with spaces, offset */
  search: string;
}

/** "UTC+09:00" -> 540, "UTC-03:30" -> -210, "UTC" -> 0 (to list zones west to east). */
function offsetMinutes(offset: string): number {
  const m = /^UTC([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The place an IANA id names ("America/Argentina/Salta" -> "Salta"). */
function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/**
 * Every IANA zone the runtime knows, named in the reader's language with its current UTC
 * offset ("일본 표준시 (UTC+09:00)"), west to east. Many zones share a name (Berlin and Paris
 * are both "Central European Time"): those also name their city, and the IANA id stays in
 * the search text so "asia/seoul" or "ho chi minh" still finds a zone.
 */
export function timeZoneOptions(at: number, locale: string): TimeZoneOption[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const named = zones.map((zone) => ({
    zone,
    name: zoneDisplayName(zone, locale),
    offset: formatUtcOffset(zone, at),
  }));
  const countOf = (names: string[]) => {
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    return counts;
  };
  const nameCounts = countOf(named.map((z) => z.name));
  const places = named.map((z) =>
    (nameCounts.get(z.name) ?? 0) > 1 ? `${z.name} · ${zoneCity(z.zone)}` : z.name,
  );
  // Two zones of one name and one city (rare): the id tells them apart.
  const placeCounts = countOf(places);
  const collator = new Intl.Collator(locale);
  return named
    .map(({ zone, offset }, i) => {
      const place = (placeCounts.get(places[i]!) ?? 0) > 1 ? zone.replace(/_/g, ' ') : places[i]!;
      const label = `${place} (${offset})`;
      const search = `${zone} ${zone.replace(/_/g, ' ')} ${label}`.toLowerCase();
      return { value: zone, label, search, minutes: offsetMinutes(offset) };
    })
    .sort((a, b) => a.minutes - b.minutes || collator.compare(a.label, b.label))
    .map(({ minutes: _minutes, ...option }) => option);
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
