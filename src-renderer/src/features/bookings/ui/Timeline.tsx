import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import type { BookingStatus } from '@shared/bookings';
import { intlLocale } from '@shared/format/locale';
import type { Language } from '@shared/i18n/languages';
import {
  fittedDay,
  groupByDay,
  laneLayout,
  weekColumnWidth,
  type ZoomLevel,
} from '../model/block-layout';
import {
  buildAxis,
  dayTicks,
  defaultStart,
  hourTicks,
  snap,
  WEEK_WINDOW,
  type AxisRange,
  type ViewMode,
} from '../model/time-axis';
import { wallTimeText } from '../model/wall-time-text';
import { measureTimeText, pageFontFamily } from './measure-text';
import { Block, type TimelineItem, type TimelineRow } from './TimelineBlock';
import { blockProps, DayCellsRow, LANE_HEIGHT, RowHead, type RowContext } from './TimelineRows';
import {
  rowAt,
  STEP,
  useTimelineInteractions,
  type Drag,
  type Pending,
} from './use-timeline-interactions';

export type { TimelineItem, TimelineRow } from './TimelineBlock';

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Horizontal windowing of the zoomed views: a zoomed week is thousands of
 * pixels of track and a screen shows a part of it, so only the blocks that
 * reach into the scrolled-to stretch are in the DOM. A fresh mount draws just
 * what is in view; once scrolled, OVERSCAN more on each side, counted in CHUNK
 * steps so that scrolling re-renders only when it crosses one. The tab stop
 * and the block being moved are always drawn.
 */
const CHUNK = 128;
const OVERSCAN = 256;
/** The row heads' column on a time axis; the tracks start after it. */
const HEAD_PX = 220;
/** The row heads of the fitted week: narrower, so seven day columns fit at 1280 px. */
const WEEK_HEAD_PX = 176;

interface View {
  /** The axis the position belongs to: a new range or mode starts at its own scroll target. */
  readonly axis: unknown;
  readonly left: number;
  /** Draw OVERSCAN beyond the visible stretch (after the first scroll). */
  readonly overscan: boolean;
}

function drawnWindow(left: number, width: number, overscan: boolean) {
  const more = overscan ? OVERSCAN : 0;
  return {
    from: Math.floor(Math.max(0, left - more) / CHUNK) * CHUNK,
    to: Math.ceil((left + Math.max(0, width - HEAD_PX) + more) / CHUNK) * CHUNK,
  };
}

/**
 * The scroller's width as last seen, with the window width it was seen at: a
 * mount cannot read it without a forced layout, and the window's width (the
 * first guess) is a few hundred pixels too wide next to the app's navigation.
 */
const seenWidth = { window: 0, scroller: 0 };
function guessWidth(): number {
  if (typeof window === 'undefined') return 1920;
  return seenWidth.window === window.innerWidth ? seenWidth.scroller : window.innerWidth;
}

/** "09:00–10:30" and "09:00", memoised per instant for one zone and language. */
function timeFormatters(zone: string, language: Language) {
  const times = new Map<number, string>();
  const time = (at: number) => {
    let text = times.get(at);
    if (text === undefined) {
      text = wallTimeText(at, zone, language);
      times.set(at, text);
    }
    return text;
  };
  return { time, range: (start: number, end: number) => `${time(start)}–${time(end)}` };
}

/** Day column heads: "Mon, Mar 10", "3月10日(月)", "T2, 10 thg 3" (never a bare 3/10). */
/**
 * "Thứ 5, 10 thg 12": a narrow column may break it only between the weekday and the date
 * (never "10 thg" / "12"), so the other spaces are non-breaking.
 */
function dayHead(at: number, zone: string, language: Language): string {
  const parts = new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: zone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).formatToParts(at);
  const breakAt = parts.findIndex((p) => p.type === 'weekday') + 1;
  return parts
    .map((p, i) =>
      i === breakAt && p.type === 'literal' ? p.value : p.value.replace(/ /g, '\u00a0'),
    )
    .join('');
}

