import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@shared/i18n/languages';
import { bookingLabel, timeRange } from '../model/describe';
import { dueReminders, loadSent, saveSent } from '../model/reminders';
import { useBookings, type BookingsContext } from '../model/useBookings';

/** Polls once a minute and shows a Web Notification for each due reminder (when allowed). */
export function useReminders(ctx: BookingsContext, language: Language): void {
  const { t } = useTranslation('bookings');
  const latest = useRef({ ctx, language, t });
  useEffect(() => {
    latest.current = { ctx, language, t };
  });
  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    const tick = () => {
      if (Notification.permission !== 'granted') return;
      const { ctx: c, language: lang, t: tr } = latest.current;
      const sent = loadSent();
      for (const r of dueReminders(c.data.bookings, Date.now(), sent)) {
        const booking = c.data.byId.get(r.bookingId);
        if (!booking) continue;
        new Notification(tr(r.lead === 'day' ? 'reminders.dayBefore' : 'reminders.hourBefore'), {
          body: `${timeRange(r.start, r.end, c.viewZone, lang)} ${bookingLabel(booking, c.data, lang, tr)}`,
          tag: r.key,
        });
        sent.add(r.key);
      }
      saveSent(sent);
    };
    tick();
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, []);
}

/**
 * Reminders for the whole app: mount once in the layout (the scheduling
 * screens already run them while open) so they fire on any screen.
 */
export function BookingReminders({ language }: { language: Language }): null {
  const ctx = useBookings();
  useReminders(ctx, language);
  return null;
}
