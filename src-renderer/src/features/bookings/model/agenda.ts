import { DateTime } from 'luxon';
import {
  expandOccurrences,
  resourceKey,
  resourcesOf,
  type Booking,
  type ResourceRef,
} from '@shared/bookings';

/**
 * The agenda as days, and in each day one group per person or vehicle (in
 * the order given), so the name is a heading once, not repeated on every
 * row. With one resource chosen it is that resource's list; with none, every
 * interpreter's (or vehicle's) for the next days.
 */
export interface AgendaEntry {
  readonly key: string;
  readonly bookingId: string;
  readonly start: number;
  readonly end: number;
}

export interface AgendaGroup {
  readonly resource: ResourceRef;
  readonly entries: AgendaEntry[];
}

export interface AgendaDay {
  /** Local date in the zone, yyyy-MM-dd. */
  readonly day: string;
  readonly groups: AgendaGroup[];
}

export function buildAgenda(
  bookings: Iterable<Booking>,
  resources: readonly ResourceRef[],
  window: { from: number; to: number },
  zone: string,
): AgendaDay[] {
  const order = new Map(resources.map((r, i) => [resourceKey(r), i]));
  const days = new Map<string, Map<number, AgendaEntry[]>>();
  for (const booking of bookings) {
    const mine = resourcesOf(booking).filter((r) => order.has(resourceKey(r)));
    if (mine.length === 0) continue;
    for (const o of expandOccurrences(booking, window)) {
      const day = DateTime.fromMillis(o.start, { zone }).toFormat('yyyy-MM-dd');
      let groups = days.get(day);
      if (!groups) days.set(day, (groups = new Map()));
      for (const ref of mine) {
        const index = order.get(resourceKey(ref))!;
        let list = groups.get(index);
        if (!list) groups.set(index, (list = []));
        list.push({
          key: `${booking.id}@${o.start}`,
          bookingId: booking.id,
          start: o.start,
          end: o.end,
        });
      }
    }
  }
  return [...days.keys()].sort().map((day) => {
    const groups = days.get(day)!;
    return {
      day,
      groups: [...groups.keys()]
        .sort((a, b) => a - b)
        .map((index) => ({
          resource: resources[index]!,
          entries: groups.get(index)!.sort((a, b) => a.start - b.start || a.end - b.end),
        })),
    };
  });
}
