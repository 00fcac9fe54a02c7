import { DateTime } from 'luxon';
import type { AxisRange } from './time-axis';

/**
 * The timeline's layout decisions as plain functions (no DOM): which lane a
 * block sits in, which hours a fitted day shows, which day of a week a block
 * belongs to, and how much of a block's text fits its width. The text rule
 * is the one that keeps "08:00–1" off the screen: a time is shown whole or
 * not at all (the tooltip and the accessible name always carry all of it).
 */

export type ZoomLevel = 'fit' | 'hour' | 'half';
export const ZOOM_LEVELS: readonly ZoomLevel[] = ['fit', 'hour', 'half'];

interface Span {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** Lanes so that overlapping bookings (after sync) sit under each other, not on top. */
export function laneLayout(items: readonly Span[]): { lanes: Map<string, number>; count: number } {
  const lanes = new Map<string, number>();
  const ends: number[] = [];
  for (const item of [...items].sort((a, b) => a.start - b.start || a.end - b.end)) {
    let lane = ends.findIndex((end) => end <= item.start);
    if (lane === -1) lane = ends.push(0) - 1;
    ends[lane] = item.end;
    lanes.set(item.key, lane);
  }
  return { lanes, count: Math.max(1, ends.length) };
}

/** The working day a fitted day view shows when nothing is booked outside it. */
export const WORKING_DAY = { start: 8, end: 19 } as const;

/**
 * The stretch of a day the "fit" zoom shows: the working day, widened to whole
 * hours so that every booking of the day is inside (a 06:30 airport run makes
 * it start at 06:00). Wall hours in `zone`; real instants out.
 */
export function fittedDay(
  items: readonly { start: number; end: number }[],
  range: AxisRange,
  zone: string,
): AxisRange {
  const day = DateTime.fromMillis(range.from, { zone }).startOf('day');
  let from = day.set({ hour: WORKING_DAY.start }).toMillis();
  let to = day.set({ hour: WORKING_DAY.end }).toMillis();
  for (const item of items) {
    if (item.end <= range.from || item.start >= range.to) continue;
    from = Math.min(from, Math.max(range.from, item.start));
    to = Math.max(to, Math.min(range.to, item.end));
  }
  // Whole hours on the wall clock, inside the day.
  const start = DateTime.fromMillis(from, { zone }).startOf('hour').toMillis();
  const endDt = DateTime.fromMillis(to, { zone });
  const end =
    endDt.minute === 0 && endDt.second === 0 && endDt.millisecond === 0
      ? to
      : endDt.startOf('hour').plus({ hours: 1 }).toMillis();
  return { from: Math.max(range.from, start), to: Math.min(range.to, end) };
}

/** The index of the day (in `dayStarts`, ascending local midnights) an instant falls in; -1 before. */
export function dayIndexOf(at: number, dayStarts: readonly number[]): number {
  let index = -1;
  for (let i = 0; i < dayStarts.length && dayStarts[i]! <= at; i += 1) index = i;
  return index;
}

/** Items per day of the week (index into `dayStarts`), each day sorted by start. */
export function groupByDay<T extends { start: number; end: number }>(
  items: readonly T[],
  dayStarts: readonly number[],
): T[][] {
  const days: T[][] = dayStarts.map(() => []);
  for (const item of items) {
    const i = dayIndexOf(item.start, dayStarts);
    if (i >= 0) days[i]!.push(item);
  }
  for (const list of days) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return days;
}

/**
 * Text widths without a DOM (the screen measures the real font, see
 * ui/measureText; this is its fallback): the block's time is 12 px, weight
 * 600, and the widest fonts it meets (DejaVu Sans Bold, CJK fonts with a
 * full-width dash) take 8.4 px a digit, 4.8 a colon, 12 the en dash.
 * Overestimating only drops the range early, never cuts it.
 */
const DIGIT_PX = 8.4;
const COLON_PX = 4.8;
const DASH_PX = 12;
/** The time's size in a block, and the smaller size a short block's start takes. */
export const TIME_FONT_PX = 12;
export const SMALL_TIME_FONT_PX = 10;
/** Padding and border of a block on a time axis (5 + 5 + 2; the grip may lie over text). */
export const TRACK_BLOCK_PAD_PX = 12;
/** Padding and border of a block in a day column of the fitted week (6 + 6 + 2). */
export const CELL_BLOCK_PAD_PX = 14;
/** Padding and border of a short block showing its start small (2 + 2 + 2). */
export const SMALL_BLOCK_PAD_PX = 6;
/** A conflict's border is 2 px a side, not 1. */
export const CONFLICT_BORDER_EXTRA_PX = 2;
/** Room one mark (conflict, not at HQ) takes at the end of the name line. */
export const BLOCK_MARK_PX = 14;
/** An ellipsis and at least two characters, or the label is not worth showing. */
const MIN_LABEL_PX = 30;
/**
 * Below this, a name line reads "Gi…": the end of the booking says more. A block in
 * conflict always prefers its end to its name (the overlap is what must be read).
 */
const USEFUL_LABEL_PX = 60;

export function timeTextWidth(text: string, fontPx: number = TIME_FONT_PX): number {
  // In tenths of a pixel: ten times 7.2 is 72, not 72.00000000000001.
  let tenths = 0;
  for (const ch of text) {
    tenths += ch === '–' || ch === '-' ? DASH_PX * 10 : ch === ':' ? COLON_PX * 10 : DIGIT_PX * 10;
  }
  return Math.ceil((tenths * fontPx) / TIME_FONT_PX) / 10;
}

export interface BlockText {
  /**
   * The whole range "08:00–10:30" on one line, or on two ("08:00–" / "10:30", in
   * place of the name line), the start "08:00" alone, the start in small type (a
   * 30-minute block of a fitted day), or no time.
   */
  readonly time: 'range' | 'stacked' | 'start' | 'small' | 'none';
  /** The name line (ellipsis in CSS when long). */
  readonly label: boolean;
}

export interface BlockTextInput {
  readonly widthPx: number;
  /** Widths of "08:00–10:30" and "08:00" at the time's size, and of "08:00" small. */
  readonly rangePx: number;
  readonly startPx: number;
  readonly smallStartPx?: number;
  /** Widths of the two lines of a stacked range: "08:00–" and "10:30". */
  readonly stackedPx?: readonly [number, number];
  /** Padding and border around the text. */
  readonly padPx?: number;
  /** Room the marks take at the end of the name line (the time line has none). */
  readonly marksPx?: number;
  /** A double booking: its end matters more than its name. */
  readonly inConflict?: boolean;
  /** Extra border (a conflict's). */
  readonly borderPx?: number;
}

/**
 * What a block of `widthPx` shows of its time ("08:00–10:30" / "08:00") and
 * whether its name line is worth drawing, given the pixel widths of the time
 * texts. Times are never cut: either whole or dropped. The conflict and
 * not-at-HQ marks sit at the end of the name line, so a double booking keeps
 * its whole range ("10:00–11:15", not "10:00") wherever a plain block would,
 * and where one line is too short, on two lines in place of its name.
 */
export function blockText(input: BlockTextInput): BlockText {
  const { widthPx, rangePx, startPx, padPx = TRACK_BLOCK_PAD_PX } = input;
  const border = input.borderPx ?? 0;
  const room = widthPx - padPx - border;
  const smallRoom = widthPx - SMALL_BLOCK_PAD_PX - border;
  const smallStart = input.smallStartPx ?? (startPx * SMALL_TIME_FONT_PX) / TIME_FONT_PX;
  const labelRoom = room - (input.marksPx ?? 0);
  if (room >= rangePx) return { time: 'range', label: labelRoom >= MIN_LABEL_PX };
  const stacked = input.stackedPx;
  if (
    stacked &&
    room >= stacked[0] &&
    room >= stacked[1] &&
    (input.inConflict || labelRoom < USEFUL_LABEL_PX)
  ) {
    return { time: 'stacked', label: false };
  }
  if (room >= startPx) return { time: 'start', label: labelRoom >= MIN_LABEL_PX };
  if (smallRoom >= smallStart) return { time: 'small', label: false };
  return { time: 'none', label: labelRoom >= MIN_LABEL_PX };
}

/** Width of one day column of the fitted week: what the row heads leave, in seven. */
export function weekColumnWidth(scrollerWidth: number, headPx: number, days = 7): number {
  return Math.max(0, Math.floor((scrollerWidth - headPx) / days));
}
