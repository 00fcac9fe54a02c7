import { formatUtcOffset } from '@shared/format';
import { zoneCity, zoneCountry, zoneNameIn } from '../ui/zone-names';

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
  const confusable = confusableZones(named, at);
  // A shared name is told apart by the country in the reader's language (Berlin and Paris:
  // "中央ヨーロッパ標準時 · ドイツ"), for a reader of Latin letters by the city; then by the city.
  const latin = /^(en|vi)(-|$)/i.test(locale);
  const places = named.map((z) => {
    // Honolulu and Adak at UTC-10 in winter: "Hawaii-Aleutian Standard Time" and
    // "Hawaii-Aleutian Time", one country; only their cities tell them apart.
    const alike = confusable.get(z.zone);
    if (alike) {
      // The country in the reader's script where it differs (Paris and Algiers), else the city.
      const country = latin ? undefined : zoneCountry(z.zone, locale);
      return country && !alike.some((o) => zoneCountry(o, locale) === country)
        ? `${z.name} · ${country}`
        : `${z.name} · ${zoneCity(z.zone)}`;
    }
    if ((nameCounts.get(z.name) ?? 0) < 2) return z.name;
    const country = latin ? undefined : zoneCountry(z.zone, locale);
    return country && country !== z.name
      ? `${z.name} · ${country}`
      : `${z.name} · ${zoneCity(z.zone)}`;
  });
  const placeCounts = countOf(places);
  const cities = named.map((z, i) =>
    (placeCounts.get(places[i]!) ?? 0) > 1 && !latin
      ? `${z.name} · ${zoneCity(z.zone)}`
      : places[i]!,
  );
  // Two zones of one name and one city (rare): the id tells them apart.
  const cityCounts = countOf(cities);
  const collator = new Intl.Collator(locale);
  return named
    .map(({ zone, offset }, i) => {
      const place = (cityCounts.get(cities[i]!) ?? 0) > 1 ? zone.replace(/_/g, ' ') : cities[i]!;
      const label = `${place} (${offset})`;
      const search = `${zone} ${zone.replace(/_/g, ' ')} ${label}`.toLowerCase();
      return { value: zone, label, search, minutes: offsetMinutes(offset) };
    })
    .sort((a, b) => a.minutes - b.minutes || collator.compare(a.label, b.label))
    .map(({ minutes: _minutes, ...option }) => option);
}

/**
 * Zones at the same offset now whose standard or summer time has the same name (ICU's
 * metazone) but whose names as shown differ, by a word only ("Hawaii-Aleutian Time" for Adak,
 * "Hawaii-Aleutian Standard Time" for Honolulu, which keeps no summer time).
 */
function confusableZones(
  named: { zone: string; name: string; offset: string }[],
  at: number,
): Map<string, string[]> {
  const year = new Date(at).getUTCFullYear();
  const moments = [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)];
  const owners = new Map<string, { zone: string; name: string }[]>();
  for (const { zone, name: shown, offset } of named) {
    let names: string[] = [];
    try {
      const format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'long' });
      names = moments.map(
        (m) => format.formatToParts(m).find((p) => p.type === 'timeZoneName')?.value ?? '',
      );
    } catch {
      names = [];
    }
    for (const name of new Set(names)) {
      if (!name || /^GMT/.test(name)) continue;
      const key = `${offset}|${name}`;
      owners.set(key, [...(owners.get(key) ?? []), { zone, name: shown }]);
    }
  }
  const out = new Map<string, string[]>();
  // Only where the names shown differ: zones of one name (Seoul, Pyongyang) are told apart
  // by their country already.
  for (const zones of owners.values()) {
    if (new Set(zones.map((z) => z.name)).size < 2) continue;
    for (const z of zones) {
      const others = zones.map((o) => o.zone).filter((o) => o !== z.zone);
      out.set(z.zone, [...(out.get(z.zone) ?? []), ...others]);
    }
  }
  return out;
}

/**
 * A zone as people say it in their language ("Japan Time", "일본 시간"), not its IANA id;
 * the id (with spaces) only where the runtime has no name for it.
 */
export function zoneDisplayName(zone: string, locale: string, at = Date.now()): string {
  return zoneNameIn(zone, locale, at);
}

export function matchesTimeZone(input: string, option: TimeZoneOption | undefined): boolean {
  if (!option) return false;
  const terms = input.toLowerCase().trim().split(/\s+/);
  return terms.every((term) => option.search.includes(term));
}
