import { PlusOutlined, WarningFilled } from '@ant-design/icons';
import {
  memo,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingStatus } from '@shared/bookings';
import { formatDate } from '@shared/format';
import type { Language } from '@shared/i18n/languages';
import { timeRange } from '../model/describe';
import {
  dayTicks,
  defaultStart,
  fractionOf,
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
}

interface Drag {
  readonly key: string;
  readonly mode: 'move' | 'resize';
  readonly originX: number;
  readonly pxPerMs: number;
  readonly start: number;
  readonly end: number;
  moved: boolean;
}

const STEP = SNAP_MINUTES * 60_000;
const LANE_HEIGHT = 44;
const HOUR_PX = 96;
const DAY_PX = 160;

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
  /** Move or resize; resolves true when saved, false when refused. */
  onChange: (item: TimelineItem, start: number, end: number) => Promise<boolean>;
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
  const span = range.to - range.from;
  const byRow = useMemo(() => {
    const map = new Map<string, TimelineItem[]>();
    for (const item of items) {
      let list = map.get(item.rowId);
      if (!list) map.set(item.rowId, (list = []));
      list.push(item);
    }
    return map;
  }, [items]);

  const dayLabel = (at: number) => formatDate(at, zone, language);
  const pct = (at: number) => `${(fractionOf(at, range) * 100).toFixed(4)}%`;
  const widthPct = (start: number, end: number) =>
    `${((fractionOf(end, range) - fractionOf(start, range)) * 100).toFixed(4)}%`;

  const commit = async (item: TimelineItem, start: number, end: number) => {
    setBusy(true);
    try {
      await onChange(item, start, end);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const onBlockKeyDown = (event: KeyboardEvent<HTMLButtonElement>, item: TimelineItem) => {
    const current = pending?.key === item.key ? pending : item;
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const backward = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    if (forward || backward) {
      event.preventDefault();
      const delta = forward ? STEP : -STEP;
      if (event.shiftKey) {
        const end = current.end + delta;
        if (end - current.start >= STEP) setPending({ key: item.key, start: current.start, end });
      } else {
        setPending({ key: item.key, start: current.start + delta, end: current.end + delta });
      }
      return;
    }
    if (event.key === 'Escape' && pending?.key === item.key) {
      event.preventDefault();
      setPending(null);
      return;
    }
    if (event.key === 'Enter' && pending?.key === item.key) {
      event.preventDefault();
      if (pending.start === item.start && pending.end === item.end) setPending(null);
      else void commit(item, pending.start, pending.end);
    }
  };

  const onBlockPointerDown = (
    event: PointerEvent<HTMLElement>,
    item: TimelineItem,
    dragMode: 'move' | 'resize',
  ) => {
    if (event.button !== 0 || busy) return;
    const track = (event.currentTarget as HTMLElement).closest('.bk-track');
    const width = track?.getBoundingClientRect().width ?? 0;
    if (width <= 0) return;
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    drag.current = {
      key: item.key,
      mode: dragMode,
      originX: event.clientX,
      pxPerMs: width / span,
      start: item.start,
      end: item.end,
      moved: false,
    };
  };

  const onBlockPointerMove = (event: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.originX;
    if (!d.moved && Math.abs(dx) < 4) return;
    d.moved = true;
    const delta = Math.round(dx / d.pxPerMs / STEP) * STEP;
    if (d.mode === 'move') setPending({ key: d.key, start: d.start + delta, end: d.end + delta });
    else setPending({ key: d.key, start: d.start, end: Math.max(d.start + STEP, d.end + delta) });
  };

  const onBlockPointerUp = (event: PointerEvent<HTMLElement>, item: TimelineItem) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    event.stopPropagation();
    if (!d.moved) return;
    suppressClick.current = true;
    const dx = event.clientX - d.originX;
    const delta = Math.round(dx / d.pxPerMs / STEP) * STEP;
    const start = d.mode === 'move' ? d.start + delta : d.start;
    const end = d.mode === 'move' ? d.end + delta : Math.max(d.start + STEP, d.end + delta);
    if (start === item.start && end === item.end) setPending(null);
    else void commit(item, start, end);
  };

  const onTrackPointerUp = (event: PointerEvent<HTMLDivElement>, rowId: string) => {
    if (event.button !== 0 || (event.target as Element).closest('.bk-block')) return;
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width <= 0) return;
    const at = range.from + ((event.clientX - rect.left) / rect.width) * span;
    // A click picks the quarter hour it falls in.
    onCreate(rowId, snap(at - STEP / 2, range));
  };

  const pendingItem = pending ? items.find((i) => i.key === pending.key) : undefined;
  const announcement =
    pending && pendingItem
      ? t('timeline.pending', { time: timeRange(pending.start, pending.end, zone, language) })
      : '';
  const trackWidth = mode === 'day' ? ticks.length * HOUR_PX : ticks.length * DAY_PX;
  const scroller = useRef<HTMLDivElement>(null);
  // A day opens at 07:00, where the working day starts, not at midnight.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || mode !== 'day') return;
    const seven = ticks.find((tick) => tick.label === '07');
    if (seven) el.scrollLeft = fractionOf(seven.at, range) * trackWidth;
  }, [range, mode, ticks, trackWidth]);

  return (
    <div className="bk-timeline" data-testid="timeline" data-mode={mode}>
      <p id="bk-timeline-help" className="bk-sr-only">
        {t('timeline.keyboardHelp')}
      </p>
      <div className="bk-sr-only" aria-live="polite" data-testid="timeline-announcement">
        {announcement}
      </div>
      <div className="bk-timeline-scroll" ref={scroller}>
        <div className="bk-timeline-grid" style={{ minWidth: trackWidth + 220 }}>
          <div className="bk-corner" />
          <div className="bk-axis" aria-hidden>
            {ticks.map((tick) => (
              <div
                key={tick.at}
                className={`bk-axis-label${tick.repeated ? ' bk-axis-repeated' : ''}`}
                style={{ left: pct(tick.at) }}
              >
                {mode === 'day' ? tick.label : dayLabel(tick.at)}
              </div>
            ))}
          </div>
          {rows.map((row) => {
            const rowItems = byRow.get(row.id) ?? [];
            const lanes = laneLayout(rowItems);
            const laneCount = Math.max(1, ...[...lanes.values()].map((l) => l + 1));
            return (
              <div
                key={row.id}
                className={`bk-row${row.inactive ? ' bk-row-inactive' : ''}`}
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
                </div>
                <div
                  className="bk-track"
                  style={{ height: laneCount * LANE_HEIGHT + 8 }}
                  data-testid={`timeline-track-${row.id}`}
                  onPointerUp={(event) => onTrackPointerUp(event, row.id)}
                >
                  {ticks.map((tick) => (
                    <div key={tick.at} className="bk-gridline" style={{ left: pct(tick.at) }} />
                  ))}
                  {now >= range.from && now < range.to && (
                    <div className="bk-now" style={{ left: pct(now) }} />
                  )}
                  {rowItems.map((item) => {
                    const shown = pending?.key === item.key ? pending : item;
                    const lane = lanes.get(item.key) ?? 0;
                    // Starts with the visible text so speech input ("click 09:00") finds it.
                    const label = `${timeRange(shown.start, shown.end, zone, language)} ${item.label}, ${t(`status.${item.status}`)}${item.inConflict ? `, ${t('conflict.marker')}` : ''}`;
                    return (
                      <div
                        key={item.key}
                        className="bk-block-wrap"
                        style={{
                          left: pct(shown.start),
                          width: widthPct(shown.start, shown.end + item.bufferMs),
                          top: 4 + lane * LANE_HEIGHT,
                        }}
                      >
                        <button
                          type="button"
                          className={`bk-block bk-status-${item.status}${item.inConflict ? ' bk-in-conflict' : ''}${pending?.key === item.key ? ' bk-pending' : ''}`}
                          style={{
                            width: `${((shown.end - shown.start) / (shown.end - shown.start + item.bufferMs)) * 100}%`,
                          }}
                          aria-describedby="bk-timeline-help"
                          aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Enter Escape"
                          title={label}
                          data-testid={`block-${item.bookingId}`}
                          data-start={new Date(shown.start).toISOString()}
                          data-end={new Date(shown.end).toISOString()}
                          disabled={busy && pending?.key === item.key}
                          onKeyDown={(event) => onBlockKeyDown(event, item)}
                          onPointerDown={(event) => onBlockPointerDown(event, item, 'move')}
                          onPointerMove={onBlockPointerMove}
                          onPointerUp={(event) => onBlockPointerUp(event, item)}
                          onBlur={() => {
                            if (pending?.key === item.key && !busy && !drag.current)
                              setPending(null);
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
                          <span className="bk-block-time">
                            {timeRange(shown.start, shown.end, zone, language)}
                          </span>{' '}
                          <span className="bk-block-label">{item.label}</span>
                          <span className="bk-sr-only">
                            {', '}
                            {t(`status.${item.status}`)}
                            {item.inConflict ? `, ${t('conflict.marker')}` : ''}
                          </span>
                          <span
                            className="bk-block-resize"
                            aria-hidden
                            data-testid={`resize-${item.bookingId}`}
                            onPointerDown={(event) => onBlockPointerDown(event, item, 'resize')}
                            onPointerMove={onBlockPointerMove}
                            onPointerUp={(event) => onBlockPointerUp(event, item)}
                          />
                        </button>
                        {item.bufferMs > 0 && <span className="bk-buffer" aria-hidden />}
                      </div>
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
