import type { TFunction } from 'i18next';
import { displayName, type Booking, type FreeSlot, type ResourceRef } from '@shared/bookings';
import { formatDate } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import type { SmeFirm } from '@shared/crm/schemas';
import type { BookingsSnapshot, SaveRefusal } from '../data/repository';
import { requesterOrPurpose } from './requester-name';
import { wallTimeText } from './wall-time-text';

/** Names of people in the reader's script; vehicles by plate. */
export function resourceName(data: BookingsSnapshot, ref: ResourceRef, language: Language): string {
  if (ref.kind === 'vehicle') {
    const v = data.index.vehicles.get(ref.id);
    return v ? v.plate : ref.id;
  }
  const person =
    ref.kind === 'interpreter'
      ? data.index.interpreters.get(ref.id)
      : data.index.drivers.get(ref.id);
  return person ? displayName(person.name, language).primary : ref.id;
}

/** What a booking is about, in one line: resource, requester, purpose. */
export function bookingLabel(
  booking: Booking,
  data: BookingsSnapshot,
  language: Language,
  t: TFunction,
  firms?: ReadonlyMap<string, SmeFirm>,
): string {
  const parts: string[] = [];
  if (booking.kind === 'vehicle') {
    parts.push(resourceName(data, { kind: 'vehicle', id: booking.vehicleId }, language));
    if (booking.driverId) {
      parts.push(resourceName(data, { kind: 'driver', id: booking.driverId }, language));
    }
  } else {
    parts.push(resourceName(data, { kind: 'interpreter', id: booking.interpreterId }, language));
  }
  parts.push(requesterOrPurpose(booking, language, t, firms).text);
  return parts.join(' · ');
}

/** "09:00–10:30" in a zone; the date is added when the range is not today-only. */
export function timeRange(
  start: number | string,
  end: number | string,
  zone: string,
  language: Language,
) {
  return `${wallTimeText(start, zone, language)}–${wallTimeText(end, zone, language)}`;
}

export function dateTimeRange(
  start: number | string,
  end: number | string,
  zone: string,
  language: Language,
) {
  const startDay = formatDate(start, zone, language);
  const endDay = formatDate(end, zone, language);
  return startDay === endDay
    ? `${startDay} ${timeRange(start, end, zone, language)}`
    : `${startDay} ${wallTimeText(start, zone, language)} – ${endDay} ${wallTimeText(end, zone, language)}`;
}

export interface RefusalText {
  readonly message: string;
  /** "It clashes with VAN-2 · Kim Minji · 09:00–10:30." */
  readonly clash: string | null;
  readonly slot: FreeSlot | null;
  readonly slotText: string | null;
}

/** A refused save as sentences: the rule, the clashing booking by name, the next free slot. */
export function refusalText(
  error: SaveRefusal,
  data: BookingsSnapshot,
  zone: string,
  language: Language,
  t: TFunction,
): RefusalText {
  const message = t(`errors:${error.code}`, { ...(error.params ?? {}) });
  const first = error.clashes?.[0];
  const other = first ? data.byId.get(first.bookingId) : undefined;
  const clash = first
    ? t('bookings:refusal.clashesWith', {
        booking: other ? bookingLabel(other, data, language, t) : first.bookingId,
        time: dateTimeRange(first.start, first.end, zone, language),
      })
    : null;
  const slot = error.nextFreeSlot ?? null;
  const slotText = slot
    ? t('bookings:refusal.nextFree', { time: dateTimeRange(slot.start, slot.end, zone, language) })
    : first
      ? t('errors:bookings.no_free_slot')
      : null;
  return { message, clash, slot, slotText };
}

/** A block's text on its own row: the row already names the vehicle or interpreter. */
export function rowLabel(
  booking: Booking,
  data: BookingsSnapshot,
  language: Language,
  t: TFunction,
  firms?: ReadonlyMap<string, SmeFirm>,
): string {
  const what = requesterOrPurpose(booking, language, t, firms).text;
  if (booking.kind === 'vehicle') {
    // The row already says the vehicle and, in its subtitle, its usual driver: name the
    // driver only when another one drives this trip.
    const usual = data.index.vehicles.get(booking.vehicleId)?.defaultDriverId;
    return booking.driverId && booking.driverId !== usual
      ? `${what} · ${resourceName(data, { kind: 'driver', id: booking.driverId }, language)}`
      : what;
  }
  return booking.location ? `${what} · ${booking.location}` : what;
}
