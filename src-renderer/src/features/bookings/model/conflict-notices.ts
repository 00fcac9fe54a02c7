import { instantMs, type BookingConflict } from '@shared/bookings';
import { groupByPair } from './conflicts';

/**
 * Conflicts arrive with sync: a laptop refuses a clashing save, so two bookings of one van
 * or interpreter meet only when two laptops booked offline. Both owners must hear of it
 * (issue 16), not only whoever opens the Conflicts tab: each laptop tells its user once per
 * pair of bookings, while the clash is still ahead. Pure; the app-wide reminder poll
 * shows the notices.
 */

/** The key a pair is told under: its two booking ids, sorted. */
export const pairKey = (group: readonly BookingConflict[]) => group[0]!.bookingIds.join('|');

/** Pairs in conflict this laptop has not told of, whose overlap has not yet ended. */
export function conflictsToTell(
  conflicts: readonly BookingConflict[],
  now: number,
  told: ReadonlySet<string>,
): BookingConflict[][] {
  return groupByPair(conflicts).filter(
    (group) =>
      !told.has(pairKey(group)) &&
      group.some(
        (c) =>
          // Only the first few overlaps are kept: more than those means more still to come.
          c.count > c.occurrences.length ||
          c.occurrences.some((o) => Math.min(instantMs(o.a.end), instantMs(o.b.end)) > now),
      ),
  );
}

const TOLD_KEY = 'bridgehead.bookings.conflictsTold';

/** Pairs already told on this device (localStorage; pruned to the last 500). */
export function loadTold(): Set<string> {
  try {
    const raw = localStorage.getItem(TOLD_KEY);
    return new Set(raw ? (JSON.parse(raw) as string[]) : []);
  } catch {
    return new Set();
  }
}

export function saveTold(told: ReadonlySet<string>): void {
  try {
    localStorage.setItem(TOLD_KEY, JSON.stringify([...told].slice(-500)));
  } catch {
    // Storage full or unavailable: a notice may repeat, nothing is lost.
  }
}
