import { useTranslation } from 'react-i18next';
import type { BookingStatus } from '@shared/bookings';
import {
  BLOCK_MARK_PX,
  blockText,
  CELL_BLOCK_PAD_PX,
  CONFLICT_BORDER_EXTRA_PX,
  SMALL_TIME_FONT_PX,
  TRACK_BLOCK_PAD_PX,
} from '../model/block-layout';
import { Block, type TimelineItem, type TimelineRow } from './TimelineBlock';
import type { Pending } from './use-timeline-interactions';

/** What every row needs to draw its blocks, computed once per render of the timeline. */
export interface RowContext {
  readonly pending: Pending | null;
  readonly moving: boolean;
  readonly busy: boolean;
  readonly tabStop: string | undefined;
  readonly notAtHq: ReadonlySet<string>;
  readonly timeRange: (start: number, end: number) => string;
  readonly startTime: (at: number) => string;
  /** Pixel width of a time text in the page's font (12 px unless told). */
  readonly timeWidth: (text: string, fontPx?: number) => number;
  readonly statusText: (status: BookingStatus) => string;
  readonly conflictText: string;
  readonly notAtHqText: string;
}

export const LANE_HEIGHT = 44;

/**
 * A text that wraps only between its words: "品川 300 あ 12-00" never as "12-" / "00",
 * "NAKAMURA Hanako" never as "NAKAMUR" / "A Hanako".
 */
export function Words({ text }: { text: string }) {
  const words = text.split(/(\s+)/);
  return (
    <>
      {words.map((word, i) =>
        i % 2 === 1 ? (
          word
        ) : (
          <span key={i} className="bk-word">
            {word}
          </span>
        ),
      )}
    </>
  );
}

/** The row's head: name, subtitle, "new booking" and "day sheet" buttons. */
export function RowHead({
  row,
  onNew,
  onDaySheet,
}: {
  row: TimelineRow;
  onNew: () => void;
  onDaySheet: () => void;
}) {
  const { t } = useTranslation('bookings');
  const newFor = t('timeline.newFor', { name: row.title });
  const daySheetFor = t('timeline.daySheetFor', { name: row.title });
  return (
    <div className="bk-row-head">
      <div className="bk-row-text">
        <span className="bk-row-title" lang={row.titleLang} title={row.title}>
          <Words text={row.title} />
        </span>
        <span className="bk-row-subtitle" title={row.subtitle}>
          {row.subtitle}
        </span>
      </div>
      {/* Plain buttons: 14+ antd Tooltips cost more than the whole row. */}
      <button
        type="button"
        className="bk-row-add"
        title={newFor}
        aria-label={newFor}
        data-testid={`timeline-new-${row.id}`}
        onClick={onNew}
      >
        <span className="bk-icon bk-icon-plus" aria-hidden />
      </button>
      <button
        type="button"
        className="bk-row-add"
        title={daySheetFor}
        aria-label={daySheetFor}
        data-testid={`timeline-sheet-${row.id}`}
        onClick={onDaySheet}
      >
        <span className="bk-icon bk-icon-printer" aria-hidden />
      </button>
    </div>
  );
}

/** One block's props from its item, where it is shown and how wide it is. */
export function blockProps(
  item: TimelineItem,
  ctx: RowContext,
  widthPx: number,
  place?: { left: number; width: number; top: number },
  bufferWidth = 0,
) {
  const isPending = ctx.pending?.key === item.key;
  const shown = isPending && ctx.pending ? ctx.pending : item;
  const range = ctx.timeRange(shown.start, shown.end);
  const start = ctx.startTime(shown.start);
  const unsent = ctx.notAtHq.has(item.bookingId);
  // The conflict and not-at-HQ marks sit at the end of the name line: the time keeps its room.
  const fit = blockText({
    widthPx,
    rangePx: ctx.timeWidth(range),
    startPx: ctx.timeWidth(start),
    smallStartPx: ctx.timeWidth(start, SMALL_TIME_FONT_PX),
    stackedPx: [
      ctx.timeWidth(range.slice(0, start.length + 1)),
      ctx.timeWidth(range.slice(start.length + 1)),
    ],
    inConflict: item.inConflict,
    padPx: place ? TRACK_BLOCK_PAD_PX : CELL_BLOCK_PAD_PX,
    marksPx: ((item.inConflict ? 1 : 0) + (unsent ? 1 : 0)) * BLOCK_MARK_PX,
    borderPx: item.inConflict ? CONFLICT_BORDER_EXTRA_PX : 0,
  });
  const time =
    fit.time === 'range' || fit.time === 'stacked' ? range : fit.time === 'none' ? '' : start;
  const marks = `${item.inConflict ? `, ${ctx.conflictText}` : ''}${unsent ? `, ${ctx.notAtHqText}` : ''}`;
  return {
    itemKey: item.key,
    bookingId: item.bookingId,
    status: item.status,
    inConflict: item.inConflict,
    unsent,
    pending: isPending,
    pressed: ctx.moving && isPending,
    disabled: ctx.busy && isPending,
    tabStop: item.key === ctx.tabStop,
    ...(place ? { place } : {}),
    bufferWidth,
    start: shown.start,
    end: shown.end,
    time,
    smallTime: fit.time === 'small',
    ...(fit.time === 'stacked' ? { stackAt: start.length + 1 } : {}),
    text: item.label,
    ...(item.labelLang ? { textLang: item.labelLang } : {}),
    showText: fit.label,
    // Starts with the visible text, so speech input ("click 09:00") finds it and the
    // visible text is part of the name; the whole range is always in it (and in the
    // tooltip), whatever the block had room for.
    label:
      fit.time === 'range' || fit.time === 'stacked' || !fit.label
        ? `${range} ${item.label}, ${ctx.statusText(item.status)}${marks}`
        : `${time ? `${time} ` : ''}${item.label}, ${range}, ${ctx.statusText(item.status)}${marks}`,
  };
}

/**
 * A row of the fitted week: one column per day, the day's bookings stacked in
 * start order, each as wide as the column (time on the first line, name on
 * the second, cut with an ellipsis).
 */
export function DayCellsRow({
  row,
  days,
  dayStarts,
  columnWidth,
  ctx,
  dropTarget,
  onCreateInDay,
}: {
  row: TimelineRow;
  days: readonly TimelineItem[][];
  dayStarts: readonly number[];
  columnWidth: number;
  ctx: RowContext;
  dropTarget: boolean;
  onCreateInDay: (dayStart: number) => void;
}) {
  return (
    <>
      {days.map((list, i) => (
        // A click on the cell's free space books that day; the blocks are the buttons.
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
        <div
          key={dayStarts[i]}
          className={`bk-cell${dropTarget ? ' bk-cell-drop' : ''}`}
          data-row-id={row.id}
          data-day-start={dayStarts[i]}
          data-testid={`timeline-cell-${row.id}-${i}`}
          onClick={(event) => {
            if ((event.target as Element).closest('.bk-block')) return;
            onCreateInDay(dayStarts[i]!);
          }}
        >
          {list.map((item) => (
            <Block key={item.key} {...blockProps(item, ctx, columnWidth - 8)} />
          ))}
        </div>
      ))}
    </>
  );
}
