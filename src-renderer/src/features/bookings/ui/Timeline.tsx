import {
  CloudUploadOutlined,
  PlusOutlined,
  PrinterOutlined,
  WarningFilled,
} from '@ant-design/icons';
import {
  Fragment,
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingStatus } from '@shared/bookings';
import { formatDate, formatTime } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import {
  dayTicks,
  defaultStart,
  buildAxis,
  HOUR_PX,
  WEEK_HOUR_PX,
  WEEK_WINDOW,
  hourTicks,
  snap,
  SNAP_MINUTES,
  type AxisRange,
  type ViewMode,
} from '../model/timeAxis';

export interface TimelineRow {
  readonly id: string;
  readonly title: string;
  readonly titleLang?: string;
  readonly subtitle: string;
  readonly inactive?: boolean;
}

export interface TimelineItem {
  /** Unique per occurrence: `${bookingId}@${start}`. */
  readonly key: string;
  readonly bookingId: string;
  readonly rowId: string;
  readonly start: number;
  readonly end: number;
  /** Turnaround buffer after the trip, drawn as a hatched tail. */
  readonly bufferMs: number;
  readonly status: BookingStatus;
  readonly label: string;
  readonly inConflict: boolean;
  readonly recurring: boolean;
}

interface Pending {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** The row the booking would move to (another vehicle or interpreter). */
  readonly rowId: string;
}

interface Drag {
  readonly key: string;
  readonly mode: 'move' | 'resize';
  readonly originX: number;
  readonly zoom: number;
  readonly start: number;
  readonly end: number;
  readonly rowId: string;
  moved: boolean;
}

/** The row under a screen point (a drag to another vehicle or interpreter). */
function rowAt(x: number, y: number): string | null {
  if (typeof document.elementFromPoint !== 'function') return null;
  const el = document.elementFromPoint(x, y);
  return el?.closest<HTMLElement>('[data-row-id]')?.dataset.rowId ?? null;
}

const STEP = SNAP_MINUTES * 60_000;

/**
 * "09:00–10:30" for the timeline's blocks, memoised per instant for one zone
 * and language (the same text as describe.timeRange). A week of blocks starts
 * and ends on a few hundred quarter hours, so most lookups are cache hits.
 */
function timeRangeFormatter(zone: string, language: Language) {
  const times = new Map<number, string>();
  const time = (at: number) => {
    let text = times.get(at);
    if (text === undefined) {
      text = formatTime(at, zone, language);
      times.set(at, text);
    }
    return text;
  };
  return (start: number, end: number) => `${time(start)}–${time(end)}`;
}
const LANE_HEIGHT = 44;
const NO_IDS: ReadonlySet<string> = new Set();

/** Lanes so that overlapping bookings (after sync) sit under each other, not on top. */
function laneLayout(items: readonly TimelineItem[]): Map<string, number> {
  const lanes = new Map<string, number>();
  const ends: number[] = [];
  for (const item of [...items].sort((a, b) => a.start - b.start || a.end - b.end)) {
    let lane = ends.findIndex((end) => end <= item.start);
    if (lane === -1) lane = ends.push(0) - 1;
    ends[lane] = item.end;
    lanes.set(item.key, lane);
  }
  return lanes;
}

