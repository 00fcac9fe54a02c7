/**
 * Intervals of ONE resource, sorted by start, with a running maximum of ends
 * (`maxEnd[i]` = max end of items[0..i]). An overlap query binary-searches the
 * last item starting before the query end and walks left only while the
 * running maximum still reaches into the query: O(log n + k) for the usual
 * calendar of short, mostly disjoint bookings.
 *
 * Intervals are half-open [start, end): back-to-back (end == start) is free.
 */
export interface Interval {
  /** Epoch ms the resource becomes busy. */
  readonly start: number;
  /** Epoch ms it is free again (booking end plus any turnaround buffer). */
  readonly end: number;
  readonly bookingId: string;
  /** The occurrence's own times (without buffer). */
  readonly occurrenceStart: number;
  readonly occurrenceEnd: number;
}

export class SortedIntervals {
  private items: Interval[] = [];
  private maxEnd: number[] = [];

  static from(intervals: Iterable<Interval>): SortedIntervals {
    const s = new SortedIntervals();
    s.items = [...intervals].sort(compareIntervals);
    s.maxEnd = new Array<number>(s.items.length);
    s.recomputeFrom(0, true);
    return s;
  }

  get size(): number {
    return this.items.length;
  }

  all(): readonly Interval[] {
    return this.items;
  }

  insert(interval: Interval): void {
    const i = this.firstStartAtOrAfter(interval.start, interval.bookingId);
    this.items.splice(i, 0, interval);
    this.maxEnd.splice(i, 0, 0);
    this.recomputeFrom(i, false);
  }

  /** Removes every interval of the booking; returns how many. */
  removeBooking(bookingId: string): number {
    let first = -1;
    const kept: Interval[] = [];
    for (let i = 0; i < this.items.length; i += 1) {
      const it = this.items[i]!;
      if (it.bookingId === bookingId) {
        if (first < 0) first = i;
      } else kept.push(it);
    }
    if (first < 0) return 0;
    const removed = this.items.length - kept.length;
    this.items = kept;
    this.maxEnd.length = kept.length;
    this.recomputeFrom(first, true);
    return removed;
  }

  /** Intervals overlapping [start, end), in ascending start order. */
  overlapping(start: number, end: number): Interval[] {
    const out: Interval[] = [];
    for (let i = this.firstStartAtOrAfter(end) - 1; i >= 0; i -= 1) {
      if (this.maxEnd[i]! <= start) break;
      const it = this.items[i]!;
      if (it.end > start) out.push(it);
    }
    return out.reverse();
  }

  /**
   * Earliest t >= after with [t, t + length) overlapping nothing, skipping
   * intervals for which `ignore` is true. Always exists (after the last one).
   */
  nextFree(after: number, length: number, ignore?: (it: Interval) => boolean): number {
    const k = this.firstStartAtOrAfter(after);
    let cursor = after;
    // Intervals starting before `after` may still run past it.
    for (let i = k - 1; i >= 0 && this.maxEnd[i]! > cursor; i -= 1) {
      const it = this.items[i]!;
      if (!ignore?.(it) && it.end > cursor) cursor = it.end;
    }
    for (let i = k; i < this.items.length; i += 1) {
      const it = this.items[i]!;
      if (ignore?.(it)) continue;
      if (it.start >= cursor + length) return cursor;
      if (it.end > cursor) cursor = it.end;
    }
    return cursor;
  }

  /** First index whose start is >= t (ties broken by booking id for a stable order). */
  private firstStartAtOrAfter(t: number, bookingId?: string): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const it = this.items[mid]!;
      const before =
        it.start < t || (bookingId !== undefined && it.start === t && it.bookingId < bookingId);
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private recomputeFrom(i: number, full: boolean): void {
    for (let j = i; j < this.items.length; j += 1) {
      const prev = j > 0 ? this.maxEnd[j - 1]! : Number.NEGATIVE_INFINITY;
      const next = Math.max(prev, this.items[j]!.end);
      // Past the changed slot, an unchanged running max means the rest is unchanged too.
      if (!full && j > i && this.maxEnd[j] === next) return;
      this.maxEnd[j] = next;
    }
  }
}

function compareIntervals(a: Interval, b: Interval): number {
  return a.start - b.start || (a.bookingId < b.bookingId ? -1 : a.bookingId > b.bookingId ? 1 : 0);
}
