import { intlLocale } from '@shared/format/locale';
import { formatUtcOffset } from '@shared/format';
import type { Language } from '@shared/i18n/languages';

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
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat(intlLocale(reader), {
      timeZone: zone,
      timeZoneName: 'longGeneric',
    })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    name = undefined;
  }
  // Some zones have no CLDR name and come back as "GMT+07:00": then the city of the id.
  if (!name || /^(GMT|UTC)/.test(name)) name = zone.split('/').pop()!.replace(/_/g, ' ');
  return name;
}
