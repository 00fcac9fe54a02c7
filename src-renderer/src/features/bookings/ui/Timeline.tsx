import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
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

/**
 * Horizontal windowing: a week is 2,156 px of track and a screen shows half of it or
 * less, so only the blocks that reach into the scrolled-to stretch are in the DOM
 * (style and layout of the blocks were most of a week's first render). A fresh mount
 * draws just what is in view; once scrolled, OVERSCAN more on each side, counted in
 * CHUNK steps so that scrolling re-renders only when it crosses one. The tab stop
 * and the block being moved are always drawn; arrow keys reach every booking (the
 * block is drawn, focused and so scrolled into view).
 */
const CHUNK = 128;
const OVERSCAN = 256;
/** The row heads' column; the tracks start after it. */
const HEAD_PX = 220;

interface View {
  /** The axis the position belongs to: a new range or mode starts at its own scroll target. */
  readonly axis: unknown;
  readonly left: number;
  /** The scroller's width (row heads included). */
  readonly width: number;
  /** Draw OVERSCAN beyond the visible stretch (after the first scroll). */
  readonly overscan: boolean;
}

/** The window of track pixels to draw. */
function drawnWindow(view: Omit<View, 'axis'>): { from: number; to: number } {
  const more = view.overscan ? OVERSCAN : 0;
  return {
    from: Math.floor(Math.max(0, view.left - more) / CHUNK) * CHUNK,
    to: Math.ceil((view.left + Math.max(0, view.width - HEAD_PX) + more) / CHUNK) * CHUNK,
  };
}

/**
 * The scroller's width as last seen, with the window width it was seen at: a mount
 * cannot read it without a forced layout, and the window's width (the first guess)
 * is a few hundred pixels too wide next to the app's navigation.
 */
const seenWidth = { window: 0, scroller: 0 };
function guessWidth(): number {
  if (typeof window === 'undefined') return 1920;
  return seenWidth.window === window.innerWidth ? seenWidth.scroller : window.innerWidth;
}

const KEYS =
  'ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter M Shift+ArrowLeft Shift+ArrowRight Escape';

interface BlockProps {
  readonly itemKey: string;
  readonly bookingId: string;
  readonly status: BookingStatus;
  readonly inConflict: boolean;
  readonly unsent: boolean;
  readonly pending: boolean;
  readonly pressed: boolean;
  readonly disabled: boolean;
  readonly tabStop: boolean;
  readonly left: number;
  readonly width: number;
  readonly top: number;
  readonly bufferWidth: number;
  readonly start: number;
  readonly end: number;
  readonly time: string;
  readonly text: string;
  readonly label: string;
}

/** The resize grip: the block's last pixels (drawn by CSS as ::after). */
const GRIP_PX = 8;

/**
 * One booking: the positioned button itself (no wrapper) and, for vehicles, its
 * turnaround tail as a sibling. Primitive props only, so that a drag or a focus
 * change re-renders the one or two blocks it touches, not the week. Events are
 * handled once for the whole timeline (delegation on the grid, by data-key).
 * Few attributes: the tooltip (title) is set on hover, and the keyboard help and
 * shortcuts are on the tab stop, where keyboard focus enters the timeline.
 */