export const Timeline = memo(function Timeline({
  rows,
  items,
  range,
  mode,
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
  zone: string;
  language: Language;
  now: number;
  onCreate: (rowId: string, at: number) => void;
  onOpen: (item: TimelineItem) => void;
  /**
   * Move, resize or reassign (rowId differs from item.rowId); resolves true
   * when saved, false when refused (the caller shows why).
   */
  onChange: (item: TimelineItem, start: number, end: number, rowId: string) => Promise<boolean>;
  /** The printable day sheet of a row for the day starting at `day`. */
  onDaySheet: (rowId: string, day: number) => void;
  /**
   * Bookings with changes HQ has not acknowledged yet ("not yet at HQ"), computed once
   * per change of the outbox by the caller: one set lookup per block.
   */
  notAtHq?: ReadonlySet<string>;
}) {
  const { t } = useTranslation('bookings');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const drag = useRef<Drag | null>(null);
  const suppressClick = useRef(false);

  const ticks = useMemo(
    () => (mode === 'day' ? hourTicks(range, zone) : dayTicks(range, zone)),
    [mode, range, zone],
  );
  const axis = useMemo(() => buildAxis(range, zone, mode), [range, zone, mode]);
  const byRow = useMemo(() => {
    const map = new Map<string, TimelineItem[]>();
    for (const item of items) {
      let list = map.get(item.rowId);
      if (!list) map.set(item.rowId, (list = []));
      list.push(item);
    }
    return map;
  }, [items]);
  /** As byRow, with a pending move shown in the row it would go to. */
  const shownByRow = useMemo(() => {
    const moved = pending ? items.find((i) => i.key === pending.key) : undefined;
    if (!pending || !moved || moved.rowId === pending.rowId) return byRow;
    const map = new Map(byRow);
    map.set(
      moved.rowId,
      (byRow.get(moved.rowId) ?? []).filter((i) => i.key !== moved.key),
    );
    map.set(pending.rowId, [...(byRow.get(pending.rowId) ?? []), moved]);
    return map;
  }, [byRow, items, pending]);

  const dayLabel = (at: number) => formatDate(at, zone, language);
  const timeRange = useMemo(() => timeRangeFormatter(zone, language), [zone, language]);
  // Status and conflict texts once per render, not once per block.
  const statusTexts = new Map<BookingStatus, string>();
  const statusText = (status: BookingStatus) => {
    let text = statusTexts.get(status);
    if (text === undefined) {
      text = t(`status.${status}`);
      statusTexts.set(status, text);
    }
    return text;
  };
  const conflictText = t('conflict.marker');
  const notAtHqText = t('sync:marker.notAtHq');
  /** Lanes per row, recomputed only when the rows' items change. */
  const lanesByRow = useMemo(() => {
    const map = new Map<string, { lanes: Map<string, number>; count: number }>();
    for (const [rowId, list] of shownByRow) {
      const lanes = laneLayout(list);
      let count = 1;
      for (const lane of lanes.values()) count = Math.max(count, lane + 1);
      map.set(rowId, { lanes, count });
    }
    return map;
  }, [shownByRow]);
  const px = (at: number) => axis.toX(at);

  const commit = async (item: TimelineItem, start: number, end: number, rowId: string) => {
    setBusy(true);
    try {
      await onChange(item, start, end, rowId);
    } finally {
      setBusy(false);
      setPending(null);
      setMoving(false);
    }
  };

  // Roving focus: one block is in the tab order; arrow keys move between blocks and rows.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const blockRefs = useRef(new Map<string, HTMLButtonElement>());
  const ordered = useMemo(() => {
    const rowIndex = new Map(rows.map((r, i) => [r.id, i]));
    return rows.map((r) =>
      [...(byRow.get(r.id) ?? [])]
        .filter((i) => rowIndex.has(i.rowId))
        .sort((a, b) => a.start - b.start || a.end - b.end),
    );
  }, [rows, byRow]);
  const tabStop =
    activeKey && items.some((i) => i.key === activeKey) ? activeKey : ordered.flat()[0]?.key;
  const focusBlock = (key: string | undefined) => {
    if (!key) return;
    setActiveKey(key);
    blockRefs.current.get(key)?.focus();
  };
  const rowOf = (id: string) => rows.findIndex((r) => r.id === id);

  /** Arrow keys outside move mode: the neighbour in the row, or the nearest block above/below. */
  const navigate = (item: TimelineItem, key: string): boolean => {
    const r = rowOf(item.rowId);
    const row = ordered[r] ?? [];
    const at = row.findIndex((i) => i.key === item.key);
    if (key === 'ArrowRight' || key === 'ArrowLeft') {
      focusBlock(row[at + (key === 'ArrowRight' ? 1 : -1)]?.key);
      return true;
    }
    if (key === 'Home' || key === 'End') {
      focusBlock((key === 'Home' ? row[0] : row[row.length - 1])?.key);
      return true;
    }
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      const dir = key === 'ArrowDown' ? 1 : -1;
      // The next row that has bookings; the block nearest in time there.
      for (let n = r + dir; n >= 0 && n < ordered.length; n += dir) {
        const other = ordered[n] ?? [];
        if (other.length === 0) continue;
        let best = other[0]!;
        for (const candidate of other) {
          if (Math.abs(candidate.start - item.start) < Math.abs(best.start - item.start)) {
            best = candidate;
          }
        }
        focusBlock(best.key);
        return true;
      }
      return true;
    }
    return false;
  };

  const onBlockKeyDown = (event: KeyboardEvent<HTMLButtonElement>, item: TimelineItem) => {
    if (busy) return;
    const current: Pending =
      pending?.key === item.key
        ? pending
        : { key: item.key, start: item.start, end: item.end, rowId: item.rowId };
    if (!moving) {
      if (event.key === 'm' || event.key === 'M') {
        event.preventDefault();
        setMoving(true);
        setPending(current);
        return;
      }
      if (navigate(item, event.key)) event.preventDefault();
      // Enter and Space open the booking (the button's own click).
      return;
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const delta = event.key === 'ArrowRight' ? STEP : -STEP;
      if (event.shiftKey) {
        const end = current.end + delta;
        if (end - current.start >= STEP) setPending({ ...current, end });
      } else {
        setPending({ ...current, start: current.start + delta, end: current.end + delta });
      }
      return;
    }
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const next = rows[rowOf(current.rowId) + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) setPending({ ...current, rowId: next.id });
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      setPending(null);
      setMoving(false);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (
        current.start === item.start &&
        current.end === item.end &&
        current.rowId === item.rowId
      ) {
        setPending(null);
        setMoving(false);
      } else void commit(item, current.start, current.end, current.rowId);
    }
  };

  // After a move the block may sit in another row: keep keyboard focus on it.
  useEffect(() => {
    if (!pending || !moving) return;
    const el = blockRefs.current.get(pending.key);
    if (el && document.activeElement !== el) el.focus();
  });

  const onBlockPointerDown = (
    event: PointerEvent<HTMLElement>,
    item: TimelineItem,
    dragMode: 'move' | 'resize',
  ) => {
    if (event.button !== 0 || busy) return;
    const track = (event.currentTarget as HTMLElement).closest('.bk-track');
    const width = track?.getBoundingClientRect().width ?? 0;
    if (width <= 0) return;
    // Drawn pixels per real pixel (zoom, if any).
    const zoom = width / axis.width;
    event.stopPropagation();
    setActiveKey(item.key);
    drag.current = {
      key: item.key,
      mode: dragMode,
      originX: event.clientX,
      zoom,
      start: item.start,
      end: item.end,
      rowId: item.rowId,
      moved: false,
    };
    // Window listeners, not pointer capture: a drag to another row re-renders
    // the block inside that row, and a captured pointer would be lost.
    const onMove = (e: globalThis.PointerEvent) => onDragMove(e.clientX, e.clientY);
    const onUp = (e: globalThis.PointerEvent) => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      onDragEnd(item, e.clientX, e.clientY);
    };
    const onCancel = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      drag.current = null;
      setPending(null);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
  };

  /** Where a drag puts the block: through the axis, on the 15-minute grid, in the row under the pointer. */
  const dragTarget = (d: Drag, dx: number, x: number, y: number): Pending => {
    const step = (at: number) => range.from + Math.round((at - range.from) / STEP) * STEP;
    if (d.mode === 'move') {
      const start = step(axis.fromX(axis.toX(d.start) + dx / d.zoom));
      const rowId = rowAt(x, y) ?? d.rowId;
      return { key: d.key, start, end: start + (d.end - d.start), rowId };
    }
    const end = step(axis.fromX(axis.toX(d.end) + dx / d.zoom));
    return { key: d.key, start: d.start, end: Math.max(d.start + STEP, end), rowId: d.rowId };
  };

  const onDragMove = (x: number, y: number) => {
    const d = drag.current;
    if (!d) return;
    const dx = x - d.originX;
    const target = dragTarget(d, dx, x, y);
    if (!d.moved && Math.abs(dx) < 4 && target.rowId === d.rowId) return;
    d.moved = true;
    setPending(target);
  };

  const onDragEnd = (item: TimelineItem, x: number, y: number) => {
    const d = drag.current;
    drag.current = null;
    if (!d || !d.moved) return;
    // The click that ends a drag must not open the booking.
    suppressClick.current = true;
    setTimeout(() => {
      suppressClick.current = false;
    }, 0);
    const { start, end, rowId } = dragTarget(d, x - d.originX, x, y);
    if (start === item.start && end === item.end && rowId === item.rowId) setPending(null);
    else void commit(item, start, end, rowId);
  };

  const onTrackPointerUp = (event: PointerEvent<HTMLDivElement>, rowId: string) => {
    if (event.button !== 0 || (event.target as Element).closest('.bk-block')) return;
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width <= 0) return;
    const at = axis.fromX(((event.clientX - rect.left) * axis.width) / rect.width);
    // A click picks the quarter hour it falls in.
    onCreate(rowId, snap(at - STEP / 2, range));
  };

  // Grid lines as one CSS background per track, not hundreds of divs: hours in
  // the day view (each column is one real hour, DST days included); day edges
  // and every second hour in the week view (each day window has the same width).
  const gridBackground = useMemo(() => {
    const minor = mode === 'day' ? HOUR_PX : 2 * WEEK_HOUR_PX;
    const layers = [
      `repeating-linear-gradient(to right, #eef0f4 0 1px, transparent 1px ${minor}px)`,
    ];
    if (mode === 'week') {
      const day = (WEEK_WINDOW.end - WEEK_WINDOW.start) * WEEK_HOUR_PX;
      layers.unshift(
        `repeating-linear-gradient(to right, #c9ced6 0 1px, transparent 1px ${day}px)`,
      );
    }
    return layers.join(', ');
  }, [mode]);

  const pendingItem = pending ? items.find((i) => i.key === pending.key) : undefined;
  const pendingRow = pending ? rows.find((r) => r.id === pending.rowId) : undefined;
  const announcement =
    pending && pendingItem
      ? pendingItem.rowId !== pending.rowId && pendingRow
        ? t('timeline.pendingRow', {
            time: timeRange(pending.start, pending.end),
            name: pendingRow.title,
          })
        : t('timeline.pending', { time: timeRange(pending.start, pending.end) })
      : '';
  const trackWidth = axis.width;
  const scroller = useRef<HTMLDivElement>(null);
  // The scroll position as last set or scrolled to (a fresh mount is at 0).
  // Writing scrollLeft forces a synchronous layout of the whole grid inside
  // the commit, so it is written only when it would change; never read here.
  const scrolledTo = useRef(0);
  // A day opens at 07:00, where the working day starts, not at midnight.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const seven = mode === 'day' ? ticks.find((tick) => tick.label === '07') : undefined;
    const target = seven ? axis.toX(seven.at) : 0;
    if (target === scrolledTo.current) return;
    scrolledTo.current = target;
    el.scrollLeft = target;
  }, [mode, ticks, axis]);
  const nowShown = axis.segments.some((seg) => now >= seg.from && now < seg.to);

  return (
    <div className="bk-timeline" data-testid="timeline" data-mode={mode}>
      <p id="bk-timeline-help" className="bk-sr-only">
        {t('timeline.keyboardHelp')}
      </p>
      <div className="bk-sr-only" aria-live="polite" data-testid="timeline-announcement">
        {announcement}
      </div>
      <div
        className="bk-timeline-scroll"
        ref={scroller}
        onScroll={(event) => {
          scrolledTo.current = event.currentTarget.scrollLeft;
        }}
      >
        <div className="bk-timeline-grid" style={{ gridTemplateColumns: `220px ${trackWidth}px` }}>
          <div className="bk-corner" />
          <div className="bk-axis" aria-hidden>
            {ticks.map((tick) => (
              <div
                key={tick.at}
                className={`bk-axis-label${tick.repeated ? ' bk-axis-repeated' : ''}`}
                style={{ left: px(tick.at) }}
              >
                {mode === 'day' ? tick.label : dayLabel(tick.at)}
              </div>
            ))}
          </div>
          {rows.map((row) => {
            const rowItems = shownByRow.get(row.id) ?? [];
            const rowLanes = lanesByRow.get(row.id);
            const lanes = rowLanes?.lanes;
            const laneCount = rowLanes?.count ?? 1;
            return (
              <div
                key={row.id}
                className={`bk-row${row.inactive ? ' bk-row-inactive' : ''}${pending && pendingItem && pending.rowId === row.id && pendingItem.rowId !== row.id ? ' bk-row-drop' : ''}`}
                data-row-id={row.id}
                role="group"
                aria-label={row.title}
                data-testid={`timeline-row-${row.id}`}
              >
                <div className="bk-row-head">
                  <div className="bk-row-text">
                    <span className="bk-row-title" lang={row.titleLang}>
                      {row.title}
                    </span>
                    <span className="bk-row-subtitle" title={row.subtitle}>
                      {row.subtitle}
                    </span>
                  </div>
                  {/* A plain button: 14+ antd Tooltips cost more than the whole row. */}
                  <button
                    type="button"
                    className="bk-row-add"
                    title={t('timeline.newFor', { name: row.title })}
                    aria-label={t('timeline.newFor', { name: row.title })}
                    data-testid={`timeline-new-${row.id}`}
                    onClick={() => onCreate(row.id, defaultStart(range, zone, now))}
                  >
                    <PlusOutlined aria-hidden />
                  </button>
                  <button
                    type="button"
                    className="bk-row-add"
                    title={t('timeline.daySheetFor', { name: row.title })}
                    aria-label={t('timeline.daySheetFor', { name: row.title })}
                    data-testid={`timeline-sheet-${row.id}`}
                    onClick={() => onDaySheet(row.id, range.from)}
                  >
                    <PrinterOutlined aria-hidden />
                  </button>
                </div>
                <div
                  className="bk-track"
                  style={{ height: laneCount * LANE_HEIGHT + 8, backgroundImage: gridBackground }}
                  data-testid={`timeline-track-${row.id}`}
                  data-row-id={row.id}
                  onPointerUp={(event) => onTrackPointerUp(event, row.id)}
                >
                  {nowShown && <div className="bk-now" style={{ left: px(now) }} />}
                  {rowItems.map((item) => {
                    const shown = pending?.key === item.key ? pending : item;
                    const lane = lanes?.get(item.key) ?? 0;
                    const time = timeRange(shown.start, shown.end);
                    const status = statusText(item.status);
                    const unsent = notAtHq.has(item.bookingId);
                    const marks = `${item.inConflict ? `, ${conflictText}` : ''}${unsent ? `, ${notAtHqText}` : ''}`;
                    // Starts with the visible text so speech input ("click 09:00") finds it.
                    const label = `${time} ${item.label}, ${status}${marks}`;
                    const left = px(shown.start);
                    const width = Math.max(8, px(shown.end) - left);
                    const top = 4 + lane * LANE_HEIGHT;
                    // The block itself is the positioned element (no wrapper): a week holds
                    // hundreds of blocks and every element costs style and layout.
                    return (
                      <Fragment key={item.key}>
                        <button
                          type="button"
                          className={`bk-block bk-status-${item.status}${item.inConflict ? ' bk-in-conflict' : ''}${unsent ? ' bk-not-at-hq' : ''}${pending?.key === item.key ? ' bk-pending' : ''}`}
                          style={{ left, width, top }}
                          ref={(el) => {
                            if (el) blockRefs.current.set(item.key, el);
                            else blockRefs.current.delete(item.key);
                          }}
                          tabIndex={item.key === tabStop ? 0 : -1}
                          aria-label={label}
                          aria-describedby="bk-timeline-help"
                          aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter M Shift+ArrowLeft Shift+ArrowRight Escape"
                          aria-pressed={moving && pending?.key === item.key ? true : undefined}
                          title={label}
                          data-row={item.rowId}
                          data-testid={`block-${item.bookingId}`}
                          data-start={new Date(shown.start).toISOString()}
                          data-end={new Date(shown.end).toISOString()}
                          disabled={busy && pending?.key === item.key}
                          onKeyDown={(event) => onBlockKeyDown(event, item)}
                          onPointerDown={(event) => onBlockPointerDown(event, item, 'move')}
                          onFocus={() => setActiveKey(item.key)}
                          onBlur={(event) => {
                            // Moving to another row re-mounts the block; that blur keeps the move.
                            if (!event.currentTarget.isConnected) return;
                            if (pending?.key === item.key && !busy && !drag.current) {
                              setPending(null);
                              setMoving(false);
                            }
                          }}
                          onClick={() => {
                            if (suppressClick.current) {
                              suppressClick.current = false;
                              return;
                            }
                            onOpen(item);
                          }}
                        >
                          {item.inConflict && (
                            <WarningFilled aria-hidden className="bk-block-warn" />
                          )}
                          {unsent && (
                            <CloudUploadOutlined
                              aria-hidden
                              className="bk-block-hq"
                              data-testid="block-not-at-hq"
                            />
                          )}
                          {/* The space keeps the visible text a prefix of the accessible name. */}
                          <span className="bk-block-time">{time}</span>{' '}
                          <span className="bk-block-label">{item.label}</span>
                          <span
                            className="bk-block-resize"
                            aria-hidden
                            data-testid={`resize-${item.bookingId}`}
                            onPointerDown={(event) => onBlockPointerDown(event, item, 'resize')}
                          />
                        </button>
                        {item.bufferMs > 0 && (
                          <span
                            className="bk-buffer"
                            aria-hidden
                            style={{
                              left: left + width,
                              width: Math.max(0, px(shown.end + item.bufferMs) - left - width),
                              top,
                            }}
                          />
                        )}
                      </Fragment>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