export const Timeline = memo(function Timeline({
  rows,
  items,
  range,
  mode,
  zoom = 'fit',
  zone,
  language,
  now,
  onCreate,
  onOpen,
  onChange,
  onDaySheet,
  notAtHq = NO_IDS,
}: {
  rows: readonly TimelineRow[];
  items: readonly TimelineItem[];
  range: AxisRange;
  mode: ViewMode;
  /** 'fit': the working day or the whole week in view; 'hour' / 'half': a scrolled time axis. */
  zoom?: ZoomLevel;
  zone: string;
  language: Language;
  now: number;
  onCreate: (rowId: string, at: number) => void;
  onOpen: (item: TimelineItem) => void;
  /** Move, resize or reassign (rowId differs from item.rowId); resolves true when saved. */
  onChange: (item: TimelineItem, start: number, end: number, rowId: string) => Promise<boolean>;
  /** The printable day sheet of a row for the day starting at `day`. */
  onDaySheet: (rowId: string, day: number) => void;
  /** Bookings with changes HQ has not acknowledged yet, computed once per change of the outbox. */
  notAtHq?: ReadonlySet<string>;
}) {
  const { t } = useTranslation('bookings');
  const rootRef = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const cells = mode === 'week' && zoom === 'fit';
  const headPx = cells ? WEEK_HEAD_PX : HEAD_PX;

  // The scroller's width: the fitted views fill it; the windowing draws what it shows.
  const [width, setWidth] = useState(guessWidth);
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const seen = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (seen <= 0) return;
      seenWidth.window = window.innerWidth;
      seenWidth.scroller = seen;
      setWidth(seen);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fitted = useMemo(
    () => (mode === 'day' && zoom === 'fit' ? fittedDay(items, range, zone) : null),
    [mode, zoom, items, range, zone],
  );
  const trackFitWidth = Math.max(480, width - headPx - 2);
  const axis = useMemo(
    () =>
      buildAxis(
        range,
        zone,
        mode,
        zoom,
        fitted ? { range: fitted, width: trackFitWidth } : undefined,
      ),
    [range, zone, mode, zoom, fitted, trackFitWidth],
  );
  const ticks = useMemo(() => {
    if (mode === 'week') return dayTicks(range, zone);
    const all = hourTicks(range, zone);
    return fitted ? all.filter((tick) => tick.at >= fitted.from && tick.at < fitted.to) : all;
  }, [mode, range, zone, fitted]);
  const dayStarts = useMemo(() => dayTicks(range, zone).map((tick) => tick.at), [range, zone]);

  const byRow = useMemo(() => {
    const map = new Map<string, TimelineItem[]>();
    for (const item of items) {
      let list = map.get(item.rowId);
      if (!list) map.set(item.rowId, (list = []));
      list.push(item);
    }
    return map;
  }, [items]);

  /** A drag on a time axis: through the axis, on the 15-minute grid, in the row under the pointer. */
  const axisTarget = (d: Drag, dx: number, x: number, y: number): Pending => {
    const step = (at: number) => range.from + Math.round((at - range.from) / STEP) * STEP;
    if (d.mode === 'move') {
      const start = step(axis.fromX(axis.toX(d.start) + dx / d.zoom));
      const rowId = rowAt(x, y) ?? d.rowId;
      return { key: d.key, start, end: start + (d.end - d.start), rowId };
    }
    const end = step(axis.fromX(axis.toX(d.end) + dx / d.zoom));
    return { key: d.key, start: d.start, end: Math.max(d.start + STEP, end), rowId: d.rowId };
  };
  /** A drag in the fitted week: to the day column and row under the pointer, same wall times. */
  const cellTarget = (d: Drag, _dx: number, x: number, y: number): Pending => {
    const el =
      typeof document.elementFromPoint === 'function' ? document.elementFromPoint(x, y) : null;
    const cell = el?.closest<HTMLElement>('[data-day-start]');
    const rowId = cell?.dataset.rowId ?? d.rowId;
    const toDay = cell ? Number(cell.dataset.dayStart) : undefined;
    const fromDay = dayStarts[groupByDayIndex(d.start)];
    if (toDay === undefined || fromDay === undefined) return { ...d, rowId };
    const days = Math.round(
      DateTime.fromMillis(toDay, { zone }).diff(DateTime.fromMillis(fromDay, { zone }), 'days')
        .days,
    );
    const start = DateTime.fromMillis(d.start, { zone }).plus({ days }).toMillis();
    return { key: d.key, start, end: start + (d.end - d.start), rowId };
  };
  const groupByDayIndex = (at: number) => {
    let index = 0;
    for (let i = 0; i < dayStarts.length; i += 1) if (dayStarts[i]! <= at) index = i;
    return index;
  };

  const { pending, busy, moving, tabStop, gridHandlers } = useTimelineInteractions({
    rows,
    items,
    byRow,
    rootRef,
    dragTarget: cells ? cellTarget : axisTarget,
    canResize: !cells,
    onOpen,
    onChange,
  });

  /** As byRow, with a pending move shown where it would go (row, and day in the week). */
  const shownByRow = useMemo(() => {
    const moved = pending ? items.find((i) => i.key === pending.key) : undefined;
    if (!pending || !moved) return byRow;
    const map = new Map(byRow);
    map.set(
      moved.rowId,
      (byRow.get(moved.rowId) ?? []).filter((i) => i.key !== moved.key),
    );
    map.set(pending.rowId, [
      ...(map.get(pending.rowId) ?? []),
      { ...moved, start: pending.start, end: pending.end, rowId: pending.rowId },
    ]);
    return map;
  }, [byRow, items, pending]);

  const formatters = useMemo(() => timeFormatters(zone, language), [zone, language]);
  // The font family follows the UI language (CJK stacks): read once per language.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const family = useMemo(() => pageFontFamily(), [language]);
  // Status texts once per render, not once per block.
  const statusTexts = new Map<BookingStatus, string>();
  const ctx: RowContext = {
    pending,
    moving,
    busy,
    tabStop,
    notAtHq,
    timeRange: formatters.range,
    startTime: formatters.time,
    timeWidth: (text, fontPx) => measureTimeText(text, family, fontPx),
    statusText: (status) => {
      let text = statusTexts.get(status);
      if (text === undefined) statusTexts.set(status, (text = t(`status.${status}`)));
      return text;
    },
    conflictText: t('conflict.marker'),
    notAtHqText: t('sync:marker.notAtHq'),
  };

  const lanesByRow = useMemo(() => {
    const map = new Map<string, ReturnType<typeof laneLayout>>();
    for (const [rowId, list] of shownByRow) map.set(rowId, laneLayout(list));
    return map;
  }, [shownByRow]);

  const onTrackPointerUp = (event: React.PointerEvent<HTMLDivElement>, rowId: string) => {
    if (event.button !== 0 || (event.target as Element).closest('.bk-block')) return;
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width <= 0) return;
    const at = axis.fromX(((event.clientX - rect.left) * axis.width) / rect.width);
    // A click picks the quarter hour it falls in.
    onCreate(rowId, snap(at - STEP / 2, range));
  };

  // Grid lines as one CSS background per track: hours (each column is one real hour,
  // DST days included); day edges and every second hour in the zoomed week.
  const hour = axis.scale * 3_600_000;
  const gridBackground = useMemo(() => {
    const minor = mode === 'day' ? hour : 2 * hour;
    const layers = [
      `repeating-linear-gradient(to right, #eef0f4 0 1px, transparent 1px ${minor}px)`,
    ];
    if (mode === 'week') {
      const day = (WEEK_WINDOW.end - WEEK_WINDOW.start) * hour;
      layers.unshift(
        `repeating-linear-gradient(to right, #c9ced6 0 1px, transparent 1px ${day}px)`,
      );
    }
    return layers.join(', ');
  }, [mode, hour]);

  const pendingItem = pending ? items.find((i) => i.key === pending.key) : undefined;
  const pendingRow = pending ? rows.find((r) => r.id === pending.rowId) : undefined;
  const announcement =
    pending && pendingItem
      ? pendingItem.rowId !== pending.rowId && pendingRow
        ? t('timeline.pendingRow', {
            time: formatters.range(pending.start, pending.end),
            name: pendingRow.title,
          })
        : t('timeline.pending', { time: formatters.range(pending.start, pending.end) })
      : '';

  // The scroll position as last set or scrolled to. Writing scrollLeft forces a layout
  // of the whole grid, so it is written only when it would change; never read here.
  const scrolledTo = useRef(0);
  // A zoomed day opens at 07:00, where the working day starts; a week at its start.
  const scrollTarget = useMemo(() => {
    if (mode !== 'day' || fitted) return 0;
    const seven = ticks.find((tick) => tick.label === '07');
    return seven ? axis.toX(seven.at) : 0;
  }, [mode, fitted, ticks, axis]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || scrollTarget === scrolledTo.current) return;
    scrolledTo.current = scrollTarget;
    el.scrollLeft = scrollTarget;
  }, [axis, scrollTarget]);
  const [view, setView] = useState<View>(() => ({ axis, left: scrollTarget, overscan: false }));
  const current = view.axis === axis ? view : { axis, left: scrollTarget, overscan: false };
  const drawn = drawnWindow(current.left, width, current.overscan);
  const onScroll = (left: number) => {
    scrolledTo.current = left;
    if (cells) return;
    const to = drawnWindow(left, width, true);
    if (to.from !== drawn.from || to.to !== drawn.to) setView({ axis, left, overscan: true });
  };
  const nowShown = axis.segments.some((seg) => now >= seg.from && now < seg.to);
  const columnWidth = weekColumnWidth(width - 2, headPx, dayStarts.length);
  const dropRow = (rowId: string) =>
    Boolean(pending && pendingItem && pending.rowId === rowId && pendingItem.rowId !== rowId);

  return (
    <div
      className="bk-timeline"
      data-testid="timeline"
      data-mode={mode}
      data-zoom={zoom}
      data-px-per-hour={cells ? undefined : hour}
      ref={rootRef}
    >
      <p id="bk-timeline-help" className="sr-only">
        {t('timeline.keyboardHelp')}
      </p>
      <div className="sr-only" aria-live="polite" data-testid="timeline-announcement">
        {announcement}
      </div>
      <div
        className="bk-timeline-scroll"
        ref={scroller}
        onScroll={(event) => onScroll(event.currentTarget.scrollLeft)}
      >
        {/* The handlers are the block buttons', delegated (one set for the week, not one per block). */}
        <div
          className={`bk-timeline-grid${cells ? ' bk-week-grid' : ''}`}
          style={{
            gridTemplateColumns: cells
              ? `${headPx}px repeat(${dayStarts.length}, minmax(0, 1fr))`
              : `${headPx}px ${axis.width}px`,
          }}
          {...gridHandlers}
        >
          <div className="bk-corner" />
          {cells ? (
            dayStarts.map((at) => (
              <div
                key={at}
                className={`bk-day-head${now >= at && now < at + 86_400_000 ? ' bk-today' : ''}`}
                data-testid="timeline-day-head"
              >
                {dayHead(at, zone, language)}
              </div>
            ))
          ) : (
            <div className="bk-axis" aria-hidden>
              {ticks.map((tick) => (
                <div
                  key={tick.at}
                  className={`bk-axis-label${tick.repeated ? ' bk-axis-repeated' : ''}`}
                  style={{ left: axis.toX(tick.at) }}
                >
                  {mode === 'day' ? tick.label : dayHead(tick.at, zone, language)}
                </div>
              ))}
            </div>
          )}
          {rows.map((row) => {
            const rowItems = shownByRow.get(row.id) ?? [];
            const onNew = () => onCreate(row.id, defaultStart(range, zone, now));
            const onSheet = () => onDaySheet(row.id, range.from);
            return (
              <div
                key={row.id}
                className={`bk-row${row.inactive ? ' bk-row-inactive' : ''}${dropRow(row.id) ? ' bk-row-drop' : ''}`}
                data-row-id={row.id}
                role="group"
                aria-label={row.title}
                data-testid={`timeline-row-${row.id}`}
              >
                <RowHead row={row} onNew={onNew} onDaySheet={onSheet} />
                {cells ? (
                  <DayCellsRow
                    row={row}
                    days={groupByDay(rowItems, dayStarts)}
                    dayStarts={dayStarts}
                    columnWidth={columnWidth}
                    ctx={ctx}
                    dropTarget={dropRow(row.id)}
                    onCreateInDay={(day) =>
                      onCreate(row.id, defaultStart({ from: day, to: day + 1 }, zone, now))
                    }
                  />
                ) : (
                  <div
                    className="bk-track"
                    style={{
                      // At least its lanes; taller with a head of two lines (a long name).
                      minHeight: (lanesByRow.get(row.id)?.count ?? 1) * LANE_HEIGHT + 8,
                      backgroundImage: gridBackground,
                    }}
                    data-testid={`timeline-track-${row.id}`}
                    data-row-id={row.id}
                    onPointerUp={(event) => onTrackPointerUp(event, row.id)}
                  >
                    {nowShown && <div className="bk-now" style={{ left: axis.toX(now) }} />}
                    {rowItems.map((item) => {
                      const shown = pending?.key === item.key ? pending : item;
                      const left = axis.toX(shown.start);
                      const blockWidth = Math.max(8, axis.toX(shown.end) - left);
                      const bufferWidth =
                        item.bufferMs > 0
                          ? Math.max(0, axis.toX(shown.end + item.bufferMs) - left - blockWidth)
                          : 0;
                      if (
                        (left > drawn.to || left + blockWidth + bufferWidth < drawn.from) &&
                        pending?.key !== item.key &&
                        item.key !== tabStop
                      ) {
                        return null;
                      }
                      const top =
                        4 + (lanesByRow.get(row.id)?.lanes.get(item.key) ?? 0) * LANE_HEIGHT;
                      return (
                        <Block
                          key={item.key}
                          {...blockProps(
                            item,
                            ctx,
                            blockWidth,
                            { left, width: blockWidth, top },
                            bufferWidth,
                          )}
                        />
                      );
                    })}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