const Block = memo(function Block(p: BlockProps) {
  return (
    <>
      <button
        type="button"
        className={`bk-block bk-status-${p.status}${p.inConflict ? ' bk-in-conflict' : ''}${p.unsent ? ' bk-not-at-hq' : ''}${p.pending ? ' bk-pending' : ''}`}
        style={{ left: p.left, width: p.width, top: p.top }}
        tabIndex={p.tabStop ? 0 : -1}
        aria-label={p.label}
        aria-describedby={p.tabStop ? 'bk-timeline-help' : undefined}
        aria-keyshortcuts={p.tabStop ? KEYS : undefined}
        aria-pressed={p.pressed ? true : undefined}
        data-key={p.itemKey}
        data-testid={`block-${p.bookingId}`}
        data-start={new Date(p.start).toISOString()}
        data-end={new Date(p.end).toISOString()}
        disabled={p.disabled}
      >
        {p.inConflict && <span aria-hidden className="bk-block-warn bk-icon bk-icon-warning" />}
        {p.unsent && (
          <span
            aria-hidden
            className="bk-block-hq bk-icon bk-icon-cloud"
            data-testid="block-not-at-hq"
          />
        )}
        {/* The space keeps the visible text a prefix of the accessible name. */}
        <span className="bk-block-time">{p.time}</span>{' '}
        <span className="bk-block-label">{p.text}</span>
      </button>
      {p.bufferWidth > 0 && (
        <span
          className="bk-buffer"
          aria-hidden
          style={{ left: p.left + p.width, width: p.bufferWidth, top: p.top }}
        />
      )}
    </>
  );
});

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
  const rootRef = useRef<HTMLDivElement>(null);
  /** The drawn block of an item (blocks outside the drawn window have none). */
  const blockEl = (key: string): HTMLButtonElement | undefined => {
    for (const el of rootRef.current?.querySelectorAll<HTMLButtonElement>('.bk-block') ?? []) {
      if (el.dataset.key === key) return el;
    }
    return undefined;
  };
  /** A block to focus once it is drawn (keyboard navigation to a block outside the window). */
  const focusWanted = useRef<string | null>(null);
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
    const el = blockEl(key);
    // The tab stop is always drawn: one not drawn yet is focused after this render
    // (focus scrolls it into view, and the scroll draws its neighbours).
    if (el) el.focus();
    else focusWanted.current = key;
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

  const onBlockKeyDown = (event: KeyboardEvent<HTMLElement>, item: TimelineItem) => {
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
    const wanted = focusWanted.current;
    if (wanted) {
      focusWanted.current = null;
      blockEl(wanted)?.focus();
    }
    if (!pending || !moving) return;
    const el = blockEl(pending.key);
    if (el && document.activeElement !== el) el.focus();
  });

  const onBlockPointerDown = (
    event: PointerEvent<HTMLElement>,
    item: TimelineItem,
    dragMode: 'move' | 'resize',
  ) => {
    if (event.button !== 0 || busy) return;
    const track = (event.target as Element).closest('.bk-track');
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
  // Where a range opens: a day at 07:00, where the working day starts, not at
  // midnight; a week at its start.
  const scrollTarget = useMemo(() => {
    const seven = mode === 'day' ? ticks.find((tick) => tick.label === '07') : undefined;
    return seven ? axis.toX(seven.at) : 0;
  }, [mode, ticks, axis]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (scrollTarget === scrolledTo.current) return;
    scrolledTo.current = scrollTarget;
    el.scrollLeft = scrollTarget;
  }, [axis, scrollTarget]);
  // The drawn window follows the scroll position. Its width starts as the window's
  // (no layout is read while rendering; the scroller is never wider) and grows if
  // the scroller does.
  const [view, setView] = useState<View>(() => ({
    axis,
    left: scrollTarget,
    width: guessWidth(),
    overscan: false,
  }));
  // A new axis (range, mode) opens at its scroll target (the layout effect above).
  const drawn = drawnWindow(view.axis === axis ? view : { ...view, left: scrollTarget });
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 0;
      if (width <= 0) return;
      seenWidth.window = window.innerWidth;
      seenWidth.scroller = width;
      // Wider than guessed: draw what came into view. Narrower: nothing to do.
      setView((v) => (width > v.width ? { ...v, width } : v));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = (left: number) => {
    scrolledTo.current = left;
    const next = { axis, left, width: view.width, overscan: true };
    const to = drawnWindow(next);
    if (to.from !== drawn.from || to.to !== drawn.to) setView(next);
  };
  const nowShown = axis.segments.some((seg) => now >= seg.from && now < seg.to);

  // Block events, once for the whole grid: the block's data-key names the item.
  const itemsByKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const itemOf = (target: EventTarget): TimelineItem | undefined => {
    const key = (target as Element).closest?.<HTMLElement>('.bk-block')?.dataset.key;
    return key === undefined ? undefined : itemsByKey.get(key);
  };

  return (
    <div className="bk-timeline" data-testid="timeline" data-mode={mode} ref={rootRef}>
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
        {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
        <div
          className="bk-timeline-grid"
          style={{ gridTemplateColumns: `${HEAD_PX}px ${trackWidth}px` }}
          onKeyDown={(event) => {
            const item = itemOf(event.target);
            if (item) onBlockKeyDown(event, item);
          }}
          onPointerDown={(event) => {
            const item = itemOf(event.target);
            const el = (event.target as Element).closest('.bk-block');
            if (!item || !el) return;
            const grip = event.clientX >= el.getBoundingClientRect().right - GRIP_PX;
            onBlockPointerDown(event, item, grip ? 'resize' : 'move');
          }}
          onPointerOver={(event) => {
            // The tooltip: the accessible name, set when a pointer comes by.
            const el = (event.target as Element).closest<HTMLElement>('.bk-block');
            const label = el?.getAttribute('aria-label');
            if (el && label && el.title !== label) el.title = label;
          }}
          onClick={(event: MouseEvent) => {
            const item = itemOf(event.target);
            if (!item) return;
            if (suppressClick.current) {
              suppressClick.current = false;
              return;
            }
            onOpen(item);
          }}
          onFocus={(event: FocusEvent) => {
            const item = itemOf(event.target);
            if (item) setActiveKey(item.key);
          }}
          onBlur={(event: FocusEvent) => {
            const item = itemOf(event.target);
            // Moving to another row re-mounts the block; that blur keeps the move.
            if (!item || !(event.target as Element).isConnected) return;
            if (pending?.key === item.key && !busy && !drag.current) {
              setPending(null);
              setMoving(false);
            }
          }}
        >
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
            const newFor = t('timeline.newFor', { name: row.title });
            const daySheetFor = t('timeline.daySheetFor', { name: row.title });
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
                    title={newFor}
                    aria-label={newFor}
                    data-testid={`timeline-new-${row.id}`}
                    onClick={() => onCreate(row.id, defaultStart(range, zone, now))}
                  >
                    <span className="bk-icon bk-icon-plus" aria-hidden />
                  </button>
                  <button
                    type="button"
                    className="bk-row-add"
                    title={daySheetFor}
                    aria-label={daySheetFor}
                    data-testid={`timeline-sheet-${row.id}`}
                    onClick={() => onDaySheet(row.id, range.from)}
                  >
                    <span className="bk-icon bk-icon-printer" aria-hidden />
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
                    const isPending = pending?.key === item.key;
                    const shown = isPending ? pending : item;
                    const left = px(shown.start);
                    const width = Math.max(8, px(shown.end) - left);
                    const bufferWidth =
                      item.bufferMs > 0
                        ? Math.max(0, px(shown.end + item.bufferMs) - left - width)
                        : 0;
                    const isTabStop = item.key === tabStop;
                    if (
                      (left > drawn.to || left + width + bufferWidth < drawn.from) &&
                      !isPending &&
                      !isTabStop
                    ) {
                      return null;
                    }
                    const time = timeRange(shown.start, shown.end);
                    const unsent = notAtHq.has(item.bookingId);
                    const marks = `${item.inConflict ? `, ${conflictText}` : ''}${unsent ? `, ${notAtHqText}` : ''}`;
                    return (
                      <Block
                        key={item.key}
                        itemKey={item.key}
                        bookingId={item.bookingId}
                        status={item.status}
                        inConflict={item.inConflict}
                        unsent={unsent}
                        pending={isPending}
                        pressed={moving && isPending}
                        disabled={busy && isPending}
                        tabStop={isTabStop}
                        left={left}
                        width={width}
                        top={4 + (lanes?.get(item.key) ?? 0) * LANE_HEIGHT}
                        bufferWidth={bufferWidth}
                        start={shown.start}
                        end={shown.end}
                        time={time}
                        text={item.label}
                        // Starts with the visible text so speech input ("click 09:00") finds it.
                        label={`${time} ${item.label}, ${statusText(item.status)}${marks}`}
                      />
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
