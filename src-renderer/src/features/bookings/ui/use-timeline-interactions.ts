import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { SNAP_MINUTES } from '../model/time-axis';
import { GRIP_PX, type TimelineItem, type TimelineRow } from './TimelineBlock';

/** A move or resize not saved yet: where the block is shown meanwhile. */
export interface Pending {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** The row the booking would move to (another vehicle or interpreter). */
  readonly rowId: string;
}

export interface Drag {
  readonly key: string;
  readonly mode: 'move' | 'resize';
  readonly originX: number;
  /** Drawn pixels per layout pixel of the track (zoom, if any). */
  readonly zoom: number;
  readonly start: number;
  readonly end: number;
  readonly rowId: string;
  moved: boolean;
}

/** Where a drag puts the block, given how far the pointer went and where it is now. */
export type DragTarget = (drag: Drag, dx: number, x: number, y: number) => Pending;

export const STEP = SNAP_MINUTES * 60_000;

/** The row under a screen point (a drag to another vehicle or interpreter). */
export function rowAt(x: number, y: number): string | null {
  if (typeof document.elementFromPoint !== 'function') return null;
  const el = document.elementFromPoint(x, y);
  return el?.closest<HTMLElement>('[data-row-id]')?.dataset.rowId ?? null;
}

/**
 * The timeline's interactions, the same in every view: roving keyboard focus
 * (arrows between blocks and rows), keyboard move mode (M, arrows, Shift to
 * resize, Enter to save, Escape), pointer drag and resize, click to open.
 * Events are delegated: `gridHandlers` go on the grid, blocks carry data-key.
 * The view supplies `dragTarget` (through its axis, or by day column).
 */
export function useTimelineInteractions({
  rows,
  items,
  byRow,
  rootRef,
  dragTarget,
  canResize,
  onOpen,
  onChange,
}: {
  rows: readonly TimelineRow[];
  items: readonly TimelineItem[];
  byRow: ReadonlyMap<string, TimelineItem[]>;
  rootRef: RefObject<HTMLDivElement | null>;
  dragTarget: DragTarget;
  /** Only on a time axis: a block's right edge is its grip. */
  canResize: boolean;
  onOpen: (item: TimelineItem) => void;
  onChange: (item: TimelineItem, start: number, end: number, rowId: string) => Promise<boolean>;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [moving, setMoving] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const drag = useRef<Drag | null>(null);
  const suppressClick = useRef(false);
  /** A block to focus once it is drawn (keyboard navigation to a block outside the window). */
  const focusWanted = useRef<string | null>(null);

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

  /** The drawn block of an item (blocks outside the drawn window have none). */
  const blockEl = (key: string): HTMLButtonElement | undefined => {
    for (const el of rootRef.current?.querySelectorAll<HTMLButtonElement>('.bk-block') ?? []) {
      if (el.dataset.key === key) return el;
    }
    return undefined;
  };
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
    // The tab stop is always drawn: one not drawn yet is focused after this render.
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

  const onDragMove = (x: number, y: number) => {
    const d = drag.current;
    if (!d) return;
    const dx = x - d.originX;
    const target = dragTarget(d, dx, x, y);
    if (!d.moved && Math.abs(dx) < 4 && target.rowId === d.rowId && target.start === d.start) {
      return;
    }
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

  const onBlockPointerDown = (
    event: PointerEvent<HTMLElement>,
    item: TimelineItem,
    dragMode: 'move' | 'resize',
    zoom: number,
  ) => {
    if (event.button !== 0 || busy) return;
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
    const stop = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
    };
    const onMove = (e: globalThis.PointerEvent) => onDragMove(e.clientX, e.clientY);
    const onUp = (e: globalThis.PointerEvent) => {
      stop();
      onDragEnd(item, e.clientX, e.clientY);
    };
    const onCancel = () => {
      stop();
      drag.current = null;
      setPending(null);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
  };

  // Block events, once for the whole grid: the block's data-key names the item.
  const itemsByKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const itemOf = (target: EventTarget): TimelineItem | undefined => {
    const key = (target as Element).closest?.<HTMLElement>('.bk-block')?.dataset.key;
    return key === undefined ? undefined : itemsByKey.get(key);
  };

  const gridHandlers = {
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
      const item = itemOf(event.target);
      if (item) onBlockKeyDown(event, item);
    },
    onPointerDown: (event: PointerEvent<HTMLDivElement>) => {
      const item = itemOf(event.target);
      const el = (event.target as Element).closest('.bk-block');
      if (!item || !el) return;
      const track = el.closest('.bk-track');
      const trackWidth = track?.getBoundingClientRect().width ?? 0;
      const layoutWidth = track instanceof HTMLElement ? track.offsetWidth : 0;
      const zoom = trackWidth > 0 && layoutWidth > 0 ? trackWidth / layoutWidth : 1;
      const grip = canResize && event.clientX >= el.getBoundingClientRect().right - GRIP_PX;
      onBlockPointerDown(event, item, grip ? 'resize' : 'move', zoom);
    },
    onPointerOver: (event: PointerEvent<HTMLDivElement>) => {
      // The tooltip: the accessible name, set when a pointer comes by.
      const el = (event.target as Element).closest<HTMLElement>('.bk-block');
      const label = el?.getAttribute('aria-label');
      if (el && label && el.title !== label) el.title = label;
    },
    onClick: (event: MouseEvent<HTMLDivElement>) => {
      const item = itemOf(event.target);
      if (!item) return;
      if (suppressClick.current) {
        suppressClick.current = false;
        return;
      }
      onOpen(item);
    },
    onFocus: (event: FocusEvent<HTMLDivElement>) => {
      const item = itemOf(event.target);
      if (item) setActiveKey(item.key);
    },
    onBlur: (event: FocusEvent<HTMLDivElement>) => {
      const item = itemOf(event.target);
      // Moving to another row re-mounts the block; that blur keeps the move.
      if (!item || !(event.target as Element).isConnected) return;
      if (pending?.key === item.key && !busy && !drag.current) {
        setPending(null);
        setMoving(false);
      }
    },
  };

  return { pending, busy, moving, tabStop, gridHandlers };
}
