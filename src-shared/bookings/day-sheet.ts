import { DateTime } from 'luxon';
import type { Language } from '../i18n/languages';
import { displayName, type DisplayName, type PeopleDirectory } from './people';
import { expandOccurrences } from './recurrence';
import { resourcesOf, type ResourceRef } from './resources';
import type {
  Address,
  Booking,
  BookingPurpose,
  BookingStatus,
  Messenger,
  PersonName,
  Requester,
} from './schemas';
import { instantToWallTime, offsetLabel, toIsoInstant } from './wall-time';

/**
 * Plain data for a printable day sheet (a driver's or an interpreter's day).
 * The UI renders it with its own translations for labels, purposes and
 * statuses; nothing here is display text except data itself.
 */

export interface SheetPerson {
  readonly id: string;
  readonly name: DisplayName;
  readonly phone: string | null;
  readonly messengers: readonly Messenger[];
}

export interface SheetVehicle {
  readonly id: string;
  readonly plate: string;
  readonly model: string;
  readonly seats: number;
}

export interface DaySheetRow {
  readonly bookingId: string;
  readonly kind: Booking['kind'];
  /** Office wall times, 24 h ("07:30"). */
  readonly start: string;
  readonly end: string;
  /** The row began the day before / ends after the sheet's day. */
  readonly startsBeforeDay: boolean;
  readonly endsAfterDay: boolean;
  /** Set when the wall time occurs twice that day (LA fall back): "UTC-07:00". */
  readonly startOffset: string | null;
  readonly endOffset: string | null;
  readonly startInstant: string;
  readonly endInstant: string;
  readonly status: BookingStatus;
  readonly purpose: BookingPurpose;
  readonly requester: Requester | null;
  readonly notes: string | null;
  readonly interpreter: SheetPerson | null;
  readonly location: string | null;
  readonly vehicle: SheetVehicle | null;
  readonly driver: SheetPerson | null;
  /** Addresses in the local script, as entered. */
  readonly pickUp: Address | null;
  readonly dropOff: Address | null;
  readonly passengers: number | null;
  readonly passengerNames: readonly string[];
}

export interface DaySheet {
  readonly date: string;
  readonly zone: string;
  /** ISO weekday 1 = Monday, for the UI's translated weekday name. */
  readonly weekday: number;
  /** 23 or 25 on DST change days (print a note). */
  readonly dayLengthHours: number;
  readonly language: Language;
  readonly resource: ResourceRef;
  /** Who or what the sheet is for. */
  readonly person: SheetPerson | null;
  readonly vehicle: SheetVehicle | null;
  readonly rows: readonly DaySheetRow[];
}

export interface DaySheetOptions {
  /** Cancelled bookings are left off unless asked for (struck through on paper). */
  readonly includeCancelled?: boolean;
}

export function buildDaySheet(
  date: string,
  zone: string,
  resource: ResourceRef,
  bookings: Iterable<Booking>,
  people: PeopleDirectory,
  language: Language,
  options: DaySheetOptions = {},
): DaySheet {
  const dayStart = DateTime.fromISO(date, { zone }).startOf('day');
  const from = dayStart.toMillis();
  const to = dayStart.plus({ days: 1 }).startOf('day').toMillis();

  const rows: DaySheetRow[] = [];
  for (const booking of bookings) {
    if (booking.status === 'cancelled' && !options.includeCancelled) continue;
    if (!resourcesOf(booking).some((r) => r.kind === resource.kind && r.id === resource.id))
      continue;
    for (const occ of expandOccurrences(booking, { from, to })) {
      rows.push(rowOf(booking, occ.start, occ.end, from, to, zone, people, language));
    }
  }
  rows.sort(
    (a, b) =>
      a.startInstant.localeCompare(b.startInstant) || a.bookingId.localeCompare(b.bookingId),
  );

  return {
    date,
    zone,
    weekday: dayStart.weekday,
    dayLengthHours: Math.round((to - from) / 3_600_000),
    language,
    resource,
    person:
      resource.kind === 'interpreter'
        ? sheetPerson(people.interpreters?.get(resource.id), language)
        : resource.kind === 'driver'
          ? sheetPerson(people.drivers?.get(resource.id), language)
          : null,
    vehicle: resource.kind === 'vehicle' ? sheetVehicle(people, resource.id) : null,
    rows,
  };
}

function rowOf(
  booking: Booking,
  start: number,
  end: number,
  dayFrom: number,
  dayTo: number,
  zone: string,
  people: PeopleDirectory,
  language: Language,
): DaySheetRow {
  const s = instantToWallTime(start, zone);
  const e = instantToWallTime(end, zone);
  const trip = booking.kind === 'vehicle' ? booking : null;
  return {
    bookingId: booking.id,
    kind: booking.kind,
    start: s.time,
    end: e.time,
    startsBeforeDay: start < dayFrom,
    endsAfterDay: end > dayTo,
    startOffset: s.ambiguous ? offsetLabel(s.offsetMinutes) : null,
    endOffset: e.ambiguous ? offsetLabel(e.offsetMinutes) : null,
    startInstant: toIsoInstant(start),
    endInstant: toIsoInstant(end),
    status: booking.status,
    purpose: booking.purpose,
    requester: booking.requester ?? null,
    notes: booking.notes ?? null,
    interpreter:
      booking.kind === 'interpreter'
        ? sheetPerson(
            people.interpreters?.get(booking.interpreterId),
            language,
            booking.interpreterId,
          )
        : null,
    location: booking.kind === 'interpreter' ? (booking.location ?? null) : null,
    vehicle: trip ? sheetVehicle(people, trip.vehicleId) : null,
    driver: trip?.driverId
      ? sheetPerson(people.drivers?.get(trip.driverId), language, trip.driverId)
      : null,
    pickUp: trip?.pickUp ?? null,
    dropOff: trip?.dropOff ?? null,
    passengers: trip?.passengers ?? null,
    passengerNames: trip?.passengerNames ?? [],
  };
}

function sheetPerson(
  person:
    | { id: string; name: PersonName; phone?: string | undefined; messengers: Messenger[] }
    | undefined,
  language: Language,
  fallbackId?: string,
): SheetPerson | null {
  if (!person) {
    return fallbackId
      ? {
          id: fallbackId,
          name: { primary: fallbackId, secondary: null, lang: 'und' },
          phone: null,
          messengers: [],
        }
      : null;
  }
  return {
    id: person.id,
    name: displayName(person.name, language),
    phone: person.phone ?? null,
    messengers: person.messengers,
  };
}

function sheetVehicle(people: PeopleDirectory, id: string): SheetVehicle | null {
  const v = people.vehicles?.get(id);
  return v
    ? { id: v.id, plate: v.plate, model: v.model, seats: v.seats }
    : { id, plate: id, model: '', seats: 0 };
}
