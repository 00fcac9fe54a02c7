import type { TFunction } from 'i18next';
import { directoryOf, resourcesOf, toIcs, type Booking, type ResourceRef } from '@shared/bookings';
import type { Language } from '@shared/i18n/languages';
import type { BookingsSnapshot } from '../data/repository';
import { resourceName } from './describe';
import { requesterOrPurpose } from './requester-name';

/** An .ics calendar of every booking a resource holds, with translated summaries. */
export function resourceCalendar(
  data: BookingsSnapshot,
  ref: ResourceRef,
  zone: string,
  language: Language,
  t: TFunction,
): { filename: string; text: string; bookingIds: string[] } {
  const bookings = data.bookings.filter((b) =>
    resourcesOf(b).some((r) => r.kind === ref.kind && r.id === ref.id),
  );
  const name = resourceName(data, ref, language);
  const summary = (b: Booking) => {
    const what = requesterOrPurpose(b, language, t).text;
    if (b.kind === 'vehicle') {
      return t('bookings:ics.tripSummary', {
        vehicle: resourceName(data, { kind: 'vehicle', id: b.vehicleId }, language),
        driver: b.driverId
          ? resourceName(data, { kind: 'driver', id: b.driverId }, language)
          : t('bookings:form.noDriver'),
        what,
      });
    }
    return t('bookings:ics.interpreterSummary', {
      interpreter: resourceName(data, { kind: 'interpreter', id: b.interpreterId }, language),
      what,
    });
  };
  const text = toIcs(bookings, {
    zone,
    calendarName: t('bookings:ics.calendarName', { name }),
    language,
    people: directoryOf({
      interpreters: data.interpreters,
      drivers: data.drivers,
      vehicles: data.vehicles,
    }),
    summary,
  });
  const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || ref.id;
  return { filename: `${safe}.ics`, text, bookingIds: bookings.map((b) => b.id) };
}

/** Saves text through the browser's download (Electron shows its save dialog). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
