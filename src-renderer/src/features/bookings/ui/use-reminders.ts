import { useEffect, useRef } from 'react';
import { detectConflicts } from '@shared/bookings';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Language } from '@shared/i18n/languages';
import { conflictsToTell, loadTold, pairKey, saveTold } from '../model/conflict-notices';
import { bookingLabel, dateTimeRange, resourceName, timeRange } from '../model/describe';
import { canNotify, showNotification } from '../model/notify';
import { dueReminders, loadSent, saveSent } from '../model/reminders';
import { relativeWhen, relativeWhenText } from '../model/relative-when';
import { useBookings, type BookingsContext } from '../model/use-bookings';

/**
 * Polls once a minute and shows a notification for each due reminder: native
 * through the preload in Electron, a Web Notification in a browser (when allowed).
 */
export function useReminders(ctx: BookingsContext, language: Language): void {
  const { t } = useTranslation('bookings');
  const latest = useRef({ ctx, language, t });
  useEffect(() => {
    latest.current = { ctx, language, t };
  });
  useEffect(() => {
    const tick = () => {
      if (!canNotify()) return;
      const { ctx: c, language: lang, t: tr } = latest.current;
      const sent = loadSent();
      const now = Date.now();
      for (const r of dueReminders(c.data.bookings, now, sent)) {
        const booking = c.data.byId.get(r.bookingId);
        if (!booking) continue;
        // Said from the real distance, not from which reminder fired.
        const when = relativeWhenText(relativeWhen(r.start, now, c.viewZone));
        void showNotification(
          tr(when.key, when.options),
          `${timeRange(r.start, r.end, c.viewZone, lang)} ${bookingLabel(booking, c.data, lang, tr)}`,
          r.key,
        );
        sent.add(r.key);
      }
      saveSent(sent);
      tellConflicts(c, lang, tr, now);
    };
    tick();
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, []);
}

/**
 * A notice for each pair of bookings newly in conflict (they meet only through sync), so
 * the owner of the booking already there hears of it too, on any screen.
 */
function tellConflicts(ctx: BookingsContext, lang: Language, tr: TFunction, now: number): void {
  const { data } = ctx;
  const conflicts = detectConflicts(data.bookings, {
    horizon: data.index.horizon,
    vehicles: data.vehicles,
  });
  const told = loadTold();
  const fresh = conflictsToTell(conflicts, now, told);
  for (const group of fresh) {
    const first = group[0]!;
    const occ = first.occurrences[0]!;
    const labels = first.bookingIds.map((id) => {
      const b = data.byId.get(id);
      return b ? bookingLabel(b, data, lang, tr) : '';
    });
    void showNotification(
      tr('conflict.notice'),
      [
        tr(`conflict.title.${first.resource.kind}`, {
          name: resourceName(data, first.resource, lang),
        }),
        dateTimeRange(occ.a.start, occ.a.end, ctx.viewZone, lang),
        labels.filter(Boolean).join(' / '),
      ].join('\n'),
      `conflict:${pairKey(group)}`,
    );
    told.add(pairKey(group));
  }
  if (fresh.length > 0) saveTold(told);
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
