import { intlLocale } from '@shared/format/locale';
import { formatUtcOffset } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { ZONE_COUNTRY } from './zone-countries';

// Time zones as people read them, from the runtime's CLDR data (Intl): the bookings, the
// trade talks and HQ's office pages show the same names.

/**
 * A time zone as people call it, with its offset at `at`:
 * "Asia/Ho_Chi_Minh" -> "Indochina Time (UTC+07:00)", ja "インドシナ時間 (UTC+07:00)".
 * The generic name ("Pacific Time") stays right on both sides of a DST change.
 */
export function zoneLabel(zone: string, reader: Language, at: number): string {
  return `${zoneName(zone, reader, at)} (${formatUtcOffset(zone, at)})`;
}

/** The zone's name alone: "Indochina Time", "米国太平洋時間". */
export function zoneName(zone: string, reader: Language, at: number): string {
  return zoneNameIn(zone, intlLocale(reader), at);
}

const latinReader = (locale: string) => /^(en|vi)(-|$)/i.test(locale);
const LATIN = /[A-Za-z]/;

/**
 * The zone's name for a reader of `locale`. Where the browser's CLDR data has no name for a
 * zone it writes "{city}時間" with the city in Latin letters ("Midway時間", "Kuching 시간") or
 * adds one ("オーストラリア東部時間（Hobart）"): a reader of another script gets the name
 * without the city, else the zone's country in their language, else its UTC offset. A
 * reader of Latin letters keeps the city, as CLDR writes it.
 */
export function zoneNameIn(zone: string, locale: string, at: number): string {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    name = undefined;
  }
  if (name && /^(GMT|UTC)/.test(name)) name = undefined;
  if (latinReader(locale)) return name ?? zoneCity(zone);
  if (name && LATIN.test(name)) {
    const withoutCity = name.replace(/\s*[（(][^（()）]*[）)]\s*$/, '');
    name = LATIN.test(withoutCity) ? undefined : withoutCity;
  }
  return name ?? zoneCountry(zone, locale) ?? formatUtcOffset(zone, at);
}

/** The place an IANA id names ("America/Argentina/Salta" -> "Salta"). */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** The zone's country in the reader's language ("Pacific/Midway" -> ja "合衆国領有小離島"). */
export function zoneCountry(zone: string, locale: string): string | undefined {
  const code = ZONE_COUNTRY[zone];
  if (!code) return undefined;
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}
